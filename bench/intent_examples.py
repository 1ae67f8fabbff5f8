"""Build the learned intent reader's examples (`bot/understanding/data/intent_examples.tsv`) from the
labelled intent sets that are spent: the tuning set, and blind sets that have been scored once and are no
longer used to judge anything. A blind set joins only after its one scoring, so the README's numbers for
it stay the rules' and the learned reader's first reading of unseen messages.

    python -m bench.intent_examples            # rewrite the file from SPENT
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from pathlib import Path

from bench.common import REPO

DATA = REPO / "bench" / "data"
SPENT = [
    DATA / "intents_tuning.jsonl",
    DATA / "intents_blind.jsonl",
    *(DATA / f"blind{n}" / "intents_blind.jsonl" for n in range(2, 26)),
]
OUT = REPO / "bot" / "understanding" / "data" / "intent_examples.tsv"


def examples(paths: list[Path]) -> list[tuple[str, str]]:
    """(text, intent) once per text; a text two sets label differently keeps its most frequent label,
    and is left out on a tie."""
    labels: dict[str, Counter] = defaultdict(Counter)
    order: list[str] = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                text = re.sub(r"\s+", " ", row["text"]).strip()
                if text and text not in labels:
                    order.append(text)
                labels[text][row["intent"]] += 1
    out = []
    for text in order:
        (best, n), *rest = labels[text].most_common()
        if not rest or rest[0][1] < n:
            out.append((text, best))
    return out


def main() -> None:
    rows = examples(SPENT)
    OUT.write_text(
        "# intent\ttext — labelled messages of the spent sets (bench/intent_examples.py)\n"
        + "".join(f"{intent}\t{text}\n" for text, intent in rows),
        encoding="utf-8",
    )
    print(f"{len(rows)} examples from {len(SPENT)} sets: {OUT}")


if __name__ == "__main__":
    main()
