"""A fresh blind-review sample: 60 items drawn from the same pool as `python -m bench quiz` (what a course
hands a trainer, one per sentence), leaving out every item of the samples someone has already read, so
nobody has seen the new one before its reviewer does.

    python -m bench.quiz_fresh_sample --seed 4 --exclude bench/data/quiz_review_blind3_sample.jsonl \
        --out /path/outside/the/repo/sample.jsonl

The fourth review's sample (`bench/data/quiz_review_blind4_sample.jsonl`) was drawn so, with seed 4,
leaving out the seed-2026 sample the generator's author had read.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from bench.quiz import SAMPLE_SIZE, _files
from training.corpus import Corpus, squash
from training.quiz import Generator


def _keys(question: str, quote: str) -> set[str]:
    return {squash(question), squash(quote)}


def fresh_sample(seed: int, exclude: list[Path]) -> tuple[list, int, int]:
    """(the sample, the pool's size, how many of the pool nobody has read)."""
    corpus = Corpus.from_files(_files())
    generator = Generator(corpus)
    items = [i for doc in corpus.docs for i in generator.generate(doc.passages, one_per_sentence=True)]
    seen: set[str] = set()
    pool = []
    for item in items:
        keys = _keys(item.question, item.source.quote)
        if not keys & seen:
            seen |= keys
            pool.append(item)
    read: set[str] = set()
    for path in exclude:
        with path.open(encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    row = json.loads(line)
                    read |= _keys(row["question"], row["source"]["quote"])
    unread = [i for i in pool if not (_keys(i.question, i.source.quote) & read)]
    return random.Random(seed).sample(unread, min(SAMPLE_SIZE, len(unread))), len(pool), len(unread)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--exclude", type=Path, nargs="*", default=[])
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    sample, pool, unread = fresh_sample(args.seed, args.exclude)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as f:
        for n, item in enumerate(sample, 1):
            f.write(json.dumps({"id": n, **item.as_json()}, ensure_ascii=False) + "\n")
    print(f"pool {pool}, not read {unread}, drawn {len(sample)}: {args.out}")


if __name__ == "__main__":
    main()
