"""The LLM path (issue 9, `bench answers` parts c and d).

(c) The sentence verifier on labelled scripted LLM outputs (a JSONL set: our tuning set
    bench/data/verifier_tuning.jsonl by default; the lead runs a blind one through `--set PATH`):
    precision and recall of the dropped sentences, recall per reason, removed citations.
(d) The time the LLM path adds to an answer, the model's own time excluded: the same questions over
    the bundled samples answered by the extractive answerer and by the LLM answerer against a
    loopback OpenAI-compatible server that answers at once (its own time per request is measured
    and subtracted), side by side in one run; retrieval is shared and not counted.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from bench.common import REPO, mean, percentile, save, table
from knowledge.llm.sentences import split
from knowledge.llm.verify import Passage, check

TUNING = REPO / "bench" / "data" / "verifier_tuning.jsonl"
QUESTIONS = REPO / "bench" / "data" / "cadre_questions.jsonl"


def _squash(text: str) -> str:
    return "".join(text.split())


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def judge(case: dict) -> list[tuple[dict, object | None]]:
    """Each labelled sentence with the verifier's check of it (None: no sentence of ours matches)."""
    passages = [Passage(int(p["n"]), p.get("source", ""), p["text"]) for p in case["passages"]]
    checks = check(case["output"], passages).checks
    by_text: dict[str, list] = {}
    for c in checks:
        by_text.setdefault(_squash(c.sentence.text), []).append(c)
    out = []
    for i, labelled in enumerate(case["sentences"]):
        matches = by_text.get(_squash(labelled["text"]))
        if matches:
            out.append((labelled, matches.pop(0)))
        elif len(checks) == len(case["sentences"]):  # split differently but one for one: align by order
            out.append((labelled, checks[i]))
        else:
            out.append((labelled, None))
    return out


def verifier(path: Path = TUNING) -> dict:
    cases = load(path)
    tp = fp = fn = tn = unmatched = 0
    per_reason: dict[str, list[bool]] = {}
    same_reason: list[bool] = []
    removed_ok: list[bool] = []
    misses: list[dict] = []
    started = time.perf_counter()
    for case in cases:
        passages = [Passage(int(p["n"]), p.get("source", ""), p["text"]) for p in case["passages"]]
        verdict = check(case["output"], passages)
        removed_ok.append(verdict.removed_citations == sorted(case.get("removed_citations", [])))
        for labelled, got in judge(case):
            if got is None:
                unmatched += 1
                continue
            drop_truth, drop_ours = not labelled["keep"], not got.keep
            tp += drop_truth and drop_ours
            fp += drop_ours and not drop_truth
            fn += drop_truth and not drop_ours
            tn += not drop_truth and not drop_ours
            if drop_truth:
                per_reason.setdefault(labelled["reason"], []).append(drop_ours)
                if drop_ours:
                    same_reason.append(got.reason.value == labelled["reason"])
            if drop_truth != drop_ours:
                misses.append(
                    {
                        "id": case["id"],
                        "sentence": labelled["text"],
                        "label": labelled["reason"],
                        "got": got.reason.value,
                        "detail": got.detail,
                    }
                )
    seconds = time.perf_counter() - started
    sentences = tp + fp + fn + tn
    results = {
        "set": str(path),
        "cases": len(cases),
        "sentences": sentences,
        "to_drop": tp + fn,
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": tp / (tp + fn) if tp + fn else 1.0,
        "kept_wrongly": fn,
        "dropped_wrongly": fp,
        "unmatched_sentences": unmatched,
        "same_reason_when_dropped": mean(same_reason),
        "removed_citations_exact": mean(removed_ok),
        "recall_by_reason": {r: {"n": len(v), "recall": mean(v)} for r, v in sorted(per_reason.items())},
        "ms_per_case": seconds * 1000 / max(len(cases), 1),
        "misses": misses,
        "categories": dict(Counter(c.get("category", "") for c in cases)),
    }
    print(
        f"\n(c) Verifier on {len(cases)} labelled outputs ({sentences} sentences, {tp + fn} to drop): {path}"
    )
    rows = [
        [k, results[k]]
        for k in ("precision", "recall", "same_reason_when_dropped", "removed_citations_exact")
    ]
    rows += [
        [f"recall: {r}", f"{v['recall']:.3f} (n={v['n']})"] for r, v in results["recall_by_reason"].items()
    ]
    rows += [
        ["dropped wrongly / kept wrongly / unmatched", f"{fp} / {fn} / {unmatched}"],
        ["ms per output", f"{results['ms_per_case']:.2f}"],
    ]
    print(table(["metric", "value"], rows))
    for m in misses:
        print(f"  miss {m['id']} label={m['label']} got={m['got']} {m['detail']}: {m['sentence']}")
    return results


