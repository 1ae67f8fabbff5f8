"""Writes wait for another process's transaction instead of failing with "database is locked", and give
up with one domain error (StoreBusy) that leaves nothing half-written. The other process is a second
SQLite connection holding a real write transaction on the same file."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from knowledge.embedders import HashEmbedder
from knowledge.errors import StoreBusy
from knowledge.opening import open_knowledge_base

from .helpers import COMPETITION_NOTICE, UNION_LAW


def _hold_write_lock(path) -> sqlite3.Connection:
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    # a real change: the waiting writer's snapshot is stale once this commits
    other.execute("update documents set ingested_at = ingested_at")
    return other


def test_an_ingest_waits_for_another_writer_and_then_succeeds(tmp_path):
    kb = open_knowledge_base(
        db_path=tmp_path / "k.db", chroma_path=tmp_path / "c", chroma_url="", embedder=None
    )
    kb.ingest([UNION_LAW])
    kb.search("工会经费")  # a read first, as a running server has done
    other = _hold_write_lock(tmp_path / "k.db")
    released = threading.Timer(1.5, lambda: other.execute("COMMIT"))
    released.start()
    try:
        # before IMMEDIATE transactions this failed at once: a deferred transaction that had read
        # could not be upgraded after the other writer committed (SQLITE_BUSY_SNAPSHOT)
        report = kb.ingest([COMPETITION_NOTICE])
    finally:
        released.join()
        other.close()
    assert len(report.added) == 1
    assert kb.check()[0].consistent


def test_a_writer_that_never_lets_go_gives_store_busy_and_leaves_nothing(tmp_path):
    kb = open_knowledge_base(
        db_path=tmp_path / "k.db",
        chroma_path=tmp_path / "c",
        chroma_url="",
        embedder=HashEmbedder(64),
        busy_timeout=0.3,
    )
    kb.ingest([UNION_LAW])
    other = _hold_write_lock(tmp_path / "k.db")
    try:
        with pytest.raises(StoreBusy) as caught:
            kb.ingest([COMPETITION_NOTICE])
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert "等待超时" in caught.value.message and caught.value.status == 503
    assert [d.title for d in kb.catalog.documents()] == ["中华人民共和国工会法"]
    found, _ = kb.check()
    assert found.consistent and found.vectors == found.chunks == 4
