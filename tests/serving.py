"""`gonghui serve` as a real process on a free loopback port, for the tests that drive it from outside
(browser, a second CLI beside it): started, waited for until /health answers, stopped, its log kept in
a file in the data folder (a pipe nobody reads fills up at 64 KB and then blocks the server mid-request,
which once looked like an upload stuck at 已存入 0/1 段)."""

from __future__ import annotations

import signal
import subprocess
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from bench.api_load import free_port


@dataclass(frozen=True)
class Served:
    base: str
    proc: subprocess.Popen
    log: Path


@contextmanager
def serving(
    command: Sequence[str],
    data_dir: Path,
    env: Mapping[str, str],
    *,
    start_timeout: float = 40,
    stop: signal.Signals = signal.SIGTERM,
) -> Iterator[Served]:
    """Run `command + ["--port", N]`; yield once its /api/v1/health answers 200."""
    port = free_port()
    log_path = data_dir / "serve.log"
    with log_path.open("w", encoding="utf-8") as log:
        proc = subprocess.Popen(
            [*command, "--port", str(port)], env=dict(env), stdout=log, stderr=subprocess.STDOUT
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + start_timeout
            while True:
                assert proc.poll() is None, log_path.read_text(encoding="utf-8")
                try:
                    if httpx.get(f"{base}/api/v1/health", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                assert time.monotonic() < deadline, "gonghui serve did not start"
                time.sleep(0.2)
            yield Served(base, proc, log_path)
        finally:
            if proc.poll() is None:
                proc.send_signal(stop)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
