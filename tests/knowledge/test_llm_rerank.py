"""The second-stage reranker: an HTTP /rerank endpoint (a loopback fake in both common shapes) and a
sentence-transformers CrossEncoder (a tiny one built and trained inside the test), wired from
Settings into the ranker, which reorders the fused top 50."""

from __future__ import annotations

import importlib.util
import logging

import pytest

from knowledge.model import Hit
from knowledge.rerank import RERANK_DEPTH, HttpReranker, UnknownReranker, make_reranker, rerank_text
from service.composition import Application
from service.settings import Settings
from tests.fakes.rerank_server import FakeReranker, overlap

from .helpers import COMPETITION_NOTICE, DUPLICATE_NOTICE, UNION_LAW, make_doc

QUERY = "工会经费按工资总额的百分之几拨缴"


def hit(i: int, text: str) -> Hit:
    return Hit(
        chunk_id=f"1:{i}", doc_id=1, title="工会法", section="", article=None, text=text, score=1.0 / (i + 1)
    )


HITS = [
    hit(0, "安康杯竞赛以安全生产为主题。"),
    hit(1, "工会经费按每月全部职工工资总额的百分之二拨缴。"),
    hit(2, "会员大会选举委员会。"),
]


@pytest.fixture(scope="module")
def server():
    with FakeReranker() as fake:
        yield fake


def test_tei_shape(server):
    ranked = HttpReranker(server.url).rerank(QUERY, list(HITS))
    expected = sorted(HITS, key=lambda h: -overlap(QUERY, rerank_text(h)))
    assert [h.chunk_id for h in ranked] == [h.chunk_id for h in expected] and ranked[0].chunk_id == "1:1"
    path, body = server.requests[-1]
    assert path == "/rerank" and body["texts"] == [rerank_text(h) for h in HITS]
    assert ranked[0].score == pytest.approx(overlap(QUERY, rerank_text(HITS[1])))


def test_jina_and_xinference_shape_with_a_model_name(server):
    ranked = HttpReranker(f"{server.url}/v1", model="bge-reranker-v2-m3").rerank(QUERY, list(HITS))
    assert ranked[0].chunk_id == "1:1"
    path, body = server.requests[-1]
    assert path == "/v1/rerank" and body["model"] == "bge-reranker-v2-m3" and body["top_n"] == 3


def test_an_endpoint_that_fails_keeps_the_fused_order(server, caplog):
    for reranker in (HttpReranker(f"{server.url}/v1"), HttpReranker("http://127.0.0.1:9", timeout=1)):
        with caplog.at_level(logging.WARNING):
            assert reranker.rerank(QUERY, list(HITS)) == HITS  # 422 (no model) / connection refused
    server.fail_with = 503
    try:
        assert HttpReranker(server.url).rerank(QUERY, list(HITS)) == HITS
    finally:
        server.fail_with = 0
    assert "保留原排序" in caplog.text


def test_unknown_specs_are_a_clear_error():
    assert make_reranker("") is None
    with pytest.raises(UnknownReranker, match="可选"):
        make_reranker("bge-reranker")


EXTRA = make_doc(
    "mem://extra",
    "工会经费收缴管理办法",
    [(f"第{n}条", f"工会经费的管理第{n}项要求：按照规定执行，接受监督。") for n in "一二三四五六七八"],
    doc_type="规章",
)
# every character of the question, few of its words: the character-overlap reranker puts it first
SCATTERED = make_doc(
    "mem://faq",
    "问答汇编",
    [(None, "工会的经费：按照工资与总额之比，每月拨付、上缴，几个百分点不等。")],
    doc_type="问答",
)


def test_the_ranker_reorders_the_fused_top_50_by_the_settings_reranker(server, tmp_path):
    plain = Application(Settings(data_dir=tmp_path, embedder="none")).knowledge
    plain.ingest([UNION_LAW, COMPETITION_NOTICE, DUPLICATE_NOTICE, EXTRA, SCATTERED])
    reranked = Application(Settings(data_dir=tmp_path, embedder="none", reranker=server.url)).knowledge
    assert isinstance(reranked.ranker.reranker, HttpReranker)
    fused = plain.search(QUERY, k=RERANK_DEPTH)
    expected = sorted(fused, key=lambda h: -overlap(QUERY, rerank_text(h)))[:3]
    got = reranked.search(QUERY, k=3)
    assert [h.chunk_id for h in got] == [h.chunk_id for h in expected]
    assert [h.chunk_id for h in got] != [h.chunk_id for h in fused[:3]]  # the reranker did change the order
    _, body = server.requests[-1]
    assert len(body["texts"]) == len(fused)  # it saw every fused candidate, not only the top k


@pytest.mark.skipif(
    importlib.util.find_spec("sentence_transformers") is None,
    reason="sentence-transformers (extra st) is not installed",
)
def test_a_cross_encoder_by_path(tmp_path, monkeypatch):
    """A tiny BERT cross-encoder with a character vocabulary, trained here for a few seconds to tell
    the passage that answers from the others, saved, and loaded by path as `st:PATH`."""
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    import torch
    from transformers import BertConfig, BertForSequenceClassification, BertTokenizerFast

    pairs = [(QUERY, HITS[1]), ("安全生产竞赛叫什么", HITS[0]), ("谁选举委员会", HITS[2])]
    torch.manual_seed(0)
    chars = sorted({c for q, h in pairs for c in q + rerank_text(h)})
    (tmp_path / "vocab.txt").write_text("\n".join(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *chars]))
    tokenizer = BertTokenizerFast(vocab_file=str(tmp_path / "vocab.txt"), do_lower_case=False)
    config = BertConfig(
        vocab_size=len(chars) + 5,
        hidden_size=32,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=128,
        num_labels=1,
    )
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # a tiny model trains ~50x slower when two threads contend on a busy machine
    try:
        _train_and_check(tmp_path, tokenizer, BertForSequenceClassification(config), pairs)
    finally:
        torch.set_num_threads(threads)


def _train_and_check(tmp_path, tokenizer, model, pairs) -> None:
    import torch

    queries = [q for q, _ in pairs for _ in HITS]
    texts = [rerank_text(h) for _ in pairs for h in HITS]
    labels = torch.tensor([float(h is gold) for _, gold in pairs for h in HITS])
    batch = tokenizer(queries, texts, padding=True, return_tensors="pt")
    optimiser = torch.optim.Adam(model.parameters(), lr=3e-3)
    model.train()
    for _ in range(200):
        optimiser.zero_grad()
        loss = torch.nn.functional.binary_cross_entropy_with_logits(model(**batch).logits.squeeze(-1), labels)
        loss.backward()
        optimiser.step()
    model.eval()
    model.save_pretrained(tmp_path / "model")
    tokenizer.save_pretrained(tmp_path / "model")

    reranker = make_reranker(f"st:{tmp_path / 'model'}")
    for query, gold in pairs:
        ranked = reranker.rerank(query, list(HITS))
        assert ranked[0].chunk_id == gold.chunk_id, (query, [h.text for h in ranked])
        assert ranked[0].score > ranked[1].score >= ranked[2].score
    with pytest.raises(UnknownReranker, match="模型加载失败"):
        make_reranker(f"st:{tmp_path / 'missing'}")
