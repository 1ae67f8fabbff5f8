"""Short names the documents declare: read from the text, used by search and by 什么是X."""

from __future__ import annotations

import pytest

from knowledge.aliases import Alias, Aliases, declared
from knowledge.opening import open_knowledge_base

from .helpers import make_doc


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("劳动者连续工作1年以上的，享受带薪年休假（以下简称年休假）。", ("年休假", "带薪年休假")),
        ("本条例所称集体协商代表（以下简称协商代表），是指……", ("协商代表", "集体协商代表")),
        ("按照国务院有关规定设立的社会保险经办机构(以下称经办机构)", ("经办机构", "社会保险经办机构")),
        ("为了实施《职工带薪年休假条例》（以下简称《年休假条例》）", ("年休假条例", "职工带薪年休假条例")),
        ("开展全市职工职业技能大赛（以下简称“技能大赛”）", ("技能大赛", "全市职工职业技能大赛")),
        ("中华全国总工会（简称全总）是……", ("全总", "中华全国总工会")),
    ],
)
def test_an_abbreviation_is_read(text, pair):
    assert declared(text) == [Alias(*pair)]


@pytest.mark.parametrize(
    "text",
    [
        "企业、个体经济组织、民办非企业单位等组织（以下称用人单位）",  # a class, not an abbreviation
        "第二条 全民所有制工业企业（以下简称企业）",  # a generic tail of the full name
        "为了实施《职工带薪年休假条例》（以下简称条例）",
        "从事使用有毒物品作业的用人单位(以下简称用人单位)",  # the same name
    ],
)
def test_a_generic_or_unrelated_name_is_no_alias(text):
    assert declared(text) == []


def test_aliases_go_both_ways_and_are_found_in_a_question():
    aliases = Aliases([Alias("创新奖", "职工技术创新成果奖")])
    assert aliases.of("创新奖") == ["职工技术创新成果奖"]
    assert aliases.of("职工技术创新成果奖") == ["创新奖"]
    assert aliases.in_text("创新奖怎么申报") == ["职工技术创新成果奖"]
    # the other way too: after its declaration a document uses only the short name
    assert aliases.in_text("职工技术创新成果奖怎么申报") == ["创新奖"]
    assert aliases.in_text("职工技术创新成果奖（创新奖）") == []  # both stand in it already


def _kb(tmp_path, *, declare: bool):
    kb = open_knowledge_base(
        db_path=tmp_path / "k.db", chroma_path=tmp_path / "c", chroma_url="", embedder=None
    )
    said = "（以下简称“创新奖”）" if declare else ""
    kb.ingest(
        [
            make_doc(
                "mem://award",
                "市总工会关于评选表彰的通知",
                [
                    ("第二条", f"本办法所称职工技术创新成果奖{said}，是指市总工会对职工技术创新成果的奖励。"),
                    ("第五条", "职工技术创新成果奖的申报截止时间为当年九月三十日。"),
                ],
                doc_type="通知",
            ),
            make_doc(
                "mem://studio",
                "市总工会关于创新工作室的通知",
                [("第三条", "创新工作室的申报截止时间为每年六月三十日。")],
                doc_type="通知",
            ),
        ]
    )
    return kb


@pytest.mark.parametrize("declare", [True, False])
def test_search_finds_the_full_name_by_the_declared_short_one(tmp_path, declare):
    """The article names the award in full; the cadre asks by the short name its document declared.
    Without the declaration the other notice's deadline comes first (so the test can fail)."""
    kb = _kb(tmp_path, declare=declare)
    top = kb.search("创新奖的申报截止时间是哪天", k=1)[0]
    assert ("九月三十日" in top.text) is declare


def test_a_new_declaration_is_seen_after_ingest(tmp_path):
    kb = _kb(tmp_path, declare=False)
    assert kb.aliases.of("创新奖") == []
    kb.ingest(
        [make_doc("mem://more", "补充通知", [(None, "职工技术创新成果奖（以下简称创新奖）另行通知。")])]
    )
    assert kb.aliases.of("创新奖") == ["职工技术创新成果奖"]


def test_what_is_the_short_name_is_answered_by_the_full_names_definition(tmp_path):
    kb = _kb(tmp_path, declare=True)
    answer = kb.ask("什么是创新奖")
    assert answer.found and answer.answer.startswith("本办法所称职工技术创新成果奖"), answer
