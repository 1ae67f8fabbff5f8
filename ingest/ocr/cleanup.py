"""What OCR reads that is not the document's text: seals, page numbers, specks.

A seal (公章) is red ink in a ring, its text set along an arc: its boxes are red and tilted, or red
and small. The red header (发文机关标志, ``哈尔滨市总工会文件``) is red too, but level, large and near the
top of the first page: it stays, and metadata reads the issuer from it as from a text PDF. Page
numbers (``- 3 -``, ``第 3 页``, a bare number) are dropped at the page's head and foot only. Black
seals of photocopies cannot be told by colour; their tilted fragments still go.
"""

from __future__ import annotations

import math
import re
import statistics

from ingest.ocr.engine import Box
from ingest.ocr.layout import angle_of

_PAGE_NUMBER = re.compile(
    r"^[-—–一~·•_ ]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*[/，,]?\s*共\s*\d{1,4}\s*页)?[-—–一~·•_ ]*$"
    r"|^共\s*\d{1,4}\s*页\s*第\s*\d{1,4}\s*页$|^\d{1,4}\s*/\s*\d{1,4}$"
)
_SYMBOLS_ONLY = re.compile(r"^[\W_]+$")
# 文号 brackets the recogniser reads as their look-alikes: 哈工发〔2018]42号 → 哈工发〔2018〕42号
_DOCNO_BRACKETS = re.compile(r"[〔\[【(（［]((?:19|20)\d{2})[〕\]】)）］](?=第?\d{1,5}号)")
LEVEL = math.radians(3)  # a line this close to the page's slope is level
TILTED = math.radians(10)  # seal text along its arc is further off than this
RED = 0.5  # share of red ink that makes a box red print
HEADER_ZONE = 0.35  # the red header sits in the top third of the page
EDGE_TOP, EDGE_BOTTOM = 0.08, 0.88  # page numbers live above / below these fractions of the height


def keep(boxes: list[Box], *, height: int, skew: float) -> list[Box]:
    black = [b for b in boxes if b.red < RED]
    body = statistics.median(_height(b) for b in black) if black else 0.0
    out = []
    for b in boxes:
        off = abs(angle_of(b) - skew)
        top = min(y for _, y in b.quad) / max(height, 1)
        bottom = max(y for _, y in b.quad) / max(height, 1)
        if b.red >= RED and not (off < LEVEL and top < HEADER_ZONE and _height(b) >= 1.2 * body):
            continue  # a seal, a red rule mistaken for text
        if off > TILTED and len(b.text) <= 6:
            continue  # a seal's arc in a black-and-white copy
        if (top < EDGE_TOP or bottom > EDGE_BOTTOM) and _PAGE_NUMBER.match(b.text):
            continue
        if (len(b.text) <= 2 and b.score < 0.6) or (_SYMBOLS_ONLY.match(b.text) and b.score < 0.8):
            continue  # specks and smudges
        out.append(b)
    return out


def _height(b: Box) -> float:
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = b.quad[:4]
    return (math.hypot(x3 - x0, y3 - y0) + math.hypot(x2 - x1, y2 - y1)) / 2


def fix_text(text: str) -> str:
    """Character fixes on a page's text that the recogniser's look-alikes make necessary."""
    return _DOCNO_BRACKETS.sub(r"〔\1〕", text)
