"""PowerPoint (.pptx) → one section per slide: its title as a heading, then its text and tables.

The slide XML is read directly (no python-pptx): slides in presentation order (presentation.xml and
its relationships), every part read through :class:`~ingest.formats.zipped.SafeZip`'s bounds.
"""

from __future__ import annotations

import posixpath
import re
from typing import TYPE_CHECKING

from ingest.errors import CorruptFile
from ingest.formats.base import RawText
from ingest.formats.xmlstream import parse_small
from ingest.formats.zipped import SafeZip
from ingest.limits import DEFAULT_LIMITS, Budget

if TYPE_CHECKING:
    from lxml.etree import _Element

BROKEN = "PowerPoint 文件已损坏或不是有效的 .pptx 文档，无法读取"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_SLIDE = re.compile(r"^ppt/slides/slide(\d+)\.xml$")
_TITLE_TYPES = frozenset({"title", "ctrTitle"})


def load_pptx(data: bytes, *, path: str, budget: Budget | None = None) -> RawText:
    budget = budget or DEFAULT_LIMITS.budget(path)
    archive = SafeZip(data, budget=budget, broken=BROKEN)
    slides = _slide_order(archive)
    if not slides:
        raise CorruptFile(path, BROKEN)
    budget.check_pages(len(slides), "张幻灯片")
    lines: list[str] = []
    headings: dict[str, int] = {}
    chars = 0
    for n, name in enumerate(slides, start=1):
        budget.check_time()
        root = parse_small(archive, name, broken=BROKEN)
        if root is None:
            continue
        title, body = _slide_text(root)
        heading = title or f"第{n}张幻灯片"
        headings.setdefault(heading, 1)
        lines.append(heading)
        lines.extend(body)
        chars += sum(len(x) + 1 for x in (heading, *body))
        budget.check_chars(chars)
    return RawText("\n".join(lines), "pptx", headings=headings)


def _slide_order(archive: SafeZip) -> list[str]:
    """Slide part names in presentation order; by file number when the manifest is unusable."""
    numbered = [(int(m.group(1)), n) for n in archive.names if (m := _SLIDE.match(n))]
    by_number = [n for _, n in sorted(numbered, key=lambda pair: pair[0])]
    pres = parse_small(archive, "ppt/presentation.xml", broken=BROKEN)
    rels = parse_small(archive, "ppt/_rels/presentation.xml.rels", broken=BROKEN)
    if pres is None or rels is None:
        return by_number
    targets = {
        r.get("Id"): posixpath.normpath(posixpath.join("ppt", r.get("Target", "")))
        for r in rels.iter(REL + "Relationship")
    }
    found = (targets.get(s.get(R + "id")) for s in pres.iter(P + "sldId"))
    ordered = [n for n in found if n and archive.has(n)]
    return ordered or by_number


def _slide_text(root: _Element) -> tuple[str, list[str]]:
    title = ""
    body: list[str] = []
    tree = root.find(P + "cSld")
    if tree is None:
        return title, body
    for el in tree.iter(P + "sp", A + "tbl"):
        if el.tag == A + "tbl":
            for tr in el.iter(A + "tr"):
                cells = [" ".join(_paragraphs(tc)) for tc in tr.iter(A + "tc")]
                if any(cells):
                    body.append(" | ".join(cells))
            continue
        texts = _paragraphs(el)
        if not texts:
            continue
        ph = el.find(f"{P}nvSpPr/{P}nvPr/{P}ph")
        if not title and ph is not None and ph.get("type") in _TITLE_TYPES:
            title = " ".join(texts)
        else:
            body.extend(texts)
    return title, body


def _paragraphs(el: _Element) -> list[str]:
    out: list[str] = []
    for p in el.iter(A + "p"):
        text = "".join(
            "\n" if t.tag == A + "br" else (t.text or "") for t in p.iter(A + "t", A + "br")
        ).strip()
        if text:
            out.extend(line.strip() for line in text.split("\n") if line.strip())
    return out
