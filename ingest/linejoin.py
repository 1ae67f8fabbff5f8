"""Visual lines → paragraphs, for PDF text and plain text extracted from PDFs.

PDF extractors give one visual line per line: sentences are broken at the right margin, page numbers
and running headers are interleaved with the text. Whether two lines belong to one paragraph is
decided from what typesetting leaves behind: sentence-final punctuation, line width relative to the
column, indentation, blank lines, and paragraph-opening markers (第X条, 一、, （一）, 一是…).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ingest.patterns import CN_NUM, DATE_LINE, HAN, LINE_CLOSED, STRONG_MARKERS, TITLE_END, marker

_PAGE_NUMBER = re.compile(
    r"^(?:[-—–~·•][ ]*\d{1,4}[ ]*[-—–~·•]|第[ ]*\d{1,4}[ ]*页(?:[ ]*[,，/][ ]*共[ ]*\d{1,4}[ ]*页)?"
    r"|共[ ]*\d{1,4}[ ]*页[ ]*第[ ]*\d{1,4}[ ]*页|\d{1,4}[ ]*/[ ]*\d{1,4}|[Pp]age[ ]*\d{1,4}(?:[ ]*of[ ]*\d{1,4})?|\d{1,4})$"
)
_DIGITS = re.compile(r"\d+")
_ASCII_WORD_END = re.compile(r"[A-Za-z0-9]$")
_ASCII_WORD_START = re.compile(r"^[A-Za-z0-9]")
# 文号 on a line of its own (brackets still raw here: 〔〕, „‟, [], ()).
_DOC_NUMBER_LINE = re.compile(rf"^[{HAN}]{{1,12}}[ ]*\S[ ]*(?:19|20)\d{{2}}[ ]*\S[ ]*第?[ ]*\d{{1,5}}[ ]*号$")
_SENTENCE_INSIDE = re.compile("[。！？；]")
_FULL_STOP_END = re.compile(r"[。！？；][”’」』）)》]*$")
_ARTICLE_ONLY = re.compile(rf"^第[{CN_NUM}\d]{{1,7}}条$")


@dataclass(slots=True)
class _Line:
    text: str  # stripped
    indent: int  # leading spaces in the raw line
    blank_before: int  # blank lines between this and the previous kept line


def _width(s: str) -> float:
    # Visual width in "Chinese characters": ASCII glyphs are about half as wide.
    ascii_chars = sum(1 for c in s if c < "\u0080")
    return len(s) - ascii_chars / 2


_TABLE_ROW = " | "


def _running_keys(pages: list[list[str]]) -> set[str]:
    """Lines that open or close most pages: running headers/footers (digits ignored)."""
    if len(pages) < 2:
        return set()
    seen: Counter[str] = Counter()
    for lines in pages:
        kept = [s for s in (ln.strip() for ln in lines) if s]
        # a table's header row repeated on each page is content, not a running header
        edges = (
            s
            for s in kept[:2] + kept[-2:]
            if not _is_strong(s) and not LINE_CLOSED.search(s) and _TABLE_ROW not in s
        )
        seen.update({_DIGITS.sub("#", s.replace(" ", "")) for s in edges})
    # Short documents: only what is on every page (a signature may close two of three pages).
    need = len(pages) if len(pages) <= 3 else max(3, (len(pages) + 1) // 2)
    return {k for k, n in seen.items() if n >= need and len(k) <= 60}


def _pdf_lines(text: str) -> list[_Line]:
    pages = [p.split("\n") for p in text.split("\f")]
    running = _running_keys(pages)
    out: list[_Line] = []
    for lines in pages:
        nonblank = [i for i, ln in enumerate(lines) if ln.strip()]
        edges = set(nonblank[:2] + nonblank[-2:])
        blank = 0  # a page boundary is not a paragraph break: text flows on
        for i, raw in enumerate(lines):
            s = raw.strip()
            if not s:
                blank += 1
                continue
            if _PAGE_NUMBER.match(s) or (i in edges and _DIGITS.sub("#", s.replace(" ", "")) in running):
                blank = 0
                continue
            out.append(_Line(s, len(raw) - len(raw.lstrip()), blank))
            blank = 0
    return out


def _is_strong(s: str) -> bool:
    m = marker(s)
    return bool(m and m.lastgroup in STRONG_MARKERS)


class _Joiner:
    """Decides, for two consecutive visual lines, whether the second continues the first's paragraph."""

    def __init__(self, lines: list[_Line]) -> None:
        gaps = [ln.blank_before for ln in lines[1:]]
        # Some extractors emit a blank line after every visual line; then only 2+ blanks separate paragraphs.
        double = len(gaps) >= 4 and sum(g == 1 for g in gaps) >= 0.5 * len(gaps)
        self.break_blanks = 2 if double else 1
        widths = sorted(_width(ln.text) for ln in lines)
        self.full = (
            widths[int(0.8 * (len(widths) - 1))] if len(widths) >= 4 else (widths[-1] if widths else 0)
        )
        indents = Counter(ln.indent for ln in lines)
        self.base_indent = indents.most_common(1)[0][0] if indents else 0
        self.in_article = False

    def heading_line(self, s: str) -> bool:
        m = marker(s)
        if not m or m.lastgroup not in ("div", "cn", "pcn", "annex"):
            return False
        if m.lastgroup == "div":
            return True
        # Inside a 第X条, （一） and 一、 enumerate items that wrap like prose; outside, a marker line
        # without a sentence end is a heading, unless it fills the line (then it is a wrapped item).
        return not self.in_article and not _SENTENCE_INSIDE.search(s) and _width(s) < 0.92 * self.full

    def breaks(self, a: _Line, b: _Line, paragraph: str) -> bool:
        if _TABLE_ROW in a.text or _TABLE_ROW in b.text:  # table rows (pdf_tables) are lines of their own
            return True
        if b.blank_before >= self.break_blanks or b.indent - self.base_indent >= 2:
            return True
        if _ARTICLE_ONLY.match(a.text):  # "第一条" wrapped away from its text
            return _is_strong(b.text)
        if DATE_LINE.match(b.text) or DATE_LINE.match(a.text) or _is_strong(b.text):
            return True
        if _DOC_NUMBER_LINE.match(a.text) or _DOC_NUMBER_LINE.match(b.text):
            return True
        if LINE_CLOSED.search(a.text):
            # A sentence that happens to end at the right margin does not end the paragraph: real
            # last lines are visibly shorter than the column.
            if not (_FULL_STOP_END.search(a.text) and _width(a.text) >= self.full - 1):
                return True
            # …unless what follows is a short unpunctuated line: a signature or heading, not prose.
            return _width(b.text) < 0.8 * self.full and not LINE_CLOSED.search(b.text)
        if self.heading_line(a.text):
            return True
        if _width(a.text) < 0.8 * self.full:
            return not self._title_continues(paragraph, b.text)
        return False

    def _title_continues(self, paragraph: str, nxt: str) -> bool:
        """Centered titles wrap onto several short lines: 关于印发 / …竞赛 / …的通知."""
        if len(paragraph) > 100 or TITLE_END.search(paragraph) or LINE_CLOSED.search(nxt):
            return False
        if "关于" in nxt and "关于" not in paragraph:  # the title starts on the next line
            return False
        if "关于" in paragraph:
            return True
        return _width(nxt) < 0.8 * self.full and bool(TITLE_END.search(paragraph + nxt))

    def note_paragraph(self, s: str) -> None:
        m = marker(s)
        if m and m.lastgroup == "article":
            self.in_article = True
        elif m and m.lastgroup == "div":
            self.in_article = False


