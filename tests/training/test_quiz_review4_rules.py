"""Rules from the fourth blind review round (a fresh reviewer graded 60 items 51/9/0), each on passages
made here: documents and subjects outside an enterprise union's work; a value another document states
differently; blanks the stem gives away; pairs with no plausible distractor; true/false statements of
rules whose exceptions stand elsewhere."""

from __future__ import annotations

from training.caveats import federation_rule, has_exceptions, implied, in_pair, off_scope_doc, term_shown
from training.corpus import Corpus, CorpusDoc, Passage
from training.model import ItemKind, QuizItem
from training.quantities import quantities
from training.quiz import Generator


def _passage(text: str, *, doc_id: int = 1, title: str = "劳动法", article: str | None = "第一条") -> Passage:
    return Passage(doc_id, title, title, (), article, text)


def _items(*passages: Passage) -> list[QuizItem]:
    """Items of the first document, in a corpus of one document per distinct doc id."""
    by_doc: dict[int, list[Passage]] = {}
    for p in passages:
        by_doc.setdefault(p.doc_id, []).append(p)
    docs = [CorpusDoc(d, ps[0].title, ps[0].name, tuple(ps)) for d, ps in by_doc.items()]
    first = by_doc[passages[0].doc_id]
    return Generator(Corpus(docs)).generate(first)


def _q(stem: str, number: str):
    return next(q for q in quantities(stem) if q.number == number)


LEAVE = "女职工生育享受不少于九十天的产假。"


def test_a_document_for_state_units_gives_no_item():
    assert off_scope_doc("中华人民共和国全民所有制工业企业法")
    assert off_scope_doc("中华人民共和国宪法")
    scope = _passage("本条例适用于全民所有制企业、事业单位。", title="奖励条例", article="第四条")
    assert off_scope_doc("奖励条例", [scope])
    assert not off_scope_doc("中华人民共和国劳动法", [_passage("本法适用于中华人民共和国境内的企业。")])
    rule = _passage(LEAVE, title="中华人民共和国全民所有制工业企业法")
    assert _items(rule) == []
    assert _items(_passage(LEAVE, title="奖励条例", article="第九条"), scope) == []
    assert _items(_passage(LEAVE))  # the same rule in another document is asked


def test_the_terms_of_union_federations_are_no_item_but_a_grassroots_unions_are():
    assert federation_rule("市和区、县总工会委员会以及产业工会委员会每届任期5年。")
    assert federation_rule("省总工会常务委员会由主席、副主席和常务委员组成。")
    assert not federation_rule("基层工会委员会每届任期三年或者五年。")
    assert not federation_rule("企业工会委员会每届任期三年或者五年。")
    assert _items(_passage("市和区、县总工会委员会以及产业工会委员会每届任期5年。")) == []


def test_a_value_another_document_states_differently_drops_the_general_floor():
    special = _passage(
        "女职工生育享受98天产假，其中产前可以休假15天。", doc_id=2, title="特别规定", article="第七条"
    )
    assert _items(_passage(LEAVE), special) == []
    assert _items(_passage(LEAVE))  # alone, the law's floor is asked
    # the exact value beside another's floor stays
    kept = _items(special, _passage(LEAVE))
    assert kept and all("98" in i.source.quote for i in kept)


def test_a_unit_word_or_a_neighbouring_value_gives_the_blank_away():
    year = "被采用的项目年节约的价值，自采用之日起，按十二个月为计算单位。"
    assert implied(year, _q(year, "十二"))
    wages = "职工下落不明的，从事故发生当月起3个月内照发工资，从第4个月起停发工资。"
    assert implied(wages, _q(wages, "3"))
    plain = "职工下落不明的，从事故发生当月起3个月内照发工资，从第7个月起停发工资。"
    assert not implied(plain, _q(plain, "3"))
    items = _items(_passage(wages))
    assert not [i for i in items if i.kind is ItemKind.CLOZE and i.answer == "3"]


def test_a_defined_term_pieced_together_from_stem_and_title_is_no_blank():
    stem = "本条例所称，是指劳动者一方与用人单位就签订集体合同有关事项进行平等协商的活动。"
    assert term_shown("集体协商", stem, "浙江省集体合同条例")
    assert not term_shown("集体协商", stem.replace("平等协商", "平等商谈"), "浙江省工会条例")
    text = "本条例所称集体协商，是指劳动者一方与用人单位就签订集体合同有关事项进行平等协商的活动。"
    items = _items(_passage(text, title="浙江省集体合同条例", article="第三条"))
    assert not [i for i in items if i.answer == "集体协商"]


def test_the_second_of_a_pair_gets_a_cloze_but_no_choice_or_false_statement():
    stem = "职工代表大会每届三年或者五年，每年至少召开一次会议。"
    assert in_pair(stem, _q(stem, "五"))
    assert not in_pair(stem, _q(stem, "三"))
    other = _passage("职工代表大会代表任期十年。", doc_id=2, title="某条例")
    more = _passage("工会主席任期十二年。", doc_id=3, title="另一条例")
    items = _items(_passage(stem), other, more)
    about_five = [i for i in items if i.answer == "五" or (i.kind is ItemKind.JUDGE and i.answer is False)]
    assert about_five and all(i.kind is ItemKind.CLOZE for i in about_five if "或者" in i.question)


def test_a_rule_with_exceptions_in_its_neighbours_is_not_judged_true():
    rule = "劳动者解除劳动合同，应当提前三十日以书面形式通知用人单位。"
    next_one = "有下列情形之一的，劳动者可以随时通知用人单位解除劳动合同：\n（一）在试用期内的；"
    assert has_exceptions(rule, rule, [next_one])
    assert not has_exceptions(rule, rule, ["用人单位应当依法建立和完善劳动规章制度。"])
    assert has_exceptions(rule, rule + "但是，双方另有约定的除外。", [])
    items = _items(_passage(rule, article="第三十一条"), _passage(next_one, article="第三十二条"))
    assert items and not [i for i in items if i.kind is ItemKind.JUDGE]
    alone = _items(_passage(rule, article="第三十一条"))
    assert [i for i in alone if i.kind is ItemKind.JUDGE]
