"""OFD (GB/T 33190, the national fixed-layout format) → text, pages separated by ``\\f``.

An OFD file is a zip of XML: ``OFD.xml`` names the document root and its properties (DocInfo/Title),
``Document.xml`` lists the pages, and each page's ``Content.xml`` places ``TextObject``\\s (a
Boundary ``x y w h`` and ``TextCode`` runs at X/Y inside it). Text is read directly, no OFD library:
text codes are grouped into lines by their baseline and ordered left to right, like a PDF's text layer,
so the cleaner rejoins wrapped lines and finds headers and page numbers the same way. Every part goes
through the zip bounds of :class:`~ingest.formats.zipped.SafeZip`.
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING

from ingest.errors import CorruptFile
from ingest.formats.base import RawText
from ingest.formats.xmlstream import parse_small
from ingest.formats.zipped import SafeZip
from ingest.limits import DEFAULT_LIMITS, Budget

if TYPE_CHECKING:
    from lxml.etree import _Element

BROKEN = "OFD 文件已损坏或不是有效的 OFD 文档，无法读取"
NO_TEXT = "该 OFD 文件没有文字内容（可能是扫描件），无法读取"
_LINE_TOLERANCE = 0.4  # of the font size: text codes whose baselines differ less share a line


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1]


def _children(el: _Element, name: str) -> list[_Element]:
    return [c for c in el if _local(c.tag) == name]


def _find(el: _Element, *path: str) -> _Element | None:
    node = el
    for name in path:
        found = _children(node, name)
        if not found:
            return None
        node = found[0]
    return node


def _resolve(base_dir: str, loc: str) -> str:
    loc = loc.strip().replace("\\", "/")
    return posixpath.normpath(loc.lstrip("/") if loc.startswith("/") else posixpath.join(base_dir, loc))


def load_ofd(data: bytes, *, path: str, budget: Budget | None = None) -> RawText:
    budget = budget or DEFAULT_LIMITS.budget(path)
    archive = SafeZip(data, budget=budget, broken=BROKEN)
    root = parse_small(archive, "OFD.xml", broken=BROKEN)
    body = _find(root, "DocBody") if root is not None else None
    doc_root = _find(body, "DocRoot") if body is not None else None
    if doc_root is None or doc_root.text is None or not doc_root.text.strip():
        raise CorruptFile(path, BROKEN)
    doc_name = _resolve("", doc_root.text)
    document = parse_small(archive, doc_name, broken=BROKEN)
    if document is None:
        raise CorruptFile(path, BROKEN)
    doc_dir = posixpath.dirname(doc_name)
    pages_el = _find(document, "Pages")
    pages = [p.get("BaseLoc", "") for p in _children(pages_el, "Page")] if pages_el is not None else []
    budget.check_pages(len(pages))
    texts: list[str] = []
    chars = 0
    for loc in pages:
        budget.check_time()
        page = parse_small(archive, _resolve(doc_dir, loc), broken=BROKEN) if loc else None
        texts.append(_page_text(page) if page is not None else "")
        chars += len(texts[-1])
        budget.check_chars(chars)
    if not any(t.strip() for t in texts):
        raise CorruptFile(path, NO_TEXT)
    hints: dict[str, str] = {}
    title = _find(body, "DocInfo", "Title") if body is not None else None
    if title is not None and title.text is not None and title.text.strip():
        hints["title_hint"] = title.text.strip()
    return RawText("\f".join(texts), "ofd", pages=len(pages), hints=hints, hard_wrapped=True)


def _page_text(page: _Element) -> str:
    """Text codes grouped into lines (top to bottom), each line left to right."""
    runs: list[tuple[float, float, float, str]] = []  # (baseline y, x, size, text)
    for obj in page.iter():
        if _local(obj.tag) != "TextObject":
            continue
        bx, by = _origin(obj.get("Boundary", ""))
        size = _float(obj.get("Size"), 3.5)
        for code in _children(obj, "TextCode"):
            text = code.text or ""
            if text.strip():
                runs.append((by + _float(code.get("Y"), 0.0), bx + _float(code.get("X"), 0.0), size, text))
    runs.sort(key=lambda r: (r[0], r[1]))
    lines: list[list[tuple[float, str]]] = []
    line_y = None
    for y, x, size, text in runs:
        if line_y is None or abs(y - line_y) > size * _LINE_TOLERANCE:
            lines.append([])
            line_y = y
        lines[-1].append((x, text))
    return "\n".join("".join(t for _, t in sorted(line)) for line in lines)


def _origin(boundary: str) -> tuple[float, float]:
    parts = boundary.split()
    return (_float(parts[0], 0.0), _float(parts[1], 0.0)) if len(parts) >= 2 else (0.0, 0.0)


def _float(value: str | None, default: float) -> float:
    try:
        return float(value) if value is not None else default
    except ValueError:
        return default
