"""Combine ranked runs (lexical, vector, ...) into one ranking."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

#: Defaults tuned on the STARD train split (see retrieval report).
RRF_K: Final = 60
WEIGHTS: Final = (1.0, 1.0)  # (lexical, vector)
CANDIDATES_PER_RUN: Final = 100


def fuse(
    runs: Sequence[Sequence[tuple[str, float]]],
    *,
    weights: Sequence[float],
    k: int = RRF_K,
) -> list[tuple[str, float]]:
    """Weighted reciprocal-rank fusion: score(d) = sum_i w_i / (k + rank_i(d)).

    Ranks start at 1 and only the order of each run matters (its scores are on
    incomparable scales).  Ties are broken by id so the output is deterministic.
    """
    if len(weights) != len(runs):
        raise ValueError(f"{len(runs)} runs but {len(weights)} weights")
    fused: dict[str, float] = {}
    for run, w in zip(runs, weights):
        if not w:
            continue
        for rank, (doc_id, _score) in enumerate(run, 1):
            fused[doc_id] = fused.get(doc_id, 0.0) + w / (k + rank)
    return sorted(fused.items(), key=lambda kv: (-kv[1], kv[0]))
