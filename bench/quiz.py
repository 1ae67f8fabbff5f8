"""Quiz generation over the shipped samples and the shared corpus: items per document and per kind, the
share of candidates that pass verification, time per 100 items; 60 items sampled (seeded) for a blind
review by someone who did not write the generator (bench/out/quiz_review_sample.jsonl)."""

from __future__ import annotations

import json
import random
import time
from collections import Counter
from pathlib import Path

from bench.common import OUT, SHARED, save, table
from training.corpus import Corpus, squash
from training.model import ItemKind
from training.quiz import Generator
from training.verify import problems

REPO = Path(__file__).resolve().parents[1]
SAMPLE_SIZE = 60
# the first blind review drew with seed 11, the second with 1202; a fresh seed gives fresh items
SAMPLE_SEED = 2026


def _files() -> list[Path]:
    samples = sorted((REPO / "knowledge" / "samples").iterdir())
    shared = SHARED / "corpus"
    extra = sorted(p for p in shared.iterdir() if p.suffix in (".md", ".txt")) if shared.is_dir() else []
    names = {p.name for p in samples}
    return samples + [p for p in extra if p.name not in names]


def review_sample(items: list) -> list:
    """SAMPLE_SIZE items drawn uniformly (seeded) from what a course hands a trainer (one item per
    sentence), document by document; a question or a sentence two documents share counts once."""
    seen: set[str] = set()
    pool = []
    for item in items:
        keys = {squash(item.question), squash(item.source.quote)}
        if not keys & seen:
            seen |= keys
            pool.append(item)
    return random.Random(SAMPLE_SEED).sample(pool, min(SAMPLE_SIZE, len(pool)))


def run() -> dict:
    files = _files()
    started = time.perf_counter()
    corpus = Corpus.from_files(files)
    load_s = time.perf_counter() - started
    started = time.perf_counter()
    generator = Generator(corpus)
    candidates = passed = 0
    per_doc: list[tuple[str, Counter]] = []
    items = []
    for doc in corpus.docs:
        raw = [c for p in doc.passages for c in generator.candidates(p)]
        candidates += len(raw)
        passed += sum(1 for c in raw if not problems(c, corpus))
        kept = generator.generate(doc.passages, one_per_sentence=True)
        items += kept
        per_doc.append((doc.name, Counter(i.kind for i in kept)))
    gen_s = time.perf_counter() - started
    # an independent second pass over what generate() returned: none may fail
    failing = sum(1 for i in items if problems(i, corpus))
    kinds = Counter(i.kind for i in items)
    rows = [(name[:24], sum(c.values()), *(c[k] for k in ItemKind)) for name, c in per_doc]
    print(
        f"{len(corpus.docs)} documents ({len(files)} files), {sum(len(d.passages) for d in corpus.docs)} passages; "
        f"read in {load_s:.1f} s"
    )
    print(table(["document", "items", *(k.value for k in ItemKind)], rows))
    print(table(["kind", "items"], [(k.value, kinds[k]) for k in ItemKind] + [("all", len(items))]))
    share = passed / candidates if candidates else 0.0
    per100 = gen_s / len(items) * 100 if items else 0.0
    print(
        f"candidates {candidates}, passing verification {passed} ({share:.1%}); "
        f"after de-duplication {len(items)} items, failing a second check: {failing}"
    )
    print(f"generation {gen_s:.2f} s in all, {per100:.2f} s per 100 items (verification included)")
    sample = review_sample(items)
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / "quiz_review_sample.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for n, item in enumerate(sample, 1):
            data = item.as_json()
            f.write(json.dumps({"id": n, **data}, ensure_ascii=False) + "\n")
    print(f"{len(sample)} items for a blind review (seed {SAMPLE_SEED}): {path}")
    result = {
        "documents": len(corpus.docs),
        "files": len(files),
        "candidates": candidates,
        "passed": passed,
        "pass_share": share,
        "items": len(items),
        "failing_second_check": failing,
        "sample_seed": SAMPLE_SEED,
        "per_kind": {k.value: kinds[k] for k in ItemKind},
        "seconds": gen_s,
        "seconds_per_100": per100,
        "per_document": {name: {k.value: c[k] for k in ItemKind} for name, c in per_doc},
    }
    save("quiz", result)
    return result
