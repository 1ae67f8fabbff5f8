"""The verifier refuses every kind of broken item a generator or a trainer's edit could produce."""

from __future__ import annotations

import dataclasses

import pytest

from training.model import ItemKind, QuizItem, Source
from training.verify import JUDGE_OPTIONS, duplicates, problems

QUOTE = "用人单位有会员二十五人以上的，应当建立基层工会委员会；不足二十五人的，可以单独建立基层工会委员会"
LEAD = "根据《工会法》第十一条，填空："


@pytest.fixture
def source(sample_corpus):
    doc = sample_corpus.find("工会法")
    return Source(doc.id, doc.title, "第十一条", QUOTE)


def cloze(source, question="用人单位有会员____人以上的，应当建立基层工会委员会", answer="二十五"):
    return QuizItem(0, ItemKind.CLOZE, LEAD + question, (), answer, source)


def test_a_sound_cloze_passes(sample_corpus, source):
    assert problems(cloze(source), sample_corpus) == []


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("用人单位有会员____人以上的，应当建立基层工会委员会", "五十"),  # answer not in the quote
        ("用人单位有会员二十五人以上的，应当建立基层工会委员会", "二十五"),  # no blank
        ("用人单位有会员____人以上的，可以建立基层工会委员会", "二十五"),  # stem changed
    ],
)
def test_cloze_that_does_not_fill_back_into_the_quote_is_refused(sample_corpus, source, question, answer):
    assert problems(cloze(source, question, answer), sample_corpus)


def test_a_quote_not_in_its_document_is_refused(sample_corpus, source):
    item = cloze(dataclasses.replace(source, quote="用人单位有会员二十五人以上的，可以建立工会"))
    assert "引用的原文不在来源文件中。" in problems(item, sample_corpus)


def test_choice_options_distinct_and_distractors_wrong(sample_corpus, source):
    base = QuizItem(
        0,
        ItemKind.CHOICE,
        LEAD + "用人单位有会员____人以上的，应当建立基层工会委员会",
        ("十", "二十五", "五十", "一百"),
        "二十五",
        source,
    )
    assert problems(base, sample_corpus) == []
    assert problems(dataclasses.replace(base, options=("十", "二十五", "十", "一百")), sample_corpus)
    assert problems(dataclasses.replace(base, options=("十", "五十", "一百")), sample_corpus)


def test_judge_false_that_occurs_in_a_document_is_refused(sample_corpus, source):
    # 职工二百人以上 … 可以设专职工会主席 is 工会法 第十四条: true, so it cannot be the false variant
    other = dataclasses.replace(
        source,
        article="第十四条",
        quote="职工二百人以上的企业、事业单位、社会组织的工会，可以设专职工会主席。",
    )
    true_text = "“职工二百人以上的企业、事业单位、社会组织的工会，可以设专职工会主席。”"
    item = QuizItem(
        0, ItemKind.JUDGE, "根据《工会法》第十四条，判断对错：" + true_text, JUDGE_OPTIONS, False, other
    )
    assert "判断为错误的说法却出现在文件中。" in problems(item, sample_corpus)
    assert problems(dataclasses.replace(item, answer=True), sample_corpus) == []


def test_order_in_the_wrong_order_is_refused(sample_corpus):
    doc = sample_corpus.find("集体合同规定")
    passage = next(p for p in doc.passages if p.article == "第五十三条")
    steps = ("受理协调处理申请", "调查了解争议的情况", "研究制定协调处理争议的方案")
    src = Source(doc.id, doc.title, "第五十三条", passage.text)
    item = QuizItem(
        0,
        ItemKind.ORDER,
        "根据《集体合同规定》第五十三条，排出正确顺序：协调处理程序。",
        (steps[1], steps[0], steps[2]),
        steps,
        src,
    )
    assert problems(item, sample_corpus) == []
    swapped = dataclasses.replace(item, answer=(steps[1], steps[0], steps[2]), options=steps)
    assert problems(swapped, sample_corpus)


def test_duplicates_are_found(source):
    a = cloze(source)
    assert duplicates([a, dataclasses.replace(a, id=9), cloze(source, answer="x")]) == {1, 2}
