"""Ruled tables of PDF pages (pdfplumber) → ``a | b | c`` rows, like DOCX tables, in reading order.

pypdf's text layer reads a table cell by cell in drawing order, which loses the rows. Pages whose
content draws enough lines or rectangles to hold a grid are read again with pdfplumber: the text
outside the tables line by line, each table as rows, merged by their position on the page. A cell
that a vertical merge left empty (pdfplumber reports it as None) takes the text of the cell above; a
row with a single filled cell (a caption spanning the table) stays one line. Only pages that passed
the stream bounds reach here (pdfminer inflates streams whole), and the time limit is checked per page.
"""

from __future__ import annotations

import io
import logging
import re
from typing import TYPE_CHECKING

from ingest.limits import Budget

if TYPE_CHECKING:
    from pdfplumber.page import Page

log = logging.getLogger(__name__)

_RULING = re.compile(rb"(?:\s|^)(?:re|l)\s")  # rectangle and line-to operators
_MIN_RULINGS = 8
_HAN_EDGE = re.compile(r"[\u4e00-\u9fff，。；：、）]$")


def ruled_pages(pages: list) -> list[int]:
    """0-based numbers of the pages that draw enough lines to hold a table."""
    found = []
    for i, page in enumerate(pages):
        try:
            contents = page.get_contents()
            data = contents.get_data() if contents is not None else b""
        except Exception:  # pypdf already reported the page if it is broken
            continue
        if len(_RULING.findall(data)) >= _MIN_RULINGS:
            found.append(i)
    return found


def table_pages(data: bytes, numbers: list[int], budget: Budget) -> tuple[dict[int, str], list[str]]:
    """({page number: page text with its tables as rows}, header lines of the tables found)."""
    if not numbers:
        return {}, []
    try:
        import pdfplumber
    except ImportError:  # an install without the table extra still reads the text layer
        return {}, []
    texts: dict[int, str] = {}
    heads: list[str] = []
    previous: tuple[int, list[str]] | None = None  # the last table: (page number, its rows)
    try:
        with pdfplumber.open(io.BytesIO(data), pages=[n + 1 for n in numbers]) as pdf:
            for n, page in zip(numbers, pdf.pages, strict=False):
                budget.check_time()
                carried = previous[1] if previous and previous[0] == n - 1 else None
                text, page_heads, last = _page(page, carried)
                if text is not None:
                    texts[n], heads = text, heads + page_heads
                previous = (n, last) if last else None
                page.close()
    except Exception as exc:  # tables are an improvement over the text layer, never a reason to fail
        if type(exc).__module__.startswith("ingest"):
            raise
        log.warning("%s: table extraction failed, using the text layer", budget.path, exc_info=True)
        return {}, []
    return texts, heads


def _page(page: Page, carried: list[str] | None) -> tuple[str | None, list[str], list[str]]:
    """(page text, header lines of its tables, rows of its last table). A first table with as many
    columns as the previous page's last one, and another first row, continues it: it gets its header."""
    tables = [t for t in page.find_tables() if len(t.rows) >= 2]
    if not tables:
        return None, [], []
    boxes = [t.bbox for t in tables]

    def outside(obj: dict) -> bool:
        if obj.get("object_type") != "char":
            return True
        x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

    items: list[tuple[float, list[str]]] = []
    for line in page.filter(outside).extract_text_lines():
        items.append((line["top"], [line["text"]]))
    heads: list[str] = []
    rows: list[str] = []
    for i, table in enumerate(sorted(tables, key=lambda t: t.bbox[1])):
        rows = render(table.extract())
        if not rows:
            continue
        if i == 0 and carried and rows[0] != carried[0] and _columns(rows[0]) == _columns(carried[0]):
            rows = [carried[0], *rows]
        heads.append(rows[0])
        items.append((table.bbox[1], rows))
    items.sort(key=lambda item: item[0])
    return "\n".join(line for _, lines in items for line in lines), heads, rows


def _columns(line: str) -> int:
    return line.count(" | ") + 1


def render(rows: list[list[str | None]]) -> list[str]:
    """Rows as lines; None cells (merged) are filled from the left in the header, from above below it."""
    out: list[str] = []
    above: list[str] = []
    for r, row in enumerate(rows):
        cells = [_cell(c) if c is not None else None for c in row]
        filled = [c for c in cells if c]
        if not filled:
            continue
        if r > 0 and len(filled) == 1 and sum(c is None for c in cells) >= len(cells) - 1:
            out.append(filled[0])  # a caption row spanning the table
            continue
        values: list[str] = []
        for i, c in enumerate(cells):
            if c is None:
                c = (values[-1] if values else "") if r == 0 else (above[i] if i < len(above) else "")
            values.append(c)
        above = values
        line = " | ".join(values)
        if r == 0:
            line = " | ".join(dict.fromkeys(values))  # a header cell spanning columns appears once
        out.append(line)
    return out


def _cell(text: str) -> str:
    parts = [p.strip() for p in text.split("\n") if p.strip()]
    joined = ""
    for p in parts:
        joined += p if not joined or _HAN_EDGE.search(joined) else " " + p
    return joined
