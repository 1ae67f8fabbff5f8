"""Tests for knowledge.fusion."""

from __future__ import annotations

import pytest

from knowledge import fusion
from knowledge.fusion import fuse, fuse_scores


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
    assert len(fusion.SCORE_WEIGHTS) == 2 and all(w >= 0 for w in fusion.SCORE_WEIGHTS)
    assert fusion.RRF_K > 0 and fusion.CANDIDATES_PER_RUN >= 10
    assert fusion.SCORE_CANDIDATES_PER_RUN >= 10
    # default call uses the tuned constants
    runs = [[("a", 1.0)], [("b", 1.0)]]
    assert fuse(runs) == fuse(runs, weights=fusion.WEIGHTS, k=fusion.RRF_K)


def test_fuse_scores_zscore_formula() -> None:
    cands = ["a", "b", "c"]
    lex = [3.0, 0.0, 0.0]  # z: [sqrt2, -1/sqrt2, -1/sqrt2]
    vec = [0.80, 0.90, 0.70]  # z: [0, sqrt(3/2), -sqrt(3/2)]
    got = dict(fuse_scores(cands, [lex, vec], weights=[1.0, 1.0]))
    assert got["a"] == pytest.approx(2**0.5)
    assert got["b"] == pytest.approx(-(0.5**0.5) + 1.5**0.5)
    assert got["c"] == pytest.approx(-(0.5**0.5) - 1.5**0.5)


def test_fuse_scores_scale_invariant_and_weighted() -> None:
    cands = ["a", "b"]
    lex, vec = [10.0, 2.0], [0.70, 0.75]
    assert fuse_scores(cands, [lex, vec], weights=[2, 1])[0][0] == "a"
    assert fuse_scores(cands, [lex, vec], weights=[1, 2])[0][0] == "b"
    # multiplying a run's raw scores by a constant changes nothing
    assert fuse_scores(cands, [[x * 100 for x in lex], vec], weights=[2, 1]) == fuse_scores(
        cands, [lex, vec], weights=[2, 1]
    )


def test_fuse_scores_constant_run_is_neutral_and_validation() -> None:
    res = fuse_scores(["a", "b"], [[0.0, 0.0], [0.1, 0.9]], weights=[5.0, 1.0])
    assert [d for d, _ in res] == ["b", "a"]
    assert fuse_scores([], [[], []], weights=[1, 1]) == []
    with pytest.raises(ValueError):
        fuse_scores(["a"], [[1.0], [1.0, 2.0]], weights=[1, 1])
    with pytest.raises(ValueError):
        fuse_scores(["a"], [[1.0]], weights=[1, 1])
