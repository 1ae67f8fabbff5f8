"""Hostile files against the ingest limits: outcome, reason, peak memory and time of `gonghui ingest`.

Each file is generated (bench/hostile.py), then ingested by a fresh `gonghui ingest` subprocess into
a fresh data dir with the `hash` embedder, so every row is one process measured alone: its own peak RSS
(getrusage of the child itself) and wall time. A normal document is the baseline row.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench import hostile
from bench.common import REPO, save, table

# The child's own high-water mark (VmHWM, in kB): getrusage's ru_maxrss would not do, Linux carries
# it over from the parent across fork and exec, so a child of a big test process seems big itself.
WRAPPER = (
    "import atexit, re, runpy, sys\n"
    "hwm = lambda: re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1)\n"
    "atexit.register(lambda: sys.stderr.write(f'PEAK_RSS_KB={hwm()}\\n'))\n"
    "sys.argv = ['gonghui', *sys.argv[1:]]\n"
    "runpy.run_module('gonghui', run_name='__main__')\n"
)
SEED = REPO / "knowledge" / "samples" / "harbin_2020_labour_competition_notice.txt"


def run_ingest(data_dir: Path, *paths: Path, embedder: str = "hash", timeout: float = 900):
    """(completed process, peak RSS in MB, seconds) of one `gonghui ingest` subprocess."""
    env = {
        **os.environ,
        "GONGHUI_DATA_DIR": str(data_dir),
        "GONGHUI_EMBEDDER": embedder,
        "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]),
    }
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", WRAPPER, "ingest", *map(str, paths)],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
    )
    seconds = time.perf_counter() - started
    peak = [ln for ln in proc.stderr.splitlines() if ln.startswith("PEAK_RSS_KB=")]
    if not peak:
        raise RuntimeError(f"gonghui ingest did not finish:\n{proc.stderr[-3000:]}")
    return proc, int(peak[-1].split("=")[1]) / 1024, seconds


def cases() -> list[tuple[str, str, Callable[[Path], Path]]]:
    """(label, file name, generator) of every file measured; the first is the normal baseline."""

    def seed(path: Path) -> Path:
        path.write_bytes(SEED.read_bytes())
        return path

    return [
        ("normal notice (baseline)", "通知.txt", seed),
        ("zip-bomb DOCX (1.1 GB document.xml)", "炸弹.docx", hostile.zip_bomb_docx),
        ("DOCX with one 1 GB text node", "超长文字.docx", hostile.huge_text_node_docx),
        ("19 MB .txt", "大文本.txt", hostile.huge_txt),
        ("PDF flate bomb (1 GB content)", "炸弹.pdf", hostile.flate_bomb_pdf),
        ("PDF of 5,000 pages", "五千页.pdf", hostile.many_pages_pdf),
        ("40 MB HTML", "大网页.html", hostile.huge_html),
        *hostile.format_bombs(),
    ]


def outcome(stdout: str) -> tuple[str, str]:
    for line in stdout.splitlines():
        if line.startswith("已跳过"):
            return "refused", line.split("：", 1)[1]
        if line.startswith(("已导入", "已更新")):
            chunks = next((ln for ln in stdout.splitlines() if ln.startswith("共 ")), "")
            return "ingested", chunks.split("；")[-1].rstrip("。")
    return "?", stdout.strip().splitlines()[-1] if stdout.strip() else ""


def run(*, embedder: str = "hash") -> dict:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, (label, name, make) in enumerate(cases()):
            folder = Path(tmp) / f"case{i}"
            folder.mkdir()
            path = make(folder / name)
            size = path.stat().st_size / (1024 * 1024)
            proc, peak, seconds = run_ingest(folder / "data", path, embedder=embedder)
            result, reason = outcome(proc.stdout)
            rows.append(
                {
                    "file": label,
                    "size_mb": round(size, 2),
                    "outcome": result,
                    "reason": reason,
                    "peak_rss_mb": round(peak),
                    "seconds": round(seconds, 1),
                }
            )
            print(f"{label}: {result}, {peak:.0f} MB, {seconds:.1f} s", file=sys.stderr)
            path.unlink()
    print(
        table(
            ["file", "size (MB)", "outcome", "reason", "peak RSS (MB)", "seconds"],
            [
                [r["file"], f"{r['size_mb']:.1f}", r["outcome"], r["reason"], r["peak_rss_mb"], r["seconds"]]
                for r in rows
            ],
        )
    )
    payload = {"embedder": embedder, "rows": rows}
    save("limits", payload)
    return payload
