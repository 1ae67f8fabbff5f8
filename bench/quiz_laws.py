"""Quiz items over laws the generator was never tuned on: the statute articles of the STARD benchmark
(`../shared/benchmark/corpus.jsonl`), one Markdown file per law written to a scratch folder and read like
any upload, beside the shipped samples and the shared corpus (so a false statement must occur in none).

    python -m bench.quiz_laws --laws 产品质量法 环境保护法 --out /tmp/items.jsonl
    python -m bench.quiz_laws --laws … --sample 60 --seed 6 --exclude READ.jsonl --out SAMPLE.jsonl
    python -m bench.quiz_laws --laws … --sample 60 --shared-first --exclude READ… --out SAMPLE.jsonl

`--shared-first` puts every item of the shared corpus that nobody has read (bench.quiz_fresh_sample's pool)
into the sample first and draws the rest from the laws, so one review measures both.

Only laws in force belong in a review (an outdated version gives items a reviewer rightly calls wrong);
which ones are is the caller's choice, stated in the README with the result.
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
from pathlib import Path

from bench.common import SHARED
from bench.quiz import _files
from training.corpus import Corpus, squash
from training.quiz import Generator

STARD = SHARED / "benchmark" / "corpus.jsonl"


def write_laws(names: list[str], folder: Path) -> list[Path]:
    """One Markdown file per law (`# 名称`, then `第N条 …` paragraphs), in the benchmark's article order."""
    articles: dict[str, list[str]] = {n: [] for n in names}
    with STARD.open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if row["law"] in articles:
                text = row["content"].strip()
                articles[row["law"]].append(f"{row['article']} {text}")
    missing = [n for n, a in articles.items() if not a]
    if missing:
        raise SystemExit(f"not in the benchmark: {', '.join(missing)}")
    paths = []
    for n, (name, arts) in enumerate(articles.items(), 1):
        path = folder / f"stard_{n:02d}.md"
        path.write_text(f"# {name}\n\n" + "\n\n".join(arts) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def _keys(question: str, quote: str) -> set[str]:
    return {squash(question), squash(quote)}


def law_items(names: list[str]) -> list:
    """One item per sentence (as a course takes them) from the named laws only."""
    with tempfile.TemporaryDirectory() as tmp:
        laws = write_laws(names, Path(tmp))
        corpus = Corpus.from_files(_files() + laws)
    generator = Generator(corpus)
    wanted = set(names)
    items, seen = [], set()
    for doc in corpus.docs:
        if doc.title not in wanted:
            continue
        for item in generator.generate(doc.passages, one_per_sentence=True):
            keys = _keys(item.question, item.source.quote)
            if not keys & seen:
                seen |= keys
                items.append(item)
    return items


def _read(paths: list[Path]) -> set[str]:
    read: set[str] = set()
    for path in paths:
        with path.open(encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    row = json.loads(line)
                    read |= _keys(row["question"], row["source"]["quote"])
    return read


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--laws", nargs="+", required=True)
    parser.add_argument("--sample", type=int, default=0, help="draw this many (0: all)")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--exclude", type=Path, nargs="*", default=[])
    parser.add_argument("--shared-first", action="store_true")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    items = law_items(args.laws)
    read = _read(args.exclude)
    unread = [i for i in items if not (_keys(i.question, i.source.quote) & read)]
    first: list = []
    if args.shared_first:
        from bench.quiz_fresh_sample import fresh_sample

        first, pool, left = fresh_sample(args.seed, args.exclude)
        first = first[: args.sample or None]
        print(f"shared corpus: pool {pool}, not read {left}, taken {len(first)}")
    want = max(args.sample - len(first), 0) if args.sample else len(unread)
    chosen = first + random.Random(args.seed).sample(unread, min(want, len(unread)))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as f:
        for n, item in enumerate(chosen, 1):
            f.write(json.dumps({"id": n, **item.as_json()}, ensure_ascii=False) + "\n")
    print(
        f"{len(items)} items from {len(args.laws)} laws, {len(unread)} unread, written {len(chosen)}: {args.out}"
    )


if __name__ == "__main__":
    main()
