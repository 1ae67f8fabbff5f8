"""Tests for knowledge.lexical.LexicalIndex (BM25)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from knowledge.lexical import LexicalIndex

DOCS = {
    "gonghui": "工会 经费 来源 工会 会员 会费".split(),
    "jingsai": "劳动 竞赛 组织 表彰 劳动 模范".split(),
    "hetong": "劳动 合同 解除 经济 补偿".split(),
    "long": ("工会 " + "其他 " * 40).split(),
}


@pytest.fixture
def index() -> LexicalIndex:
    ix = LexicalIndex()
    ix.build(DOCS.items())
    return ix


def ids(results: list[tuple[str, float]]) -> list[str]:
    return [d for d, _ in results]


def test_obvious_document_ranks_first(index: LexicalIndex) -> None:
    assert ids(index.search({"竞赛": 1.0}, k=3)) == ["jingsai"]
    assert ids(index.search({"合同": 1.0, "解除": 1.0}, k=3))[0] == "hetong"


def test_results_sorted_only_matching_and_k_respected(index: LexicalIndex) -> None:
    res = index.search({"工会": 1.0, "劳动": 1.0}, k=10)
    scores = [s for _, s in res]
    assert scores == sorted(scores, reverse=True) and all(s > 0 for s in scores)
    assert set(ids(res)) == {"gonghui", "jingsai", "hetong", "long"}
    assert len(index.search({"工会": 1.0, "劳动": 1.0}, k=2)) == 2
    assert index.search({"不存在": 1.0}, k=5) == []
    assert index.search({}, k=5) == [] and index.search({"工会": 1.0}, k=0) == []


def test_length_normalisation_prefers_short_doc(index: LexicalIndex) -> None:
    # same term once in a short and in a long doc: tf saturation and b favour short
    assert ids(index.search({"工会": 1.0}, k=2))[0] == "gonghui"
    assert ids(index.search({"工会": 1.0}, k=4))[-1] == "long"


def test_exact_bm25_value() -> None:
    ix = LexicalIndex(k1=1.2, b=0.75)
    ix.build([("a", ["x", "y"]), ("b", ["y", "y", "z", "z"])])
    n, df, avgdl = 2, 1, 3.0
    idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
    expected = idf * 1 * 2.2 / (1 + 1.2 * (1 - 0.75 + 0.75 * 2 / avgdl))
    [(doc, score)] = ix.search({"x": 1.0}, k=5)
    assert doc == "a" and score == pytest.approx(expected, rel=1e-5)
    # query-term weight multiplies the contribution
    [(_, score2)] = ix.search({"x": 2.5}, k=5)
    assert score2 == pytest.approx(2.5 * expected, rel=1e-5)


def test_term_weights_change_ranking(index: LexicalIndex) -> None:
    assert ids(index.search({"工会": 1.0, "竞赛": 0.1}, k=1)) == ["gonghui"]
    assert ids(index.search({"工会": 0.1, "竞赛": 1.0}, k=1)) == ["jingsai"]


def test_remove_really_removes(index: LexicalIndex) -> None:
    index.search({"竞赛": 1.0}, k=3)  # build the matrix first, then mutate
    index.remove(["jingsai", "unknown-id"])
    assert "jingsai" not in index and len(index) == 3
    assert index.search({"竞赛": 1.0}, k=3) == []
    assert "jingsai" not in ids(index.search({"劳动": 1.0}, k=10))


def test_add_upserts_and_equals_fresh_build(index: LexicalIndex) -> None:
    index.search({"工会": 1.0}, k=1)
    index.add([("new", "工会 竞赛 竞赛".split()), ("hetong", "工会 法".split())])
    fresh = LexicalIndex()
    fresh.build({**DOCS, "new": "工会 竞赛 竞赛".split(), "hetong": "工会 法".split()}.items())
    for terms in ({"工会": 1.0}, {"竞赛": 1.0, "法": 0.5}, {"合同": 1.0}):
        got, want = index.search(terms, k=10), fresh.search(terms, k=10)
        assert ids(got) == ids(want)
        assert np.allclose([s for _, s in got], [s for _, s in want])
    assert index.search({"合同": 1.0}, k=5) == []  # old hetong tokens are gone


def test_allowed_filter(index: LexicalIndex) -> None:
    res = index.search({"工会": 1.0, "劳动": 1.0}, k=10, allowed={"hetong", "long", "nope"})
    assert set(ids(res)) == {"hetong", "long"}
    assert index.search({"工会": 1.0}, k=10, allowed=[]) == []
    full = dict(index.search({"工会": 1.0, "劳动": 1.0}, k=10))
    assert all(full[d] == pytest.approx(s) for d, s in res)  # filtering doesn't rescore


def test_empty_index() -> None:
    ix = LexicalIndex()
    assert ix.search({"工会": 1.0}, k=3) == []
    ix.build([])
    assert ix.search({"工会": 1.0}, k=3) == []


def test_deterministic_tie_break() -> None:
    ix = LexicalIndex()
    ix.build([("b", ["x"]), ("a", ["x"]), ("c", ["x"])])
    assert ids(ix.search({"x": 1.0}, k=3)) == ["a", "b", "c"]


def test_build_and_query_at_corpus_scale() -> None:
    """12,000 documents of a Zipf vocabulary (the corpus's size): every hit holds a query term, scores
    fall, and a rare term's documents are all found. No timing threshold (the suite runs on loaded
    machines); search latency at this scale is in `python -m bench stard`'s per-query times."""
    rng = np.random.default_rng(0)
    vocab = [f"t{i}" for i in range(20000)]
    docs = [(f"d{i}", [vocab[j] for j in rng.zipf(1.3, 120) % 20000]) for i in range(12000)]
    ix = LexicalIndex()
    ix.build(docs)
    words = dict(docs)
    for i in range(20):
        query = {f"t{i}": 1.0, f"t{i + 7}": 0.5, "t3": 1.0}
        hits = ix.search(query, k=10)
        assert hits and all(set(query) & set(words[d]) for d, _ in hits)
        assert [s for _, s in hits] == sorted((s for _, s in hits), reverse=True)
    rare = next(t for t in vocab[5000:] if 1 <= sum(t in w for w in words.values()) <= 5)
    holders = {d for d, w in words.items() if rare in w}
    assert {d for d, _ in ix.search({rare: 1.0}, k=10)} == holders