def _seam(left: str, right: str) -> str:
    if _ARTICLE_ONLY.match(left) or (_ASCII_WORD_END.search(left) and _ASCII_WORD_START.match(right)):
        return " "
    return ""


def rejoin(text: str) -> list[str]:
    """Paragraphs of hard-wrapped text (pages separated by ``\\f``), page furniture removed."""
    lines = _pdf_lines(text)
    if not lines:
        return []
    joiner = _Joiner(lines)
    paragraphs: list[str] = []
    current = lines[0].text
    joiner.note_paragraph(current)
    for a, b in zip(lines, lines[1:], strict=False):
        if joiner.breaks(a, b, current):
            paragraphs.append(current)
            current = b.text
            joiner.note_paragraph(current)
        else:
            current += _seam(current, b.text) + b.text
    paragraphs.append(current)
    return paragraphs


def looks_hard_wrapped(text: str) -> bool:
    """Is this plain text a PDF-style extraction, one visual line per line, sentences broken?

    True when many lines fill the typical width yet stop mid-sentence; texts written one paragraph
    per line (Markdown statutes, Word exports) end nearly every long line with punctuation.
    """
    lines = [s for s in (ln.strip() for ln in text[:200_000].split("\n")) if s]
    if len(lines) < 6:
        return False
    widths = sorted(_width(s) for s in lines)
    full = widths[int(0.8 * (len(widths) - 1))]
    if full < 8 or full > 120:
        return False
    open_full = sum(
        1 for s in lines if _width(s) >= 0.8 * full and not LINE_CLOSED.search(s) and not marker(s)
    )
    return open_full >= 0.3 * len(lines)
