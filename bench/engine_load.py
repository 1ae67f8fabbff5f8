"""Concurrency benchmark: N simulated cadres register a competition at once through the engine.

python -m bench.engine_load [--users 200]

Every user runs a whole registration (15 messages) in its own thread against one real SQLite registry;
afterwards every competition must exist exactly once with a unique registration number, and no
conversation state may be left behind. Prints messages per second through `Engine.handle`.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

from bot.engine import Engine
from bot.messages import Incoming, Sender
from knowledge.opening import open_knowledge_base
from registry import Registry


def _script(i: int) -> list[str]:
    return [
        "/register",
        f"2026年第{i}届职工技能比武",
        "技术比武",
        "松北区总工会",
        f"哈尔滨第{i}机械厂有限公司",
        "非公" if i % 2 else "公有",
        "跳过",
        "6月1日",
        "2026年12月31日",
        "二百人",
        "一千二百",
        f"联系人{i}",
        f"139{i:08d}",
        "跳过",
        "确认",
    ]


def run(users: int = 200) -> dict:
    with tempfile.TemporaryDirectory(prefix="gonghui-load-") as tmp:
        d = Path(tmp)
        registry = Registry(d / "registry.db", attachments_dir=d / "attachments")
        registry.add_union("松北区总工会", district="松北区")
        for i in range(users):
            registry.add_user(f"user{i}", display_name=f"干事{i}", role="cadre", union="松北区总工会")
        # registration needs no retrieval: a lexical-only, empty knowledge base keeps the run about the engine
        knowledge = open_knowledge_base(db_path=d / "k.db", chroma_path=d / "c", chroma_url="", embedder=None)
        engine = Engine(registry, knowledge, today=lambda: date(2026, 5, 20))
        start = threading.Barrier(users + 1)
        results: dict[int, str] = {}
        errors: list[str] = []

        def user(i: int) -> None:
            sender = Sender("local", f"user{i}", f"干事{i}")
            start.wait()
            try:
                for text in _script(i):
                    replies = engine.handle(Incoming(sender, text=text))
                results[i] = "\n".join(r.text for r in replies)
            except Exception as exc:  # counted, not raised: the benchmark reports every failure
                errors.append(f"user{i}: {exc!r}")

        threads = [threading.Thread(target=user, args=(i,)) for i in range(users)]
        for t in threads:
            t.start()
        start.wait()
        began = time.perf_counter()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - began

        admin = registry.ensure_local_admin()
        comps = registry.competitions(user=admin)
        reg_nos = [c.reg_no for c in comps]
        messages = users * len(_script(0))
        outcome = {
            "users": users,
            "messages": messages,
            "seconds": round(elapsed, 2),
            "messages_per_second": round(messages / elapsed, 1),
            "competitions": len(comps),
            "unique_reg_nos": len(set(reg_nos)),
            "confirmed": sum("已登记，编号 JS-2026-" in text for text in results.values()),
            "states_left": sum(registry.load_state(f"local:user{i}") is not None for i in range(users)),
            "errors": errors[:5],
        }
        outcome["ok"] = (
            outcome["competitions"] == outcome["unique_reg_nos"] == outcome["confirmed"] == users
            and outcome["states_left"] == 0
            and not errors
        )
        registry.close()
    print(json.dumps(outcome, ensure_ascii=False))
    return outcome


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.engine_load", description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=200)
    result = run(users=parser.parse_args().users)
    raise SystemExit(0 if result["ok"] else 1)


if __name__ == "__main__":
    main()
