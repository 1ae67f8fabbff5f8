"""`gonghui check [--repair] [--json]` as a real subprocess: damage done at the wire (chromadb's own client),
and a real `kill -9` of an ingest between its vector write and its catalogue commit."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import chromadb
import numpy as np
from chromadb.config import Settings as ChromaSettings

from knowledge.vectors import COLLECTION

REPO = Path(__file__).resolve().parents[1]
LAW = REPO / "knowledge" / "samples" / "01_gonghuifa_2021.md"
SEED = REPO / "knowledge" / "samples" / "harbin_2020_labour_competition_notice.txt"


def _env(data_dir: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "GONGHUI_DATA_DIR": str(data_dir), "GONGHUI_EMBEDDER": "hash", **extra}


def gonghui(data_dir: Path, *args: str, **extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "gonghui", *args],
        capture_output=True,
        text=True,
        env=_env(data_dir, **extra),
        timeout=180,
    )


def _collection(data_dir: Path):
    client = chromadb.PersistentClient(
        path=str(data_dir / "chroma"), settings=ChromaSettings(anonymized_telemetry=False)
    )
    return client.get_collection(COLLECTION)


def _report(data_dir: Path) -> dict:
    proc = gonghui(data_dir, "check", "--json")
    return json.loads(proc.stdout) | {"rc": proc.returncode}


def test_check_reports_wire_damage_and_repair_fixes_it(tmp_path):
    assert gonghui(tmp_path, "ingest", str(LAW), str(SEED)).returncode == 0
    ok = _report(tmp_path)
    chunks = ok["catalogue"]["chunks"]
    assert ok["rc"] == 0 and ok["consistent"] and ok["lexical"]["chunks"] == ok["vectors"]["count"] == chunks
    # vectors of a document SQLite does not have, under the id the next document would get from a
    # plain rowid (the crash of the issue), and a catalogue chunk whose vector is gone
    col = _collection(tmp_path)
    col.add(
        ids=[f"3:{i}" for i in range(30)],
        embeddings=np.random.default_rng(1).random((30, 256)),
        metadatas=[{"doc_id": 3, "doc_type": "", "date": 0}] * 30,
    )
    col.delete(ids=["1:5"])

    proc = gonghui(tmp_path, "check")
    assert proc.returncode == 1
    assert (
        "孤立向量：30 个（文档 3 不在目录中" in proc.stdout
        and "缺少向量的段落：1 个（如 1:5）" in proc.stdout
    )
    assert "gonghui check --repair" in proc.stdout
    bad = _report(tmp_path)
    assert bad["orphan_vectors"] == {"count": 30, "doc_ids": [3]}
    assert (
        bad["missing_vectors"] == {"count": 1, "chunk_ids": ["1:5"]}
        and bad["vectors"]["count"] == chunks + 29
    )

    proc = gonghui(tmp_path, "check", "--repair")
    assert proc.returncode == 0, proc.stderr
    assert "已修复：删除 30 个孤立向量，补建 1 个向量。" in proc.stdout
    assert f"一致：目录 {chunks} = 关键词 {chunks} = 向量 {chunks}。" in proc.stdout
    # a later document never takes the orphans' id
    notice = tmp_path / "通知.txt"
    notice.write_text(
        "关于开展职工技能竞赛的通知\n\n各基层工会：请组织职工参加技能竞赛。\n", encoding="utf-8"
    )
    out = gonghui(tmp_path, "ingest", str(notice)).stdout
    assert "已导入  [4]" in out
    assert _report(tmp_path)["consistent"]


def _big_text(path: Path, paragraphs: int) -> Path:
    body = "\n\n".join(
        f"第{i}条 用人单位应当依法保障职工参加劳动和技能竞赛的权利，第{i}项措施包括岗位练兵、技术比武、"
        f"合理化建议和技术创新，所需经费按照规定列支，竞赛结果作为评先评优的重要依据。编号{i:05d}。" * 3
        for i in range(1, paragraphs + 1)
    )
    path.write_text("关于劳动竞赛的长篇规定\n\n" + body + "\n", encoding="utf-8")
    return path


def _kill_between_vectors_and_commit(data_dir: Path, big: Path) -> tuple[int, int] | None:
    """Start an ingest, hold knowledge.db's write lock once it has reserved its id, wait until its
    vectors are in chroma, kill -9 it. Returns (doc id, vectors written), None if it committed first."""
    db_path = data_dir / "knowledge.db"
    before = _collection(data_dir).count()
    proc = subprocess.Popen(
        [sys.executable, "-m", "gonghui", "ingest", str(big)],
        env=_env(data_dir, GONGHUI_BUSY_TIMEOUT="300"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    holder = sqlite3.connect(db_path, timeout=60, isolation_level=None)
    try:
        deadline = time.monotonic() + 150
        reserved = []
        while not reserved and time.monotonic() < deadline and proc.poll() is None:
            reserved = holder.execute("select doc_id from id_reservations").fetchall()
            time.sleep(0.01)
        assert reserved, "the ingest never reserved an id"
        holder.execute("BEGIN IMMEDIATE")
        doc_id = reserved[0][0]
        if holder.execute("select count(*) from documents where id = ?", [doc_id]).fetchone()[0]:
            return None  # it got through before the lock: try again
        col = _collection(data_dir)
        while col.count() == before and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)  # let it finish the batch it is writing
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        return doc_id, _collection(data_dir).count() - before
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        holder.close()


def test_kill_9_between_vectors_and_commit_leaves_only_orphans_that_repair_removes(tmp_path):
    assert gonghui(tmp_path, "ingest", str(LAW)).returncode == 0
    big = _big_text(tmp_path / "长篇规定.txt", 600)
    for _ in range(3):
        killed = _kill_between_vectors_and_commit(tmp_path, big)
        if killed:
            break
    assert killed, "the ingest committed before the lock three times"
    doc_id, written = killed
    assert written > 0
    report = _report(tmp_path)
    assert report["rc"] == 1 and report["orphan_vectors"] == {"count": written, "doc_ids": [doc_id]}
    assert report["missing_vectors"]["count"] == 0 and report["in_flight"] == 0
    assert gonghui(tmp_path, "check", "--repair").returncode == 0
    fixed = _report(tmp_path)
    assert fixed["consistent"] and fixed["vectors"]["count"] == fixed["catalogue"]["chunks"]
    # the ingest again: a new id, and all three stores agree
    out = gonghui(tmp_path, "ingest", str(big)).stdout
    assert "已导入" in out and f"[{doc_id}]" not in out
    final = _report(tmp_path)
    assert final["consistent"] and final["catalogue"]["documents"] == 2
