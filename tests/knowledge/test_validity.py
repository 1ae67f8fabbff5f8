"""Which rules are in force: a newer revision supersedes the older one, a repeal clause repeals, the user
can say so; search prefers rules in force and answers say when they quote one that is not."""

import pytest
import sqlite_utils
from sqlite_utils.migrations import Migrations

from ingest.pipeline import prepare_text
from knowledge.base import KnowledgeBase
from knowledge.catalog import Catalog, m001_documents_and_chunks
from knowledge.embedders import HashEmbedder
from knowledge.opening import open_knowledge_base

OLD = """# 哈尔滨市职工劳动竞赛条例

2010年6月1日 哈尔滨市人民代表大会常务委员会通过

第一条 为了推动职工劳动竞赛，制定本条例。

第二条 劳动竞赛的先进集体和个人每年评选表彰一次。

第三条 竞赛奖金由市总工会统一发放，所需经费列入工会经费预算。

第四条 本条例自2010年7月1日起施行。
"""

NEW = """# 哈尔滨市职工劳动竞赛条例

2020年6月1日 哈尔滨市人民代表大会常务委员会修订通过

第一条 为了推动职工劳动竞赛，制定本条例。

第二条 劳动竞赛的先进集体和个人每两年评选表彰一次。

第三条 本条例自2020年7月1日起施行。
"""

OLD_RULE = "# 女职工劳动保护规定\n\n1988年7月21日 国务院发布\n\n第一条 女职工在月经期间，所在单位不得安排其从事高空作业。\n"
NEW_RULE = (
    "# 女职工劳动保护特别规定\n\n2012年4月28日 国务院公布\n\n第一条 为了减少和解决女职工在劳动中因生理特点造成的特殊困难，"
    "制定本规定。\n\n第二条 本规定自公布之日起施行。1988年7月21日国务院发布的《女职工劳动保护规定》同时废止。\n"
)


@pytest.fixture(params=["lexical", "hybrid"])
def lexical_kb(request, tmp_path) -> KnowledgeBase:
    """Both fusions rank rules in force first: RRF (lexical only) and z-scores (with vectors)."""
    embedder = HashEmbedder(64) if request.param == "hybrid" else None
    return open_knowledge_base(
        db_path=tmp_path / "k.db", chroma_path=tmp_path / "c", chroma_url="", embedder=embedder
    )


def doc(text: str, name: str, **overrides):
    return prepare_text(text, source=f"mem://{name}", format="md", overrides=overrides or None)


def statuses(kb: KnowledgeBase) -> dict[str, tuple[str, str | None]]:
    return {d.source.removeprefix("mem://"): (d.status, d.superseded_by) for d in kb.catalog.documents()}


def test_a_newer_revision_supersedes_the_older_and_answers_come_from_it(lexical_kb):
    lexical_kb.ingest([doc(OLD, "old"), doc(NEW, "new")])
    assert statuses(lexical_kb) == {
        "old": ("已修订", "哈尔滨市职工劳动竞赛条例"),
        "new": ("现行有效", None),
    }
    old_id = next(d.id for d in lexical_kb.catalog.documents() if d.source == "mem://old")
    assert lexical_kb.search("先进集体评选表彰", k=5)[0].status == "现行有效"  # in force first
    answer = lexical_kb.ask("劳动竞赛先进集体和个人多久评选表彰一次？")
    assert answer.found and "每两年" in answer.answer and "已修订" not in answer.answer
    assert answer.citations[0].status == "现行有效"
    # only the old revision has a rule on bonuses: it is quoted, with a warning naming its replacement
    only_old = lexical_kb.ask("劳动竞赛奖金由谁统一发放？")
    assert only_old.found and only_old.citations[0].doc_id == old_id
    assert "已修订" in only_old.answer and "《哈尔滨市职工劳动竞赛条例》" in only_old.answer
    assert only_old.citations[0].superseded_by == "哈尔滨市职工劳动竞赛条例"


def test_a_repeal_clause_repeals_the_named_document_and_removing_it_restores_it(lexical_kb):
    lexical_kb.ingest([doc(OLD_RULE, "old"), doc(NEW_RULE, "new")])
    assert statuses(lexical_kb)["old"] == ("已废止", "女职工劳动保护特别规定")
    new_id = next(d.id for d in lexical_kb.catalog.documents() if d.source == "mem://new")
    lexical_kb.remove(new_id)
    assert statuses(lexical_kb)["old"] == ("现行有效", None)


def test_what_the_user_declares_wins_and_can_be_changed_later(lexical_kb):
    lexical_kb.ingest([doc(OLD_RULE, "old", superseded_by="女职工劳动保护特别规定"), doc(NEW, "other")])
    assert statuses(lexical_kb)["old"] == ("已废止", "女职工劳动保护特别规定")
    other = next(d for d in lexical_kb.catalog.documents() if d.source == "mem://other")
    edited = lexical_kb.update_document(other.id, declared_status="已废止", short_title="劳动竞赛条例")
    assert (edited.status, edited.name) == ("已废止", "劳动竞赛条例")
    back = lexical_kb.update_document(other.id, declared_status=None)
    assert back.status == "现行有效"


def test_undated_copies_of_one_title_are_both_left_in_force(lexical_kb):
    def undated(text: str) -> str:
        return "\n".join(line for line in text.split("\n") if "年" not in line)

    lexical_kb.ingest([doc(undated(OLD), "a"), doc(undated(NEW), "b")])
    assert [d.date for d in lexical_kb.catalog.documents()] == [None, None]
    assert set(statuses(lexical_kb).values()) == {("现行有效", None)}


def test_documents_stored_before_the_migration_get_a_short_title(tmp_path):
    path = tmp_path / "k.db"
    old_schema = Migrations("gonghui.knowledge")
    old_schema()(m001_documents_and_chunks)
    db = sqlite_utils.Database(path)
    old_schema.apply(db)
    db["documents"].insert(
        {"source": "x.md", "title": "中华人民共和国工会法", "content_hash": "h", "chunks": 0}
    )
    db.conn.close()
    record = Catalog(path).documents()[0]
    assert (record.short_title, record.status) == ("工会法", "现行有效")
