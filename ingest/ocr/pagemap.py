"""Which page each chunk came from, so that a chunk of a recognised page carries its confidence.

Cleaning rejoins lines across pages, drops page numbers and running headers, folds characters and
spaces, so the cleaned text has no page marks left. Its characters are aligned back, in order, to
those of the raw pages (each cleaned bigram searched a little ahead in the raw text): where each
page's text starts in the cleaned text follows, to within a few characters, which is all a chunk of
hundreds of characters needs.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import replace

from ingest.cleaning import normalize_chars
from ingest.formats.base import OcrPage
from ingest.model import Chunk

WINDOW = 80  # how far ahead in the raw text a cleaned character is looked for


def page_starts(pages: Sequence[str], cleaned: str) -> list[int]:
    """Offset in ``cleaned`` where each page's text begins (non-decreasing, one per page)."""
    raw_chars: list[str] = []
    raw_pages: list[int] = []
    for n, page in enumerate(pages):
        for ch in normalize_chars(page):
            if not ch.isspace():
                raw_chars.append(ch)
                raw_pages.append(n)
    raw = "".join(raw_chars)
    starts = [len(cleaned)] * len(pages)
    j = 0
    for i, ch in enumerate(cleaned):
        if ch.isspace():
            continue
        k = raw.find(cleaned[i : i + 2], j, j + WINDOW) if i + 1 < len(cleaned) else -1
        if k < 0:
            k = raw.find(ch, j, j + WINDOW // 4)
        if k < 0:
            continue  # a character cleaning made (，for ,): stays with the page before
        j = k + 1
        owner = raw_pages[k]
        if starts[owner] > i:
            starts[owner] = i
    # pages that left nothing in the cleaned text start where the next one does
    for n in range(len(pages) - 2, -1, -1):
        starts[n] = min(starts[n], starts[n + 1])
    for n in range(1, len(pages)):
        starts[n] = max(starts[n], starts[n - 1])
    return starts


def mark_chunks(
    chunks: Sequence[Chunk], *, pages: Sequence[str], cleaned: str, ocr: Mapping[int, OcrPage]
) -> list[Chunk]:
    """Chunks with ``ocr_confidence`` (the lowest of the recognised pages they overlap) and
    ``ocr_low`` (one of those pages is below the threshold); chunks of text-layer pages unchanged."""
    if not ocr:
        return list(chunks)
    starts = page_starts(pages, cleaned)
    out = []
    for c in chunks:
        first = max(0, bisect.bisect_right(starts, c.start) - 1)
        last = max(first, bisect.bisect_left(starts, c.end) - 1)
        read = [ocr[p] for p in range(first, last + 1) if p in ocr]
        if not read:
            out.append(c)
            continue
        scores = [p.confidence for p in read if p.confidence is not None]
        out.append(
            replace(c, ocr_confidence=min(scores) if scores else None, ocr_low=any(p.low for p in read))
        )
    return out
