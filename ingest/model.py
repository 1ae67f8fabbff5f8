"""Domain records that flow out of ingest: plain, frozen, storage-agnostic."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class DocMeta:
    """Metadata of one document; every field may be unknown (None)."""

    title: str
    issuer: str | None = None  # 发文机关
    doc_number: str | None = None  # 文号, e.g. 哈工办发〔2020〕11号
    date: str | None = None  # ISO date, YYYY-MM-DD (or YYYY-MM / YYYY when that is all we know)
    doc_type: str | None = None  # 法律/行政法规/条例/规定/办法/通知/讲话/方案/章程/司法解释/其他
    short_title: str | None = None  # how answers name it: 工会法, 哈尔滨市总工会劳动和技能竞赛动员讲话
    in_force_from: str | None = None  # 施行日期, ISO
    status: str | None = None  # a validity.Status value when stated (by the text or the user), else None
    superseded_by: str | None = None  # title of the document that replaces it, when stated
    repeals: tuple[tuple[str, str | None], ...] = ()  # (title, date) of documents it repeals (同时废止)


@dataclass(frozen=True)
class Chunk:
    """A retrievable passage of a cleaned document text.

    ``start``/``end`` are character offsets into ``Document.text`` (``text == doc.text[start:end]``).
    ``heading_path`` lists the enclosing headings from outermost to innermost, e.g.
    ``("二、精准实施，全力推进竞赛广泛深入开展", "一是以推动重点产业项目建设为重点开展竞赛")``.
    ``article`` is the article label (``第十一条``) when the chunk lies inside one.
    ``ocr_confidence`` is set when the chunk was read by OCR (the lowest confidence of its pages, 0–1);
    ``ocr_low`` when one of them fell below the OCR threshold: answers quoting it ask to check the original.
    """

    index: int
    text: str
    start: int
    end: int
    heading_path: tuple[str, ...] = ()
    article: str | None = None
    ocr_confidence: float | None = None
    ocr_low: bool = False

    @property
    def section(self) -> str:
        return " › ".join(self.heading_path)


@dataclass(frozen=True)
class Document:
    """A loaded, cleaned, chunked document, ready for indexing.

    ``content_hash`` is the sha256 of the source bytes: re-ingesting identical bytes is a no-op.
    """

    source: str  # path or name the document came from
    text: str  # cleaned full text
    meta: DocMeta
    content_hash: str
    chunks: tuple[Chunk, ...] = field(default=())
    format: str = (
        "txt"  # txt / md / docx / pdf / html / ofd / doc / wps / xlsx / xls / csv / pptx / image / jsonl
    )
