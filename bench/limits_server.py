"""Hostile files uploaded to a real `gonghui serve` on 127.0.0.1: outcome, the server's peak memory and
how long /api/v1/health takes to answer while each job runs.

`python -m bench limits --server`. One server process (fresh data dir, `hash` embedder) gets every
file of bench/limits.py that fits the 20 MB upload limit, one upload at a time; a sampler reads
VmHWM/VmRSS of the server and of its children (the parse runs in a child, service/sandbox.py) every
20 ms, and a prober calls /health every 100 ms. A second server runs with the loaders' own bounds
switched off (GONGHUI_INGEST_MAX_UNPACKED_MB etc. raised), so only the child's limits stand between
the files and the server: what happens to a file the loaders do not foresee.
"""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from bench import hostile
from bench.api_load import free_port
from bench.common import REPO, percentile, save, table
from bench.limits import cases

UPLOAD_LIMIT_MB = 20
NO_LOADER_BOUNDS = {
    "GONGHUI_INGEST_MAX_UNPACKED_MB": "100000",
    "GONGHUI_INGEST_MAX_RATIO": "1000000",
    "GONGHUI_INGEST_MAX_CHARS": "10000000000",
    "GONGHUI_INGEST_MAX_CHUNKS": "1000000000",
}


def _status(pid: int) -> dict[str, int]:
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return {}
    return {k: int(v) for k, v in re.findall(r"^(VmHWM|VmRSS):\s+(\d+)", text, re.M)}


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):  # the task ended meanwhile
            found += [int(c) for c in (task / "children").read_text().split()]
    return found + [g for c in found for g in _children(c)]


def _parsers(pid: int) -> list[int]:
    """The server's parse children (`python -m service.sandbox`): a child between fork and exec still
    shows the server's own memory, and would count it twice."""
    found = []
    for child in _children(pid):
        with contextlib.suppress(OSError):
            if b"service.sandbox" in Path(f"/proc/{child}/cmdline").read_bytes():
                found.append(child)
    return found


class Sampler:
    """Peak memory of a process tree: the server's own VmHWM, the largest child's, the largest sum."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.child_peak_kb = 0
        self.tree_peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def _loop(self) -> None:
        while not self._stop.wait(0.02):
            server = _status(self.pid)
            kids = [_status(c) for c in _parsers(self.pid)]
            self.child_peak_kb = max([self.child_peak_kb, *(k.get("VmHWM", 0) for k in kids)])
            rss = server.get("VmRSS", 0) + sum(k.get("VmRSS", 0) for k in kids)
            self.tree_peak_kb = max(self.tree_peak_kb, rss)

    def __enter__(self) -> Sampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def server_hwm_kb(self) -> int:
        return _status(self.pid).get("VmHWM", 0)


class Prober:
    """/api/v1/health latencies while it runs."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.latencies: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def _loop(self) -> None:
        with httpx.Client(timeout=60) as http:
            while not self._stop.wait(0.1):
                started = time.perf_counter()
                http.get(f"{self.base}/health")
                self.latencies.append(time.perf_counter() - started)

    def __enter__(self) -> Prober:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def _token(data_dir: Path) -> str:
    from service.composition import Application
    from service.settings import Settings

    app = Application(Settings(data_dir=data_dir, embedder="hash"))
    app.registry.add_union("哈尔滨市总工会")
    app.registry.add_user("admin", display_name="管理员", role="admin", union="哈尔滨市总工会")
    token = app.registry.create_token("admin")[1]
    app.registry.close()
    return token


