"""What every format loader returns, and the OCR seam."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True)
class OcrPage:
    """One recognised page: its text (one visual line per line, in reading order) and the mean
    recognition confidence (0–1); ``low`` when it fell below the engine's threshold."""

    text: str
    confidence: float | None = None
    low: bool = False


@dataclass(frozen=True)
class RawText:
    """Text as extracted from a file, before cleaning.

    ``hints``: metadata the container states (``title``, ``date``, ``doc_number``, ``issuer``) or
    suggests weakly (``title_hint``: PDF/Word properties, HTML ``<title>``; ``date_hint``: a web
    page's publication time).
    ``headings``: heading text → level (1 = top) for headings marked by style only (Word styles,
    Markdown ``#``, HTML ``<h1>``…), so structure detection does not depend on numbering alone.
    ``hard_wrapped``: one visual line per line (PDF); the cleaner then rejoins broken sentences.
    ``warnings``: non-fatal problems worth telling the user (e.g. pages without a text layer).
    ``table_heads``: the header line (``考核项目 | 分值 | 评分标准``) of each table, repeated in every
    chunk of a long table (:mod:`ingest.tables`).
    ``ocr``: 0-based page → what OCR read there, for the pages that were recognised rather than
    extracted (their confidence follows the text into the chunks).
    """

    text: str
    format: str
    pages: int | None = None
    hints: dict[str, str] = field(default_factory=dict)
    headings: dict[str, int] = field(default_factory=dict)
    hard_wrapped: bool = False
    warnings: tuple[str, ...] = ()
    table_heads: tuple[str, ...] = ()
    ocr: dict[int, OcrPage] = field(default_factory=dict)


class Ocr(Protocol):
    """OCR engine for PDF pages without a text layer (the product's is :class:`ingest.ocr.OcrReader`).

    Called with the PDF bytes, the 0-based page numbers lacking text and the file's path (for its
    messages); returns one text (or :class:`OcrPage`) per page, in the same order. Plug one in through ``load(..., ocr=...)`` /
    ``prepare(..., ocr=...)``. Engines that also read images (PNG, JPEG, TIFF) have ``read_image``.
    """

    def __call__(self, pdf: bytes, pages: Sequence[int], *, path: str) -> Sequence[str | OcrPage]: ...
