"""Catalogue, lexical index and vector store stay in step: ids are never reused, and `check` finds and
repairs what a crash (or outside damage) leaves. Damage is done at the wire, with chromadb's own client
and plain SQL on knowledge.db, never by patching our code."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import chromadb
import numpy as np
import pytest
from chromadb.config import Settings as ChromaSettings

from knowledge.embedders import HashEmbedder
from knowledge.opening import open_knowledge_base
from knowledge.vectors import COLLECTION

from .helpers import COMPETITION_NOTICE, DUPLICATE_NOTICE, UNION_LAW

HASH = HashEmbedder(256)


def _open(tmp_path, embedder=HASH):
    return open_knowledge_base(
        db_path=tmp_path / "knowledge.db", chroma_path=tmp_path / "chroma", chroma_url="", embedder=embedder
    )


def _chroma(tmp_path):
    client = chromadb.PersistentClient(
        path=str(tmp_path / "chroma"), settings=ChromaSettings(anonymized_telemetry=False)
    )
    return client.get_collection(COLLECTION)


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def _crash_after_vectors(tmp_path, *, chunks: int) -> int:
    """What a kill -9 between the vector write and the catalogue commit leaves: a reservation of a
    process that is gone, and vectors under the reserved id that no catalogue chunk has."""
    db = sqlite3.connect(tmp_path / "knowledge.db")
    with db:
        (doc_id,) = db.execute("select next from id_sequence where name = 'documents'").fetchone()
        db.execute("update id_sequence set next = next + 1 where name = 'documents'")
        db.execute("insert into id_reservations (doc_id, pid, at) values (?, ?, '')", [doc_id, _dead_pid()])
    db.close()
    rng = np.random.default_rng(0)
    _chroma(tmp_path).add(
        ids=[f"{doc_id}:{i}" for i in range(chunks)],
        embeddings=rng.random((chunks, 256)).astype(np.float32),
        metadatas=[{"doc_id": doc_id, "doc_type": "法律", "date": 20210101}] * chunks,
    )
    return doc_id


def test_a_consistent_store_reports_equal_counts(tmp_path):
    kb = _open(tmp_path)
    kb.ingest([UNION_LAW, COMPETITION_NOTICE])
    found, fixed = kb.check(repair=True)
    assert found.consistent and fixed is None
    assert (found.documents, found.chunks, found.lexical, found.vectors) == (2, 7, 7, 7)


def test_crash_leftovers_are_found_repaired_and_their_ids_never_reused(tmp_path):
    kb = _open(tmp_path)
    kb.ingest([UNION_LAW])  # doc 1, chunks 1:0 … 1:3
    orphan_doc = _crash_after_vectors(tmp_path, chunks=40)
    _chroma(tmp_path).delete(ids=["1:2"])  # a catalogue chunk whose vector is gone

    kb = _open(tmp_path)  # as after a restart
    found, _ = kb.check()
    assert not found.consistent
    assert (found.chunks, found.lexical, found.vectors) == (4, 4, 43)
    assert len(found.orphan_vectors) == 40 and found.orphan_docs == (orphan_doc,)
    assert found.missing_vectors == ("1:2",)

    after, fixed = kb.check(repair=True)
    assert fixed.removed_vectors == 40 and fixed.embedded == 1
    assert after.consistent and (after.chunks, after.lexical, after.vectors) == (4, 4, 4)
    assert kb.catalog.reservations() == {}
    # the repaired vector is the one the chunk's text gives: the passage is found by vector search
    assert "1:2" in kb.vectors.similarities(kb.embed_query("民主管理"), ["1:2", "1:3"])

    report = kb.ingest([COMPETITION_NOTICE])
    new_id = report.added[0][0]
    assert new_id > orphan_doc
    assert kb.check()[0].consistent


def test_a_later_document_never_gets_the_id_of_a_crashed_one_even_unrepaired(tmp_path):
    kb = _open(tmp_path)
    kb.ingest([UNION_LAW])
    orphan_doc = _crash_after_vectors(tmp_path, chunks=10)
    kb = _open(tmp_path)
    new_id = kb.ingest([COMPETITION_NOTICE]).added[0][0]
    # with plain rowids the new document took the orphan's id and its chunk ids collided with them
    assert new_id != orphan_doc
    found, _ = kb.check()
    assert len(found.orphan_vectors) == 10 and found.missing_vectors == ()


def test_vectors_of_an_ingest_in_flight_are_not_orphans(tmp_path):
    kb = _open(tmp_path)
    kb.ingest([UNION_LAW])
    # this process reserved an id and wrote its vectors, and has not committed yet
    (doc_id,) = kb.catalog.reserve_ids(1)
    kb.vectors.add(
        [f"{doc_id}:0"], np.ones((1, 256), np.float32), [{"doc_id": doc_id, "doc_type": "", "date": 0}]
    )
    found, fixed = kb.check(repair=True)
    assert found.consistent and found.in_flight == 1 and fixed is None
    assert kb.vectors.count() == 5


def test_a_removed_document_leaves_nothing_behind(tmp_path):
    kb = _open(tmp_path)
    kb.ingest([UNION_LAW, COMPETITION_NOTICE, DUPLICATE_NOTICE])
    kb.remove(2)
    found, _ = kb.check()
    assert found.consistent and (found.documents, found.chunks, found.vectors) == (2, 5, 5)


def test_a_catalogue_row_with_a_wrong_chunk_count_is_recounted(tmp_path):
    kb = _open(tmp_path, embedder=None)
    kb.ingest([UNION_LAW])
    db = sqlite3.connect(tmp_path / "knowledge.db")
    with db:
        db.execute("delete from chunks where id = '1:3'")
    db.close()
    kb = _open(tmp_path, embedder=None)
    found, _ = kb.check()
    assert found.vectors is None and found.miscounted == ((1, 4, 3),)
    after, fixed = kb.check(repair=True)
    assert fixed.recounted == 1 and after.consistent


@pytest.mark.parametrize("replace", [False, True])
def test_ingest_keeps_all_three_in_step(tmp_path, replace):
    from .helpers import make_doc

    kb = _open(tmp_path)
    kb.ingest([UNION_LAW, COMPETITION_NOTICE])
    if replace:
        kb.ingest(
            [make_doc(UNION_LAW.source, "中华人民共和国工会法", [("第一条", "为保障工会的地位，制定本法。")])]
        )
    found, _ = kb.check()
    assert found.consistent and found.chunks == found.lexical == found.vectors == (4 if replace else 7)