def _serve(data_dir: Path, port: int, extra_env: dict[str, str]) -> subprocess.Popen:
    env = {
        **os.environ,
        "GONGHUI_DATA_DIR": str(data_dir),
        "GONGHUI_EMBEDDER": "hash",
        **extra_env,
        "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]),
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "gonghui", "serve", "--no-telegram", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 240  # jieba's model alone takes seconds to load on a busy machine
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("gonghui serve did not start")


def _upload(http: httpx.Client, path: Path, name: str, timeout: float = 900) -> dict:
    with path.open("rb") as f:
        r = http.post("/documents", files={"file": (name, f)})
    if r.status_code != 202:
        return {"status": f"HTTP {r.status_code}", "reason": r.json()["error"]["message"]}
    job_id = r.json()["id"]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = http.get(f"/jobs/{job_id}").json()
        if job["status"] in ("done", "failed"):
            return job
        time.sleep(0.2)
    return {"status": "timeout", "reason": ""}


def _server_run(
    label: str, files: list[tuple[str, str, Callable[[Path], Path]]], extra_env: dict[str, str], tmp: Path
) -> list[dict]:
    data_dir = tmp / label
    token, port = _token(data_dir), free_port()
    server = _serve(data_dir, port, extra_env)
    base = f"http://127.0.0.1:{port}/api/v1"
    rows = []
    try:
        with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=120) as http:
            idle = _status(server.pid).get("VmRSS", 0)
            for case, name, make in files:
                path = make(tmp / name)
                with Sampler(server.pid) as sampler, Prober(base) as prober:
                    started = time.perf_counter()
                    job = _upload(http, path, name)
                    seconds = time.perf_counter() - started
                outcome = "ingested" if job["status"] == "done" else "refused"
                reason = f"{job.get('chunks')} 段" if job["status"] == "done" else job.get("reason") or ""
                row = {
                    "server": label,
                    "file": case,
                    "size_mb": round(path.stat().st_size / 2**20, 1),
                    "outcome": outcome,
                    "reason": reason,
                    "seconds": round(seconds, 1),
                    "server_idle_rss_mb": round(idle / 1024),
                    "server_hwm_mb": round(sampler.server_hwm_kb() / 1024),
                    "child_peak_mb": round(sampler.child_peak_kb / 1024),
                    "tree_peak_mb": round(sampler.tree_peak_kb / 1024),
                    "health_p50_ms": round(percentile(prober.latencies, 50) * 1000, 1),
                    "health_max_ms": round(max(prober.latencies, default=0) * 1000, 1),
                }
                rows.append(row)
                print(
                    f"{label} · {case}: {outcome}, server {row['server_hwm_mb']} MB, child "
                    f"{row['child_peak_mb']} MB, health max {row['health_max_ms']} ms",
                    file=sys.stderr,
                )
                path.unlink()
    finally:
        server.terminate()
        server.wait(timeout=60)
    return rows


def run() -> dict:
    fitting = [c for c in cases() if "40 MB" not in c[0]]
    fitting.insert(-4, ("19 MB HTML", "大网页.html", lambda p: hostile.huge_html(p, size_mb=19)))
    fitting.insert(1, ("text of 4,800 articles (just under the chunk limit)", "细则.txt", _long_rules))
    open_files = [
        ("normal notice (baseline)", "通知.txt", cases()[0][2]),
        ("zip-bomb DOCX (1.1 GB document.xml)", "炸弹.docx", hostile.zip_bomb_docx),
        ("19 MB HTML", "大网页.html", lambda p: hostile.huge_html(p, size_mb=19)),
        ("PDF flate bomb (1 GB content)", "炸弹.pdf", hostile.flate_bomb_pdf),
        ("normal notice, after them", "通知二.txt", _second_notice),
    ]
    with tempfile.TemporaryDirectory(prefix="gonghui-limits-server-") as tmp:
        rows = _server_run("default", fitting, {}, Path(tmp))
        rows += _server_run("loader bounds off", open_files, NO_LOADER_BOUNDS, Path(tmp))
    headers = [
        "server",
        "file",
        "size (MB)",
        "outcome",
        "reason",
        "seconds",
        "server peak RSS (MB)",
        "child peak (MB)",
        "tree peak (MB)",
        "/health p50 (ms)",
        "/health max (ms)",
    ]
    print(
        table(
            headers,
            [
                [
                    r["server"],
                    r["file"],
                    r["size_mb"],
                    r["outcome"],
                    r["reason"],
                    r["seconds"],
                    r["server_hwm_mb"],
                    r["child_peak_mb"],
                    r["tree_peak_mb"],
                    r["health_p50_ms"],
                    r["health_max_ms"],
                ]
                for r in rows
            ],
        )
    )
    payload = {"embedder": "hash", "rows": rows}
    save("limits_server", payload)
    return payload


def _long_rules(path: Path) -> Path:
    """The largest document the limits let through: one chunk per article, 4,800 of them."""
    line = (
        "第{}条 用人单位应当依法参加社会保险，缴纳社会保险费；职工应当遵守劳动纪律和职业道德，各级工会应当依法"
        "维护职工的合法权益，做好第{}项工作，并及时向上级工会报告执行情况。\n"
    )
    with path.open("w", encoding="utf-8") as f:
        f.write("实施细则\n\n")
        for n in range(1, 4800):
            f.write(line.format(n, n))
    return path


def _second_notice(path: Path) -> Path:
    path.write_text(
        "关于开展安康杯竞赛的通知\n\n一、各基层工会要组织职工开展安康杯竞赛，排查事故隐患。\n",
        encoding="utf-8",
    )
    return path
