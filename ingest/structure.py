"""Paragraph roles and heading paths of a cleaned text.

Chinese official documents announce their structure in the text itself (第一章 / 第十一条 / 一、 /
（一） / 一是 / 1.), so the structure is read from paragraph openings; headings that a container marks
by style only (Word "标题 1", Markdown ``##``, HTML ``<h2>``) can be passed in by the loader.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from ingest.patterns import TITLE_END, marker

# Nesting rank of each heading kind: a heading closes every open heading of equal or deeper rank.
_DIV_RANK = {"部分": 8, "编": 10, "分编": 12, "章": 20, "节": 30}
_MARK_RANK = {"annex": 5, "cn": 40, "pcn": 50, "num": 60, "pnum": 70, "circ": 80}
_STYLE_RANK_STEP = 10  # style level n ranks like n*10: h2 ≈ 章, h3 ≈ 节, as in the statute Markdown
_LABEL_MAX = 60
_SENTENCE_IN = re.compile(r"[。！？；]")
_LABEL_STOP = re.compile(r"[。！？；：:]")
_LINE = re.compile(r"[^\n]+")


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph (line) of the cleaned text and where it sits.

    ``kind``: ``heading`` (opens a section), ``title`` (the document title line), ``article`` (opens a
    第X条), ``lead`` (一是… paragraph, its own topic sentence is its label) or ``body``.
    ``heading_path`` includes the paragraph's own label for headings and leads.
    """

    start: int
    end: int
    kind: str
    heading_path: tuple[str, ...]
    article: str | None


def label_of(paragraph: str) -> str:
    """A heading's label: the text up to its first sentence end (``一是…重点开展竞赛。今年…``)."""
    m = _LABEL_STOP.search(paragraph)
    label = paragraph[: m.start()] if m and m.start() > 0 else paragraph
    return label if len(label) <= _LABEL_MAX else label[: _LABEL_MAX - 1] + "…"


def _is_short_heading(paragraph: str) -> bool:
    return len(paragraph) <= _LABEL_MAX and not _SENTENCE_IN.search(paragraph)


def parse(
    text: str, *, headings: Mapping[str, int] | None = None, title: str | None = None
) -> list[Paragraph]:
    """Split ``text`` at newlines into paragraphs (whitespace-trimmed spans) with their context.

    ``headings`` maps a paragraph text to its style level (1 = top) for headings known only by style;
    ``title`` is the document title, recognised among the first paragraphs so it never enters paths.
    """
    out: list[Paragraph] = []
    stack: list[tuple[int, str]] = []  # (rank, label), outermost first
    article: str | None = None
    seen_title = False
    for m in _LINE.finditer(text):
        start, end = m.span()
        line = m.group()
        stripped = line.strip()
        if not stripped:
            continue
        start += len(line) - len(line.lstrip())
        end -= len(line) - len(line.rstrip())
        if len(out) < 5 and not seen_title and _is_title(stripped, title, headings):
            kind, rank, label = "title", 0, ""  # the title names the document, it is no section
            seen_title = True
        else:
            kind, rank, label = _classify(stripped, headings, in_article=article is not None)
        if kind == "heading":
            while stack and stack[-1][0] >= rank:
                stack.pop()
            stack.append((rank, label))
            article = None
        elif kind == "article":
            article = label
        path = tuple(lbl for _, lbl in stack)
        if kind == "lead":
            path += (label,)
        out.append(Paragraph(start, end, kind, path, article))
    return out


def _is_title(p: str, title: str | None, headings: Mapping[str, int] | None) -> bool:
    if title is not None and p == title:
        return True
    # A top-level styled heading opening the document that reads like a title (…的通知, …条例), even
    # if the metadata title came from elsewhere (an HTML <meta>, a caller override).
    return bool(headings and headings.get(p) == 1 and TITLE_END.search(p) and marker(p) is None)


def _classify(p: str, headings: Mapping[str, int] | None, *, in_article: bool) -> tuple[str, int, str]:
    m = marker(p)
    group = m.lastgroup if m else None
    if group == "article" and m is not None:
        return "article", 0, m.group("article")
    if group == "div" and m is not None and _is_short_heading(p):
        return "heading", _DIV_RANK[m.group("divkind")], p
    if group == "annex":
        return "heading", _MARK_RANK["annex"], p
    if group is not None and group != "div" and not in_article:
        if group == "lead":
            return "lead", 0, label_of(p)
        return "heading", _MARK_RANK[group], label_of(p)
    if headings and p in headings:
        # Only headings without a textual marker get a style rank, so that a styled "一、" still
        # nests like an unstyled one.
        return "heading", max(1, headings[p]) * _STYLE_RANK_STEP, label_of(p)
    # Inside a 第X条, （一）/1. enumerate the article's items: they belong to the article.
    return "body", 0, ""
