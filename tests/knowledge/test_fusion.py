"""Tests for knowledge.fusion."""

from __future__ import annotations

import pytest

from knowledge import fusion
from knowledge.fusion import fuse


def test_rrf_formula_and_order() -> None:
    lex = [("a", 9.0), ("b", 5.0), ("c", 1.0)]
    vec = [("b", 0.9), ("d", 0.8)]
    res = fuse([lex, vec], weights=[1.0, 1.0], k=60)
    got = dict(res)
    assert got["a"] == pytest.approx(1 / 61)
    assert got["b"] == pytest.approx(1 / 62 + 1 / 61)
    assert got["d"] == pytest.approx(1 / 62)
    assert [d for d, _ in res][0] == "b"  # found by both runs
    assert [s for _, s in res] == sorted((s for _, s in res), reverse=True)


def test_weights_shift_the_winner() -> None:
    lex = [("a", 1.0), ("b", 0.5)]
    vec = [("b", 1.0), ("a", 0.5)]
    assert fuse([lex, vec], weights=[2.0, 1.0], k=10)[0][0] == "a"
    assert fuse([lex, vec], weights=[1.0, 2.0], k=10)[0][0] == "b"
    assert fuse([lex, vec], weights=[1.0, 0.0], k=10) == [("a", 1 / 11), ("b", 1 / 12)]


def test_only_ranks_matter_not_scores() -> None:
    a = fuse([[("x", 1000.0), ("y", 1.0)]], weights=[1.0])
    b = fuse([[("x", 0.2), ("y", 0.1)]], weights=[1.0])
    assert a == b


def test_ties_broken_by_id_and_empty_runs() -> None:
    assert [d for d, _ in fuse([[("z", 1.0)], [("a", 1.0)]], weights=[1, 1])] == ["a", "z"]
    assert fuse([[], []], weights=[1, 1]) == []


def test_weights_length_must_match() -> None:
    with pytest.raises(ValueError):
        fuse([[("a", 1.0)]], weights=[1.0, 1.0])


def test_defaults_are_consistent() -> None:
    assert len(fusion.WEIGHTS) == 2 and all(w >= 0 for w in fusion.WEIGHTS)
    assert fusion.RRF_K > 0 and fusion.CANDIDATES_PER_RUN >= 10
