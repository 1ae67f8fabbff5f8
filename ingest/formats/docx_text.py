"""Word (.docx) → lines: paragraphs and tables in document order, heading styles reported."""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING

from ingest.errors import CorruptFile
from ingest.formats.base import RawText

if TYPE_CHECKING:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

_STYLE_LEVEL = re.compile(r"(?:heading|标题)\s*(\d)", re.I)
_JUNK_TITLE = re.compile(r"^(?:microsoft word|wps|untitled|无标题|文档\d*$|document\d*$)", re.I)


def load_docx(data: bytes, *, path: str) -> RawText:
    # Imported here: python-docx pulls in lxml, which txt/md-only runs never need.
    from docx import Document as open_docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        doc = open_docx(io.BytesIO(data))
        lines: list[str] = []
        headings: dict[str, int] = {}
        hints: dict[str, str] = {}
        for block in doc.iter_inner_content():
            if isinstance(block, Paragraph):
                text = block.text.strip()
                if not text:
                    continue
                lines.append(text)
                level = _heading_level(block)
                if level is not None:
                    headings.setdefault(text, level)
                    if level == 0:
                        hints.setdefault("title", text)
            elif isinstance(block, Table):
                lines.extend(_table_lines(block))
        title = (doc.core_properties.title or "").strip()
        if title and not _JUNK_TITLE.match(title):
            hints["title_hint"] = title
    except Exception as exc:  # zip, XML and python-docx errors alike mean a broken file
        raise CorruptFile(path, "Word 文件已损坏或不是有效的 .docx 文档，无法读取") from exc
    # "Title" style is the document title, not a section: report it as level 1.
    headings = {h: max(level, 1) for h, level in headings.items()}
    return RawText("\n".join(lines), "docx", hints=hints, headings=headings)


def _heading_level(paragraph: Paragraph) -> int | None:
    """0 for the Title style, n for Heading n / 标题 n or an explicit outline level, else None."""
    style = paragraph.style
    name = (style.name if style is not None else "") or ""
    if name.lower() == "title" or name == "标题":
        return 0
    m = _STYLE_LEVEL.search(name)
    if m:
        return int(m.group(1))
    # Chinese templates often skip heading styles but set an outline level (大纲级别) directly.
    levels = paragraph._p.xpath("./w:pPr/w:outlineLvl/@w:val")
    if levels and levels[0].isdigit() and int(levels[0]) < 9:
        return int(levels[0]) + 1
    return None


def _table_lines(table: Table) -> list[str]:
    """One line per row, cells joined by `` | ``; merged cells (repeated objects) appear once."""
    lines: list[str] = []
    for row in table.rows:
        cells: list[str] = []
        nested: list[str] = []
        previous = None
        for cell in row.cells:
            if previous is not None and cell._tc is previous:
                continue
            previous = cell._tc
            text = " ".join(p.text.strip() for p in cell.paragraphs if p.text.strip())
            cells.append(text)
            for inner in cell.tables:
                nested.extend(_table_lines(inner))
        if any(cells):
            lines.append(" | ".join(cells))
        lines.extend(nested)
    return lines
