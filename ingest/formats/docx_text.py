"""Word (.docx) → lines: paragraphs and tables in document order, heading styles reported.

``word/document.xml`` is streamed (lxml ``iterparse``) one body paragraph or table row at a time and
each is dropped once read, so memory stays proportional to the largest paragraph or row, never to the
document: a zip bomb is refused from its declared sizes before this, and a document that is merely huge
is stopped at the text limit while it streams. Table rows are ``a | b | c`` lines; a vertically merged
cell repeats its text in every row it spans (filled down), a horizontally merged one appears once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ingest.errors import CorruptFile, IngestError
from ingest.formats.base import RawText
from ingest.formats.xmlstream import W, XmlStream, parse_small
from ingest.formats.zipped import SafeZip
from ingest.limits import DEFAULT_LIMITS, Budget

if TYPE_CHECKING:
    from lxml.etree import _Element

_STYLE_LEVEL = re.compile(r"(?:heading|标题)\s*(\d)", re.I)
_JUNK_TITLE = re.compile(r"^(?:microsoft word|wps|untitled|无标题|文档\d*$|document\d*$)", re.I)
BROKEN = "Word 文件已损坏或不是有效的 .docx 文档，无法读取"
_DOCUMENT = "word/document.xml"
_CONTAINERS = frozenset({W + "document", W + "body", W + "sdt", W + "sdtContent"})
# Subtrees whose text is not the paragraph's own: text boxes (and the VML copy of a drawing), field codes.
_SKIP = frozenset(
    {W + "txbxContent", "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"}
)
_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"


def load_docx(data: bytes, *, path: str, budget: Budget | None = None) -> RawText:
    budget = budget or DEFAULT_LIMITS.budget(path)
    archive = SafeZip(data, budget=budget, broken=BROKEN)  # declared sizes and ratios checked here
    if not archive.has(_DOCUMENT):
        raise CorruptFile(path, BROKEN)
    styles = _style_names(archive)
    lines: list[str] = []
    headings: dict[str, int] = {}
    hints: dict[str, str] = {}
    heads: list[str] = []
    chars = 0
    try:
        for kind, text, level in _blocks(archive, budget, styles):
            if kind == "head":
                heads.append(text)
                continue
            lines.append(text)
            if level is not None:
                headings.setdefault(text, level)
                if level == 0:
                    hints.setdefault("title", text)
            chars += len(text) + 1
            budget.check_chars(chars)
    except IngestError:
        raise
    except Exception as exc:  # XML errors (including lxml's refusal of a >10 MB text node)
        raise CorruptFile(path, BROKEN) from exc
    title = _core_title(archive)
    if title and not _JUNK_TITLE.match(title):
        hints["title_hint"] = title
    # "Title" style is the document title, not a section: report it as level 1.
    headings = {h: max(level, 1) for h, level in headings.items()}
    return RawText("\n".join(lines), "docx", hints=hints, headings=headings, table_heads=tuple(heads))


def _blocks(
    archive: SafeZip, budget: Budget, styles: dict[str, str]
) -> Iterator[tuple[str, str, int | None]]:
    """("p", text, heading level) for body paragraphs, ("row", line, None) for table lines, in order;
    ("head", line, None) before the rows of a table for its header row."""
    open_tags: list[str] = []
    above: dict[int, str] = {}  # grid column → text of the row above, for vertical merges
    first_row = False
    stream = XmlStream(archive.open(_DOCUMENT), budget)
    for event, el in stream:
        if event == "start":
            if el.tag == W + "tbl" and set(open_tags) <= _CONTAINERS:
                above, first_row = {}, True
            open_tags.append(str(el.tag))  # a parsed tag is a str; lxml types it as any settable tag
            continue
        open_tags.pop()
        outer = set(open_tags)
        if el.tag == W + "p" and outer <= _CONTAINERS:
            text = paragraph_text(el).strip()
            if text:
                for line in text.split("\n"):
                    if line.strip():
                        yield "p", line.strip(), _heading_level(el, styles)
            stream.drop(el)
        elif (
            el.tag == W + "tr"
            and open_tags
            and open_tags[-1] == W + "tbl"
            and set(open_tags[:-1]) <= _CONTAINERS
        ):
            lines = _row_lines(el, above)
            if first_row and lines:
                yield "head", lines[0], None  # the header row, repeated in every chunk of a long table
                first_row = False
            for line in lines:
                yield "row", line, None
            stream.drop(el)
        elif el.tag in (W + "tbl", W + "sdt") and outer <= _CONTAINERS:
            stream.drop(el)


def paragraph_text(p: _Element) -> str:
    out: list[str] = []
    stack = [p]
    while stack:
        el = stack.pop()
        tag = el.tag
        if tag in _SKIP:
            continue
        if tag == W + "t":
            out.append(el.text or "")
        elif tag in (W + "tab", W + "ptab"):
            out.append("\t")
        elif tag == W + "br":
            if el.get(W + "type") in (None, "textWrapping"):
                out.append("\n")
        elif tag == W + "cr":
            out.append("\n")
        elif tag == W + "noBreakHyphen":
            out.append("-")
        stack.extend(reversed(el))
    return "".join(out)


def _row_lines(tr: _Element, above: dict[int, str]) -> list[str]:
    """One line for the row (cells joined by `` | ``), then the lines of tables nested in its cells."""
    cells: list[str] = []
    nested: list[str] = []
    col = 0
    for tc in tr.iterchildren(W + "tc"):
        props = tc.find(W + "tcPr")
        span = _int(props.find(W + "gridSpan") if props is not None else None, 1)
        merge = props.find(W + "vMerge") if props is not None else None
        if merge is not None and merge.get(W + "val") in (None, "continue"):
            text = above.get(col, "")  # a vertically merged cell: the text of the cell it continues
        else:
            text = " ".join(t for t in (paragraph_text(p).strip() for p in tc.iterchildren(W + "p")) if t)
        above[col] = text
        cells.append(text)
        for inner in tc.iterchildren(W + "tbl"):
            inner_above: dict[int, str] = {}
            for row in inner.iterchildren(W + "tr"):
                nested.extend(_row_lines(row, inner_above))
        col += span
    return ([" | ".join(cells)] if any(cells) else []) + nested


def _int(el: _Element | None, default: int) -> int:
    value = el.get(W + "val") if el is not None else None
    return int(value) if value and value.isdigit() else default


def _heading_level(p: _Element, styles: dict[str, str]) -> int | None:
    """0 for the Title style, n for Heading n / 标题 n or an explicit outline level, else None."""
    props = p.find(W + "pPr")
    if props is None:
        return None
    style = props.find(W + "pStyle")
    name = styles.get(style.get(W + "val", ""), style.get(W + "val", "")) if style is not None else ""
    if name.lower() == "title" or name == "标题":
        return 0
    m = _STYLE_LEVEL.search(name)
    if m:
        return int(m.group(1))
    # Chinese templates often skip heading styles but set an outline level (大纲级别) directly.
    level = props.find(W + "outlineLvl")
    value = level.get(W + "val", "") if level is not None else ""
    if value.isdigit() and int(value) < 9:
        return int(value) + 1
    return None


def _style_names(archive: SafeZip) -> dict[str, str]:
    """style id → style name (``Heading1`` → ``heading 1``), from word/styles.xml."""
    root = parse_small(archive, "word/styles.xml", broken=BROKEN)
    if root is None:
        return {}
    names: dict[str, str] = {}
    for style in root.iterchildren(W + "style"):
        name = style.find(W + "name")
        style_id = style.get(W + "styleId")
        if name is not None and style_id:
            names[style_id] = name.get(W + "val", "")
    return names


def _core_title(archive: SafeZip) -> str:
    try:
        root = parse_small(archive, "docProps/core.xml", broken=BROKEN)
    except CorruptFile:  # document properties are decoration: a broken part is not a broken document
        return ""
    title = root.find(_DC_TITLE) if root is not None else None
    return (title.text or "").strip() if title is not None else ""
