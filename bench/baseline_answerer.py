"""The extractive composer as it was before issue 9 (one line per passage, each prefixed with the
document's full title), kept only as the baseline that `python -m bench answers` measures against.
Not product code: nothing outside bench/ imports it."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from knowledge.analysis import Analyzer
from knowledge.answering import NOT_FOUND
from knowledge.gate import (
    MIN_COVERAGE,
    MIN_COVERAGE_LEXICAL_ONLY,
    MIN_COVERAGE_WITH_SIMILARITY,
    asks_quantity,
    coverage,
    states_quantity,
)
from knowledge.model import Answer, Citation, Hit

_SENTENCE = re.compile(r"[^。！？\n]+[。！？]?")
_LEADING_ARTICLE = re.compile(r"^第[零一二三四五六七八九十百千\d]+条(之[一二三四五六七八九十]+)?\s*")
QUOTE_CHARS = 240
EXCERPT_CHARS = 160  # the first answer line quotes at most this much of its passage
SUPPORT_CHARS = 100  # further lines are shorter: the answer stays short, the citations hold the rest


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


class BaselineAnswerer:
    def __init__(
        self,
        analyzer: Analyzer,
        *,
        idf: Callable[[Iterable[str]], dict[str, float]] | None = None,
        min_similarity: float | None = None,
        off_topic: Callable[[str], float | None] | None = None,
        max_citations: int = 3,
    ) -> None:
        self.analyzer = analyzer
        self.idf = idf
        self.min_similarity = min_similarity
        self.off_topic = off_topic  # question -> similarity to the nearest everyday topic
        self.max_citations = max_citations

    def is_supported(self, hit: Hit, *, terms: dict[str, float], idf: dict[str, float] | None) -> bool:
        cov = coverage(terms, f"{hit.title} {hit.section} {hit.article or ''} {hit.text}", idf)
        if cov >= MIN_COVERAGE:
            return True
        if self.min_similarity is None or hit.similarity is None:
            return cov >= MIN_COVERAGE_LEXICAL_ONLY
        return hit.similarity >= self.min_similarity and cov >= MIN_COVERAGE_WITH_SIMILARITY

    def is_off_topic(self, question: str, hits: list[Hit]) -> bool:
        """Closer to an everyday topic (weather, taxes, traffic …) than to every passage found."""
        similarities = [h.similarity for h in hits[:3] if h.similarity is not None]
        if self.off_topic is None or not similarities:
            return False
        nearest = self.off_topic(question)
        return nearest is not None and nearest >= max(similarities)

    def answer(self, question: str, hits: list[Hit]) -> Answer:
        # the best-ranked passage may be a near miss while the next one answers: look at the top three
        terms = self.analyzer.query_terms(question)
        idf = self.idf(terms) if self.idf else None
        supported = [h for h in hits[:3] if self.is_supported(h, terms=terms, idf=idf)]
        if (
            not supported
            or self.is_off_topic(question, hits)
            or (asks_quantity(question) and not any(states_quantity(h.text) for h in supported))
        ):
            return Answer(question=question, answer=NOT_FOUND, found=False, closest=tuple(hits[:3]))
        lines: list[str] = []
        citations: list[Citation] = []
        for hit in hits:
            if len(citations) >= self.max_citations:
                break
            if citations and not self.is_supported(hit, terms=terms, idf=idf):
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