def _questions(limit: int) -> list[str]:
    rows = [json.loads(line) for line in QUESTIONS.open(encoding="utf-8") if line.strip()]
    return [r["question"] for r in rows if r["gold"]][:limit]


def overhead(*, embedder: str = "hash", questions: int = 40, rounds: int = 3) -> dict:
    from knowledge.llm.answerer import LLMAnswerer
    from knowledge.llm.client import LLMConfig, chat_model
    from service.composition import Application
    from service.documents import prepare_all, sample_files
    from service.settings import Settings
    from tests.fakes.openai_server import FakeOpenAI, Reply, answer_citing

    data_dir = Path(tempfile.mkdtemp(prefix="gonghui-bench-llm-"))
    settings = Settings.from_env(data_dir=data_dir, embedder=embedder, llm_base_url="")
    kb = Application(settings).knowledge
    kb.ingest(prepare_all(sample_files(), settings))
    extractive = kb.answerer
    # the LLM is asked only after the evidence gate passed: time the questions the documents cover
    asked = [
        (q, hits) for q in _questions(questions) if extractive.answer(q, hits := kb.search(q, k=5)).found
    ]
    rows: dict[str, list[float]] = {
        "extractive": [],
        "llm": [],
        "llm_stream": [],
        "model": [],
        "model_stream": [],
    }
    outcome: Counter[str] = Counter()
    with FakeOpenAI(default=Reply(answer_citing, chunk_chars=8)) as fake:
        model = chat_model(LLMConfig(base_url=fake.base_url, model="fake", timeout=30))
        llm = LLMAnswerer(model, fallback=extractive, timeout=30)
        llm.answer(*asked[0])  # warm-up: client set-up, first connection
        for _ in range(rounds):
            for question, hits in asked:
                t0 = time.perf_counter()
                base = extractive.answer(question, hits)
                t1 = time.perf_counter()
                answer = llm.answer(question, hits)
                t2 = time.perf_counter()
                rows["extractive"].append((t1 - t0) * 1000)
                rows["llm"].append((t2 - t1) * 1000)
                rows["model"].append(fake.seconds[-1] * 1000)
                outcome["llm answer" if answer != base else "fallback"] += 1
                t3 = time.perf_counter()
                events = list(llm.stream(question, hits))
                rows["llm_stream"].append((time.perf_counter() - t3) * 1000)
                rows["model_stream"].append(fake.seconds[-1] * 1000)
                outcome["streamed llm answer" if events[-1].answer != base else "streamed fallback"] += 1
    added = [
        llm_ms - ext - model
        for llm_ms, ext, model in zip(rows["llm"], rows["extractive"], rows["model"], strict=True)
    ]
    added_stream = [
        s - e - m
        for s, e, m in zip(rows["llm_stream"], rows["extractive"], rows["model_stream"], strict=True)
    ]
    results = {
        "embedder": kb.embedder.name if kb.embedder else "none",
        "answers": len(rows["llm"]),
        "outcome": dict(outcome),
        "extractive_ms": {
            "p50": percentile(rows["extractive"], 50),
            "p95": percentile(rows["extractive"], 95),
        },
        "model_ms": {"p50": percentile(rows["model"], 50), "p95": percentile(rows["model"], 95)},
        "added_ms": {"p50": percentile(added, 50), "p95": percentile(added, 95)},
        "added_stream_ms": {"p50": percentile(added_stream, 50), "p95": percentile(added_stream, 95)},
    }
    print(
        f"\n(d) Time the LLM path adds ({results['answers']} answers over the bundled samples, {outcome}; "
        "the loopback model's own time subtracted, retrieval not counted)"
    )
    print(
        table(
            ["measure", "p50 ms", "p95 ms"],
            [
                [
                    "extractive answer (composition only)",
                    results["extractive_ms"]["p50"],
                    results["extractive_ms"]["p95"],
                ],
                ["the fake model's own time", results["model_ms"]["p50"], results["model_ms"]["p95"]],
                ["added by the LLM path (JSON)", results["added_ms"]["p50"], results["added_ms"]["p95"]],
                [
                    "added by the LLM path (SSE, sentence by sentence)",
                    results["added_stream_ms"]["p50"],
                    results["added_stream_ms"]["p95"],
                ],
            ],
        )
    )
    return results


def run(*, set_path: Path | None = None, embedder: str = "hash") -> dict:
    results = {"verifier": verifier(set_path or TUNING), "overhead": overhead(embedder=embedder)}
    name = "llm" if set_path is None else f"llm-{Path(set_path).stem}"
    save(name, results)
    print(f"saved bench/out/{name}.json", file=sys.stderr)
    return results


def sentences_of(text: str) -> list[str]:
    """How the verifier splits an output (for whoever labels a set): one sentence per line."""
    return [s.text for s in split(text)]
