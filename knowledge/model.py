"""Knowledge-base records handed to channels: hits, citations, answers, filters."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

IN_FORCE = "现行有效"  # ingest.validity.Status.IN_FORCE.value, the status of a document nobody replaced


class Reach(Enum):
    """Whose rule a passage is, seen from the person asking."""

    NATIONAL = "全国"
    NAMED = "所问地区"  # the place the question names
    OWN = "本地"  # the asker's province or city (their union, else the deployment's region)
    OTHER = "外地"  # a local rule of another place: labelled in answers


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
    short_title: str | None = None  # how answers name the document (工会法)
    issuer: str | None = None
    status: str = IN_FORCE  # 现行有效 / 已修订 / 已废止
    superseded_by: str | None = None  # title of the document that replaces it
    reach: Reach = Reach.NATIONAL  # set by the answer pipeline from the asker's place
    jurisdiction: str | None = None  # "上海市地方性法规" for a local rule of another place

    @property
    def name(self) -> str:
        return self.short_title or self.title

    @property
    def in_force(self) -> bool:
        return self.status == IN_FORCE

    def to_json(self) -> dict[str, object]:
        return {
            "doc_id": self.doc_id,
            "title": self.title,
            "section": self.section,
            "article": self.article,
            "text": self.text,
            "score": round(self.score, 6),
            "short_title": self.name,
            "status": self.status,
            "superseded_by": self.superseded_by,
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
    short_title: str | None = None
    status: str = IN_FORCE
    superseded_by: str | None = None
    jurisdiction: str | None = None  # "上海市地方性法规" when it is another place's rule

    @property
    def label(self) -> str:
        """`《工会法》第十一条`, or the innermost heading when there is no article."""
        where = self.article or (self.section.split(" › ")[-1] if self.section else "")
        return f"《{self.short_title or self.title}》{where}"

    def to_json(self) -> dict[str, object]:
        return {
            "n": self.n,
            "doc_id": self.doc_id,
            "title": self.title,
            "section": self.section,
            "article": self.article,
            "quote": self.quote,
            "short_title": self.short_title or self.title,
            "label": self.label,
            "status": self.status,
            "superseded_by": self.superseded_by,
            "jurisdiction": self.jurisdiction,
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
