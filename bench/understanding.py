"""Understanding (issue 10): slot filling and intents of the default understander (the rules, with the
learned reader of bot/understanding/learned.py where they are unsure), per field; intents also by the rules
alone, side by side.

A set directory holds `registrations*.jsonl` ({"id", "today", "text", "fields": {...}}, competition
fields), `activities*.jsonl` (same shape, activity fields) and `intents*.jsonl` ({"id", "text",
"intent"}). Default: bench/data/*_tuning.jsonl; a blind set with `--set-dir DIR` (its *_blind files).

- field accuracy: of the fields the gold states, the share filled with the gold value;
- filled wrongly: of the fields filled, the share that differ from the gold or that the gold lacks;
- values compare after NFKC, without spaces, quotes and end punctuation; dates ISO, counts int; the long
  texts (description, summary) count as equal when one contains the other; an activity's competition
  without a trailing 竞赛 (the brief lets the writer give the type word or the name as said, and the form
  links either to the cadre's competition by its name: 五创 = 五创竞赛, not = 五创劳动竞赛).
"""

from __future__ import annotations

import json
import re
import time
import unicodedata
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

from bench.common import REPO, save, table
from bot.understanding.extraction import as_json
from bot.understanding.model import Intent
from bot.understanding.rules import RuleUnderstander

DATA = REPO / "bench" / "data"
LONG_TEXT = {"description", "summary"}


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def _files(set_dir: Path, stem: str, default: bool) -> list[Path]:
    pattern = f"{stem}_tuning.jsonl" if default else f"{stem}*.jsonl"
    return sorted(set_dir.glob(pattern))


def norm(value: object) -> str:
    s = unicodedata.normalize("NFKC", str(value)).casefold()
    return re.sub(r"[\s\"'“”‘’《》「」。，,.;；:：!！?？]", "", s)


def same(field: str, gold: object, got: object) -> bool:
    g, o = norm(gold), norm(got)
    if field in LONG_TEXT:
        return bool(g) and bool(o) and (g in o or o in g)
    if field == "competition":  # the brief allows the type word or the name as said: 五创 = 五创竞赛
        return _type_word(g) == _type_word(o)
    return g == o


def _type_word(value: str) -> str:
    return re.sub(r"(?<=.)竞赛$", "", value)


def score_fields(kind: str, items: list[dict], understander) -> dict:
    stated, right, filled, wrong = Counter(), Counter(), Counter(), Counter()
    misses: list[dict] = []
    for item in items:
        got = as_json(kind, _read(understander, kind)(item["text"], today=_today(item)))["fields"]
        gold = item.get("fields") or {}
        for field, value in gold.items():
            stated[field] += 1
            if field in got and same(field, value, got[field]):
                right[field] += 1
            else:
                misses.append({"id": item["id"], "field": field, "gold": value, "got": got.get(field)})
        for field, value in got.items():
            filled[field] += 1
            if field not in gold or not same(field, gold[field], value):
                wrong[field] += 1
                if field not in gold:
                    misses.append({"id": item["id"], "field": field, "gold": None, "got": value})
    # how many of the right competitions are right only by the trailing 竞赛 (reported, so the rule is seen)
    by_type_word = sum(
        1
        for item in items
        if "competition" in (item.get("fields") or {})
        and (got := as_json(kind, _read(understander, kind)(item["text"], today=_today(item)))["fields"])
        and "competition" in got
        and norm(got["competition"]) != norm(item["fields"]["competition"])
        and same("competition", item["fields"]["competition"], got["competition"])
    )
    fields = sorted(set(stated) | set(filled))
    per_field = {
        f: {"stated": stated[f], "right": right[f], "filled": filled[f], "wrong": wrong[f]} for f in fields
    }
    total_stated, total_filled = sum(stated.values()), sum(filled.values())
    return {
        "messages": len(items),
        "field_accuracy": sum(right.values()) / total_stated if total_stated else 0.0,
        "filled_wrongly": sum(wrong.values()) / total_filled if total_filled else 0.0,
        "per_field": per_field,
        "misses": misses,
        "competition_by_type_word": by_type_word,
    }


def _today(item: dict) -> date:
    return date.fromisoformat(item.get("today") or "2026-12-02")


def _read(understander, kind: str):
    return understander.competition if kind == "competition" else understander.activity


def score_intents(items: list[dict], understander) -> dict:
    confusion: dict[str, Counter] = defaultdict(Counter)
    right = 0
    misses = []
    for item in items:
        got = understander.understand(item["text"], today=date(2026, 12, 2)).intent.value
        confusion[item["intent"]][got] += 1
        right += got == item["intent"]
        if got != item["intent"]:
            misses.append({"id": item["id"], "text": item["text"], "gold": item["intent"], "got": got})
    return {
        "messages": len(items),
        "accuracy": right / len(items) if items else 0.0,
        "confusion": {g: dict(c) for g, c in confusion.items()},
        "misses": misses,
    }


def run(*, set_dir: Path | None = None, understander=None) -> dict:
    default = set_dir is None
    set_dir = Path(set_dir) if set_dir else DATA
    understander = understander or RuleUnderstander()
    started = time.perf_counter()
    results: dict[str, object] = {"set_dir": str(set_dir)}
    for kind, stem in (("competition", "registrations"), ("activity", "activities")):
        items = [x for p in _files(set_dir, stem, default) for x in load(p)]
        if not items:
            continue
        r = score_fields(kind, items, understander)
        results[stem] = r
        print(
            f"\n{stem} ({r['messages']} messages): field accuracy {r['field_accuracy']:.3f}, "
            f"filled wrongly {r['filled_wrongly']:.3f}"
            + (
                f" ({r['competition_by_type_word']} competitions right as the type word: 五创 for 五创竞赛)"
                if r["competition_by_type_word"]
                else ""
            )
        )
        rows = [
            (
                f,
                v["stated"],
                v["right"],
                v["right"] / v["stated"] if v["stated"] else "-",
                v["filled"],
                v["wrong"],
            )
            for f, v in r["per_field"].items()
        ]
        print(table(["field", "stated", "right", "accuracy", "filled", "wrong"], rows))
    items = [x for p in _files(set_dir, "intents", default) for x in load(p)]
    if items:
        r = score_intents(items, understander)
        results["intents"] = r
        alone = score_intents(items, RuleUnderstander(learned=None))
        results["intents_rules_alone"] = {k: alone[k] for k in ("accuracy", "misses")}
        print(
            f"\nintents ({r['messages']} messages): accuracy {r['accuracy']:.3f} "
            f"(the rules alone, side by side: {alone['accuracy']:.3f})"
        )
        labels = [i.value for i in Intent]
        rows = [(g, *(r["confusion"].get(g, {}).get(p, 0) for p in labels)) for g in labels]
        print(table(["gold \\ read", *labels], rows))
    results["seconds"] = round(time.perf_counter() - started, 2)
    save(f"understanding-{set_dir.name}", results)
    return results
