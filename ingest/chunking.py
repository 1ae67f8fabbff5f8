"""Structure-aware chunking of a cleaned text into retrievable passages.

A chunk stays inside one section (same heading path and article): a retrieved passage should be
quotable as "工会法第十一条" or "二、… › 一是…", never half of one article and half of the next.
Within a section, small paragraphs are packed together; a section longer than ``max_chars`` is cut at
sentence ends with a little overlap (whole sentences) so a sentence is never torn from its context.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

from ingest.model import Chunk
from ingest.patterns import CLOSERS, SENTENCE_END
from ingest.structure import Paragraph, parse

_SENTENCE = re.compile(rf"[^{SENTENCE_END}\n]+[{SENTENCE_END}]*[{CLOSERS}]*|[{SENTENCE_END}]+[{CLOSERS}]*")
# Where an over-long sentence is best cut: after a clause mark, else after a space.
_CLAUSE_MARKS = frozenset("，、：,:）)》”")
_HEADING_LIKE = frozenset({"heading", "title"})
_OVERLAP_SLACK = 1.5  # "about overlap chars": one whole sentence up to 1.5× overlap is still taken


@dataclass(slots=True)
class _Section:
    paragraphs: list[Paragraph]
    start: int
    heading_path: tuple[str, ...]
    article: str | None

    @property
    def end(self) -> int:
        return self.paragraphs[-1].end

    @property
    def headings_only(self) -> bool:
        return all(p.kind in _HEADING_LIKE for p in self.paragraphs)


def chunk(
    text: str,
    *,
    max_chars: int = 400,
    overlap: int = 60,
    headings: Mapping[str, int] | None = None,
    title: str | None = None,
) -> list[Chunk]:
    """Cut ``text`` into chunks; ``text[c.start:c.end] == c.text`` for every chunk ``c``.

    ``headings``/``title`` are passed to :func:`ingest.structure.parse` (style-only headings, the
    document title).
    """
    if max_chars < 1:
        raise ValueError("max_chars must be positive")
    if not 0 <= overlap < max_chars:
        raise ValueError("overlap must be >= 0 and smaller than max_chars")
    chunks: list[Chunk] = []
    for section in _sections(parse(text, headings=headings, title=title)):
        atoms = _atoms(text, section, max_chars)
        for s, e in _pack(atoms, max_chars, overlap):
            chunks.append(Chunk(len(chunks), text[s:e], s, e, section.heading_path, section.article))
    return chunks


def _sections(paragraphs: list[Paragraph]) -> list[_Section]:
    sections: list[_Section] = []
    for p in paragraphs:
        key = (p.heading_path, p.article)
        last = sections[-1] if sections else None
        opens = p.kind in ("heading", "article", "lead")
        if last is None or opens or key != (last.heading_path, last.article):
            sections.append(_Section([p], p.start, *key))
        else:
            last.paragraphs.append(p)
    # A heading directly followed by its first subsection (第一章 → 第一条, 一、 → 一是) has no text of
    # its own; a chunk of just "第一章 总则" would be noise, so it joins the subsection's first chunk.
    merged: list[_Section] = []
    pending: _Section | None = None
    for sec in sections:
        if pending is not None:
            if sec.heading_path[: len(pending.heading_path)] == pending.heading_path:
                sec = _Section(
                    pending.paragraphs + sec.paragraphs, pending.start, sec.heading_path, sec.article
                )
            else:
                merged.append(pending)
            pending = None
        if sec.headings_only:
            pending = sec
        else:
            merged.append(sec)
    if pending is not None:
        merged.append(pending)
    return merged


def _atoms(text: str, section: _Section, max_chars: int) -> list[tuple[int, int]]:
    """Sentence spans (whitespace-trimmed) of a section; over-long sentences are pre-cut."""
    atoms: list[tuple[int, int]] = []
    for p in section.paragraphs:
        for m in _SENTENCE.finditer(text, p.start, p.end):
            s, e = m.span()
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if s == e:
                continue
            if e - s <= max_chars:
                atoms.append((s, e))
            else:
                atoms.extend(_hard_split(text, s, e, max_chars))
    return atoms


def _hard_split(text: str, s: int, e: int, max_chars: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    while e - s > max_chars:
        limit = s + max_chars
        cut = limit
        for i in range(limit - 1, s + max_chars // 2 - 1, -1):
            if text[i] in _CLAUSE_MARKS or text[i].isspace():
                cut = i + 1
                break
        piece_end = cut
        while piece_end > s and text[piece_end - 1].isspace():
            piece_end -= 1
        out.append((s, piece_end if piece_end > s else cut))
        s = cut
        while s < e and text[s].isspace():
            s += 1
    if s < e:
        out.append((s, e))
    return out


def _pack(atoms: list[tuple[int, int]], max_chars: int, overlap: int) -> list[tuple[int, int]]:
    """Greedy packing of consecutive atoms into spans ≤ max_chars, with whole-sentence overlap.

    Aims at evenly sized chunks (a 450-char section becomes ~2×250, not 400 + 50).
    """
    if not atoms:
        return []
    if atoms[-1][1] - atoms[0][0] <= max_chars:
        return [(atoms[0][0], atoms[-1][1])]
    step = max(1, max_chars - overlap)

    def span(i: int, j: int) -> int:
        return atoms[j][1] - atoms[i][0]

    spans: list[tuple[int, int]] = []
    i, last, done = 0, len(atoms) - 1, -1
    while True:
        j = max(i, done + 1)  # every chunk takes at least one sentence the previous one did not have
        # Re-aim at each chunk, so the remainder is shared evenly instead of leaving a stub at the end.
        remaining = span(i, last)
        pieces = max(1, math.ceil((remaining - overlap) / step))
        target = min(max_chars, (remaining + (pieces - 1) * overlap) / pieces)
        while j < last and span(i, j) < target and span(i, j + 1) <= max_chars:
            j += 1
        spans.append((atoms[i][0], atoms[j][1]))
        if j == last:
            return spans
        done = j
        # Next chunk restarts with the trailing whole sentences (≤ overlap) of this one, if they and
        # the next sentence still fit in max_chars.
        k = j + 1
        while k - 1 > i and span(k - 1, j) <= overlap:
            k -= 1
        if k == j + 1 and j > i and span(j, j) <= overlap * _OVERLAP_SLACK:
            k = j
        while k <= j and span(k, j + 1) > max_chars:
            k += 1
        i = k
