"""Shared pieces of the benchmarks: locations, metrics, table printing."""

from __future__ import annotations

import json
import os
import statistics
from collections.abc import Iterable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# a worktree outside the main checkout points GONGHUI_SHARED at the shared data
SHARED = Path(os.environ.get("GONGHUI_SHARED") or REPO.parent / "shared")
# where benchmark indexes and results go; tests point it at a temporary folder
OUT = Path(os.environ.get("GONGHUI_BENCH_OUT", REPO / "bench" / "out"))


def require_shared() -> Path:
    if not (SHARED / "benchmark").is_dir():
        raise SystemExit("../shared is absent: the benchmarks need ../shared/benchmark and ../shared/corpus")
    return SHARED


def recall_at(ranked: Sequence[str], gold: Iterable[str], k: int) -> float:
    gold = set(gold)
    return len(gold & set(ranked[:k])) / len(gold) if gold else 0.0


def reciprocal_rank(ranked: Sequence[str], gold: Iterable[str]) -> float:
    gold = set(gold)
    for i, item in enumerate(ranked, 1):
        if item in gold:
            return 1.0 / i
    return 0.0


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def mean(values: Iterable[float]) -> float:
    values = list(values)
    return statistics.fmean(values) if values else 0.0


def table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    rows = [[f"{c:.3f}" if isinstance(c, float) else str(c) for c in r] for r in rows]
    widths = [max(len(str(h)), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)] if rows else []
    line = "| " + " | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)) + " |"
    sep = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    body = ["| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |" for r in rows]
    return "\n".join([line, sep, *body])


def save(name: str, payload: dict) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{name}.json"
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=1))
    return path
