"""`gonghui serve` as a real process on a free loopback port, and the HTTP load benchmark's smoke run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from bench.api_load import free_port
from registry import Registry

GONGHUI = Path(sys.executable).with_name("gonghui")


def test_gonghui_serve_answers_with_a_token_and_401_without(tmp_path):
    registry = Registry(tmp_path / "registry.db", attachments_dir=tmp_path / "attachments")
    registry.add_union("松北区总工会")
    registry.add_user("zhang", display_name="张干事", role="cadre", union="松北区总工会")
    token = registry.create_token("zhang")[1]
    registry.close()
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("GONGHUI_")}
    proc = subprocess.Popen(
        [str(GONGHUI), "--data-dir", str(tmp_path), "--embedder", "hash", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}/api/v1"
    try:
        deadline = time.monotonic() + 40
        while True:
            assert proc.poll() is None, proc.stdout.read()
            try:
                if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "gonghui serve did not start"
            time.sleep(0.2)
        r = httpx.get(f"{base}/stats", headers={"Authorization": f"Bearer {token}"})
        assert r.status_code == 200 and r.json()["competitions"] == 0
        r = httpx.get(f"{base}/stats")
        assert (
            r.status_code == 401 and r.json()["ok"] is False and r.json()["error"]["code"] == "unauthorized"
        )
    finally:
        proc.terminate()
        try:
            out, _ = proc.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, _ = proc.communicate()
    # uvicorn shuts down gracefully, then re-raises the signal it caught
    assert proc.returncode in (0, -signal.SIGTERM), out
    assert "Traceback" not in out, out


def test_api_load_benchmark_smoke():
    from bench.api_load import run

    began = time.monotonic()
    out = run(clients=2, seconds=1.5, quiet=True)
    assert time.monotonic() - began < 30
    assert out["errors"] == 0, out["first_errors"]
    assert out["ask"]["requests"] > 0 and out["chat"]["requests"] > 0
    assert out["requests_per_second"] > 0 and out["p95_ms"] > 0
    assert out["registered"] == out["confirmed"] == out["unique_reg_nos"]
