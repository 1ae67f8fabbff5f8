"""The command line beside a running `gonghui serve` (a real process on a loopback port): ingest works,
a database held past the busy timeout gives one Chinese line saying the server holds the data dir and
how to upload through it (never a traceback), reindex is refused, and the server cleans up at start
what a crashed ingest left."""

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
import httpx
import numpy as np
import pytest
from chromadb.config import Settings as ChromaSettings

from knowledge.vectors import COLLECTION
from registry import Registry
from service import serve_lock
from tests.serving import serving

REPO = Path(__file__).resolve().parents[1]
LAW = REPO / "knowledge" / "samples" / "01_gonghuifa_2021.md"
SEED = REPO / "knowledge" / "samples" / "harbin_2020_labour_competition_notice.txt"


def gonghui(data_dir: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    full = {**os.environ, "GONGHUI_DATA_DIR": str(data_dir), "GONGHUI_EMBEDDER": "hash", **env}
    return subprocess.run(
        [sys.executable, "-m", "gonghui", *args], capture_output=True, text=True, env=full, timeout=180
    )


def _hold(path: Path) -> sqlite3.Connection:
    """Another process's long write transaction (an upload the server is committing, say)."""
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    return other


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("served")
    assert gonghui(data_dir, "ingest", str(LAW)).returncode == 0
    # what a kill -9 between vectors and commit leaves: vectors of a document the catalogue lacks
    client = chromadb.PersistentClient(
        path=str(data_dir / "chroma"), settings=ChromaSettings(anonymized_telemetry=False)
    )
    client.get_collection(COLLECTION).add(
        ids=[f"7:{i}" for i in range(12)],
        embeddings=np.ones((12, 256)),
        metadatas=[{"doc_id": 7, "doc_type": "", "date": 0}] * 12,
    )
    del client
    registry = Registry(data_dir / "registry.db", attachments_dir=data_dir / "attachments")
    registry.add_union("哈尔滨市总工会")
    registry.add_user("admin", display_name="管理员", role="admin", union="哈尔滨市总工会")
    token = registry.create_token("admin")[1]
    registry.close()
    env = {**os.environ, "GONGHUI_DATA_DIR": str(data_dir), "GONGHUI_EMBEDDER": "hash"}
    command = [sys.executable, "-m", "gonghui", "serve", "--no-telegram"]
    with serving(command, data_dir, env, start_timeout=120, stop=signal.SIGINT) as served:
        yield data_dir, served.proc, served.base, token


def test_serve_holds_the_data_dir_and_cleaned_up_at_start(served):
    data_dir, proc, base, _ = served
    lock = json.loads((data_dir / serve_lock.LOCK_FILE).read_text())
    assert lock == {"pid": proc.pid, "url": base, "embedder": "hash", "chroma_url": "", "command": "serve"}
    assert serve_lock.current(data_dir) == serve_lock.ServeHolder(pid=proc.pid, url=base, embedder="hash")
    assert (
        "启动检查：" in (data_dir / "serve.log").read_text()
        and "删除 12 个孤立向量" in (data_dir / "serve.log").read_text()
    )
    report = json.loads(gonghui(data_dir, "check", "--json").stdout)
    assert report["consistent"] and report["vectors"]["count"] == report["catalogue"]["chunks"]


def test_ingest_beside_serve_is_sent_through_it_and_the_upload_works(served):
    data_dir, proc, base, token = served
    out = gonghui(data_dir, "ingest", str(SEED))
    # a second process's vectors stay invisible to the server's embedded chroma and break its searches
    assert out.returncode == 1 and "Traceback" not in out.stderr, out.stderr
    lines = [line for line in out.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and f"gonghui serve（进程 {proc.pid}）正在使用数据目录" in lines[0], out.stderr
    assert f'curl -H "Authorization: Bearer 令牌" -F file=@文件 {base}/api/v1/documents' in lines[0]
    assert gonghui(data_dir, "docs", "remove", "1").returncode == 1
    # the way the line shows: upload through the server
    auth = {"Authorization": f"Bearer {token}"}
    with SEED.open("rb") as f:
        r = httpx.post(f"{base}/api/v1/documents", files={"file": (SEED.name, f, "text/plain")}, headers=auth)
    assert r.status_code == 202, r.text
    job = r.json()
    deadline = time.monotonic() + 120
    while job["status"] in ("queued", "running") and time.monotonic() < deadline:
        time.sleep(0.3)
        job = httpx.get(f"{base}/api/v1/jobs/{job['id']}", headers=auth).json()
    assert job["status"] == "done", job
    r = httpx.get(
        f"{base}/api/v1/search", params={"q": "重点项目 劳动竞赛", "k": 3}, headers=auth, timeout=30
    )
    assert r.status_code == 200 and any("哈尔滨" in h["title"] for h in r.json()["hits"]), r.text
    # read-only commands are fine beside the server
    report = json.loads(gonghui(data_dir, "check", "--json").stdout)
    assert report["consistent"] and report["catalogue"]["documents"] == 2


def test_a_database_held_too_long_gives_one_chinese_line(served):
    data_dir, proc, base, _ = served
    other = _hold(data_dir / "knowledge.db")
    try:
        # SQLite only, so allowed beside the server; it waits, then gives up in one line
        out = gonghui(data_dir, "docs", "edit", "1", "--short-title", "工会法", GONGHUI_BUSY_TIMEOUT="1")
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert out.returncode == 1 and "Traceback" not in out.stderr, out.stderr
    lines = [line for line in out.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, out.stderr
    assert f"gonghui serve（进程 {proc.pid}）正在使用数据目录" in lines[0]
    assert f"{base}/api/v1/documents" in lines[0] and "请通过它上传" in lines[0]


def test_registry_commands_wait_and_then_say_so_too(served):
    data_dir, proc, _, _ = served
    other = _hold(data_dir / "registry.db")
    try:
        out = gonghui(data_dir, "unions", "add", "松北区总工会", GONGHUI_BUSY_TIMEOUT="1")
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert out.returncode == 1 and "Traceback" not in out.stderr, out.stderr
    assert f"gonghui serve（进程 {proc.pid}）" in out.stderr and len(out.stderr.strip().splitlines()) == 1


def test_reindex_beside_serve_is_refused_with_the_way_through_it(served):
    data_dir, proc, base, _ = served
    out = gonghui(data_dir, "reindex")
    assert out.returncode == 1 and f"POST {base}/api/v1/documents/reindex" in out.stderr


def test_a_stale_lock_of_a_dead_server_is_ignored(tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (tmp_path / serve_lock.LOCK_FILE).write_text(json.dumps({"pid": dead.pid, "url": "http://127.0.0.1:9"}))
    assert serve_lock.current(tmp_path) is None
    with serve_lock.hold(tmp_path, url="http://127.0.0.1:8000") as me:
        assert serve_lock.current(tmp_path) == me
        with pytest.raises(serve_lock.DataDirInUse):
            # another server on the same data dir (as seen from a second process: a live pid not ours)
            (tmp_path / serve_lock.LOCK_FILE).write_text(json.dumps({"pid": os.getppid(), "url": "x"}))
            with serve_lock.hold(tmp_path, url="http://127.0.0.1:8001"):
                pass
    out = gonghui(tmp_path, "--embedder", "none", "check")
    assert out.returncode == 0


def test_the_telegram_bot_alone_holds_the_data_dir_too(tmp_path):
    """`gonghui telegram` without `serve`: it writes serve.lock (command telegram, no URL), cleans up at
    start, and the command line's vector writes beside it get one Chinese line naming it."""
    from tests.bot.fake_telegram import FakeBotApi, text_update

    assert gonghui(tmp_path, "ingest", str(LAW)).returncode == 0
    with FakeBotApi() as bot_api:
        bot_api.updates = [text_update(1, "/help")]
        env = {
            **os.environ,
            "GONGHUI_DATA_DIR": str(tmp_path),
            "GONGHUI_EMBEDDER": "hash",
            "GONGHUI_TELEGRAM_TOKEN": "123456:TEST",
            "GONGHUI_TELEGRAM_BASE_URL": f"http://127.0.0.1:{bot_api.port}/bot",
        }
        log = (tmp_path / "telegram.log").open("w")
        proc = subprocess.Popen(
            [sys.executable, "-m", "gonghui", "telegram"], env=env, stdout=log, stderr=subprocess.STDOUT
        )
        try:
            deadline = time.monotonic() + 120
            while not bot_api.sent_texts():
                assert proc.poll() is None, (tmp_path / "telegram.log").read_text()
                assert time.monotonic() < deadline, "the bot did not answer"
                time.sleep(0.3)
            holder = serve_lock.current(tmp_path)
            assert holder is not None and holder.pid == proc.pid
            assert holder.command == "telegram" and holder.url == ""
            beside = gonghui(tmp_path, "ingest", str(SEED))
            assert beside.returncode == 1
            [line] = beside.stderr.strip().splitlines()
            assert (
                f"gonghui telegram（进程 {proc.pid}）正在使用数据目录" in line
                and "请在 Telegram 中发送文件" in line
            )
            again = gonghui(tmp_path, "telegram", GONGHUI_TELEGRAM_TOKEN="123456:TEST")
            assert again.returncode == 1 and "另一个 gonghui telegram" in again.stderr
        finally:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            log.close()
    assert "启动检查" in (tmp_path / "telegram.log").read_text()
    assert serve_lock.current(tmp_path) is None and not (tmp_path / serve_lock.LOCK_FILE).exists()
