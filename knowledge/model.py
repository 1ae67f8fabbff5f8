"""Knowledge-base records handed to channels: hits, citations, answers, filters."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Filters:
    """Metadata filters for search; None means no condition."""

    doc_types: tuple[str, ...] | None = None
    doc_ids: tuple[int, ...] | None = None
    date_from: str | None = None  # ISO prefix, inclusive: "2020", "2020-05", "2020-05-27"
    date_to: str | None = None

    @property
    def empty(self) -> bool:
        return not (self.doc_types or self.doc_ids or self.date_from or self.date_to)


@dataclass(frozen=True)
class Hit:
    chunk_id: str
    doc_id: int
    title: str
    section: str
    article: str | None
    text: str
    score: float
    doc_type: str | None = None
    date: str | None = None
    doc_number: str | None = None
    lexical_rank: int | None = None  # 1-based rank in each run, None when absent from it
    vector_rank: int | None = None
    similarity: float | None = None  # cosine similarity to the query, when a vector run exists
    ocr_confidence: float | None = None  # read by OCR: the lowest confidence of its pages
    ocr_low: bool = False  # …below the OCR threshold: answers quoting it ask to check the original

    def to_json(self) -> dict[str, object]:
        return {
            "doc_id": self.doc_id,
            "title": self.title,
            "section": self.section,
            "article": self.article,
            "text": self.text,
            "score": round(self.score, 6),
        }


@dataclass(frozen=True)
class Citation:
    n: int
    doc_id: int
    title: str
    section: str
    article: str | None
    quote: str
    ocr_low: bool = False  # quotes a scan read with low confidence

    @property
    def label(self) -> str:
        """`中华人民共和国工会法 第十一条`, or the section path when there is no article."""
        where = self.article or self.section
        return f"{self.title} {where}".strip()

    def to_json(self) -> dict[str, object]:
        return {
            "n": self.n,
            "doc_id": self.doc_id,
            "title": self.title,
            "section": self.section,
            "article": self.article,
            "quote": self.quote,
        }


@dataclass(frozen=True)
class Answer:
    question: str
    answer: str
    found: bool
    citations: tuple[Citation, ...] = ()
    closest: tuple[Hit, ...] = field(default=())  # shown when found is False

    def to_json(self) -> dict[str, object]:
        return {
            "answer": self.answer,
            "found": self.found,
            "citations": [c.to_json() for c in self.citations],
        }
