"""Answers composed from retrieved passages, with numbered citations.

The default answerer is extractive: it quotes the sentences that answer the question and never writes
anything the documents do not say. An LLM answerer (a later step) plugs in through ``Answerer``.
"""

from __future__ import annotations

import re
from typing import Protocol

from knowledge.analysis import Analyzer
from knowledge.model import Answer, Citation, Hit

_SENTENCE = re.compile(r"[^。！？\n]+[。！？]?")
_LEADING_ARTICLE = re.compile(r"^第[零一二三四五六七八九十百千\d]+条(之[一二三四五六七八九十]+)?\s*")
QUOTE_CHARS = 240
EXCERPT_CHARS = 160  # the first answer line quotes at most this much of its passage
SUPPORT_CHARS = 100  # further lines are shorter: the answer stays short, the citations hold the rest

# Evidence gates, calibrated on bench/data/cadre_questions.jsonl (in-scope vs out-of-scope questions):
# the share of the question's weighted terms that the best passage contains, and the dense similarity.
MIN_COVERAGE = 0.5
MIN_COVERAGE_WITH_SIMILARITY = 0.3
MIN_SIMILARITY = 0.84

NOT_FOUND = "抱歉，现有文件中没有找到能直接回答这个问题的内容。"


class Answerer(Protocol):
    def answer(self, question: str, hits: list[Hit]) -> Answer: ...


def coverage(terms: dict[str, float], text: str) -> float:
    total = sum(terms.values())
    if total <= 0:
        return 0.0
    return sum(w for t, w in terms.items() if t in text) / total


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.findall(text) if s.strip()]


def body_of(hit: Hit) -> str:
    """The passage without the heading lines it starts with (they are already in the citation)."""
    headings = {h.replace(" ", "") for h in hit.section.split(" › ") if h}
    lines = hit.text.split("\n")
    while len(lines) > 1 and lines[0].replace(" ", "") in headings:
        lines.pop(0)
    return "\n".join(lines)


def best_excerpt(terms: dict[str, float], text: str, *, limit: int = EXCERPT_CHARS) -> str:
    """The run of consecutive sentences (at most `limit` chars) that covers the most query terms.

    A whole short article beats a fragment of it: list-style articles ("来源：……；……") only make sense
    together, so windows grow while they fit, and ties go to the longer window.
    """
    units = sentences(_LEADING_ARTICLE.sub("", text.strip()))
    if not units:
        return text.strip()[:limit]
    best, best_key = units[0][:limit], (-1.0, 0)
    for i in range(len(units)):
        window = ""
        for unit in units[i:]:
            if window and len(window) + len(unit) > limit:
                break
            window += unit
            key = (coverage(terms, window), len(window))
            if key > best_key:
                best, best_key = window[:limit], key
    return best


def quote_around(text: str, sentence: str, *, limit: int = QUOTE_CHARS) -> str:
    """The passage, trimmed to `limit` characters around the sentence that answers."""
    if len(text) <= limit:
        return text
    at = max(text.find(sentence), 0)
    start = max(0, min(at - (limit - len(sentence)) // 2, len(text) - limit))
    body = text[start : start + limit]
    return ("…" if start > 0 else "") + body + ("…" if start + limit < len(text) else "")


class ExtractiveAnswerer:
    def __init__(self, analyzer: Analyzer, *, max_citations: int = 3) -> None:
        self.analyzer = analyzer
        self.max_citations = max_citations

    def evidence(self, question: str, hit: Hit) -> float:
        terms = self.analyzer.query_terms(question)
        return coverage(terms, f"{hit.title} {hit.section} {hit.article or ''} {hit.text}")

    def is_supported(self, question: str, hit: Hit) -> bool:
        cov = self.evidence(question, hit)
        if cov >= MIN_COVERAGE:
            return True
        return (
            hit.similarity is not None
            and hit.similarity >= MIN_SIMILARITY
            and cov >= MIN_COVERAGE_WITH_SIMILARITY
        )

    def answer(self, question: str, hits: list[Hit]) -> Answer:
        if not hits or not self.is_supported(question, hits[0]):
            return Answer(question=question, answer=NOT_FOUND, found=False, closest=tuple(hits[:3]))
        terms = self.analyzer.query_terms(question)
        lines: list[str] = []
        citations: list[Citation] = []
        for hit in hits:
            if len(citations) >= self.max_citations:
                break
            if citations and not self.is_supported(question, hit):
                continue
            body = body_of(hit)
            best = best_excerpt(terms, body, limit=SUPPORT_CHARS if citations else EXCERPT_CHARS)
            if citations and coverage(terms, best) == 0:
                continue
            n = len(citations) + 1
            where = hit.article or (hit.section.split(" › ")[-1] if hit.section else "")
            source = f"《{hit.title}》{where}"
            lines.append(f"据{source}：{best}[{n}]")
            citations.append(
                Citation(
                    n=n,
                    doc_id=hit.doc_id,
                    title=hit.title,
                    section=hit.section,
                    article=hit.article,
                    quote=quote_around(body, best),
                )
            )
        return Answer(question=question, answer="\n".join(lines), found=True, citations=tuple(citations))
