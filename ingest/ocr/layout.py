"""Recognised boxes → page text in reading order, laid out like a PDF's text layer.

The output is one visual line per line, as :mod:`ingest.linejoin` expects from a PDF: a paragraph's
first line indented by spaces, a blank line where the page leaves a wide vertical gap (title → body,
body → signature), wide gaps inside a line (signature ⟷ date) as runs of spaces and table cells joined
with `` | ``. A page set in two columns is read left column first; full-width lines above or below
(the title, a closing paragraph) stay where they are.
"""

from __future__ import annotations

import math
import re
import statistics
from dataclasses import dataclass

from ingest.ocr.engine import Box

_ASCII_END = re.compile(r"[A-Za-z0-9]$")
_ASCII_START = re.compile(r"^[A-Za-z0-9]")
INDENT = "    "  # what a PDF extractor gives for a 2-character first-line indent
WIDE_GAP = "    "  # cleaning turns 4+ spaces into one


@dataclass(frozen=True)
class Item:
    """A box with its axis-aligned extent after deskewing."""

    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    score: float

    @property
    def h(self) -> float:
        return self.y1 - self.y0

    @property
    def yc(self) -> float:
        return (self.y0 + self.y1) / 2


def skew(boxes: list[Box]) -> float:
    """The page's rotation (radians), the median slope of its long lines."""
    angles = []
    for b in boxes:
        (x0, y0), (x1, y1) = b.quad[0], b.quad[1]
        (_, y3) = b.quad[3]
        width, height = math.hypot(x1 - x0, y1 - y0), abs(y3 - y0)
        if width > 4 * max(height, 1):
            angles.append(math.atan2(y1 - y0, x1 - x0))
    return statistics.median(angles) if angles else 0.0


def angle_of(box: Box) -> float:
    (x0, y0), (x1, y1) = box.quad[0], box.quad[1]
    return math.atan2(y1 - y0, x1 - x0)


def deskew(boxes: list[Box], angle: float) -> list[Item]:
    cos, sin = math.cos(-angle), math.sin(-angle)
    items = []
    for b in boxes:
        pts = [(x * cos - y * sin, x * sin + y * cos) for x, y in b.quad]
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        items.append(Item(min(xs), min(ys), max(xs), max(ys), b.text, b.score))
    return items


def char_height(items: list[Item]) -> float:
    return statistics.median(i.h for i in items) if items else 1.0


def lines_of(items: list[Item]) -> list[list[Item]]:
    """Group boxes into visual lines (vertical overlap), each sorted left to right, top to bottom."""
    lines: list[list[Item]] = []
    for it in sorted(items, key=lambda i: i.yc):
        for line in reversed(lines[-3:]):
            top, bottom = min(i.y0 for i in line), max(i.y1 for i in line)
            overlap = min(bottom, it.y1) - max(top, it.y0)
            clash = any(min(o.x1, it.x1) - max(o.x0, it.x0) > 0.3 * it.h for o in line)
            if overlap >= 0.5 * min(it.h, bottom - top) and not clash:
                line.append(it)
                break
        else:
            lines.append([it])
    for line in lines:
        line.sort(key=lambda i: i.x0)
    lines.sort(key=lambda ln: min(i.y0 for i in ln))
    return lines


def gutter(lines: list[list[Item]], ch: float) -> float | None:
    """The x of a column gutter, when enough lines have text on both sides and few cross it."""
    items = [i for ln in lines for i in ln]
    if len(lines) < 6:
        return None
    left, right = min(i.x0 for i in items), max(i.x1 for i in items)
    best, best_score = None, 0.0
    x = left + 0.3 * (right - left)
    while x <= left + 0.7 * (right - left):
        crossing = sum(1 for ln in lines if any(i.x0 < x - 0.3 * ch and i.x1 > x + 0.3 * ch for i in ln))
        both = sum(1 for ln in lines if any(i.x1 <= x for i in ln) and any(i.x0 >= x for i in ln))
        score = both - 2 * crossing
        if both >= max(4, 0.3 * len(lines)) and score > best_score:
            best, best_score = x, score
        x += ch / 2
    return best


def _columns_read(block: list[list[Item]], x: float, ch: float) -> bool:
    """A block read as two text columns (else as table rows): on each side, lines of running text
    that fill their column, not short cells with gaps between them."""
    left = [ln for ln in ([i for i in line if i.x1 <= x] for line in block) if ln]
    right = [ln for ln in ([i for i in line if i.x0 >= x] for line in block) if ln]
    if len(left) < 3 or len(right) < 3:
        return False

    def prose(side: list[list[Item]]) -> bool:
        x0 = min(i.x0 for ln in side for i in ln)
        x1 = max(i.x1 for ln in side for i in ln)
        widths = sorted(ln[-1].x1 - ln[0].x0 for ln in side)
        chars = sorted(sum(len(i.text) for i in ln) for ln in side)
        whole = sum(
            1 for ln in side if all(b.x0 - a.x1 <= 1.5 * ch for a, b in zip(ln, ln[1:], strict=False))
        )
        return (
            widths[len(widths) // 2] >= 0.6 * (x1 - x0)
            and chars[len(chars) // 2] >= 8
            and whole >= 0.8 * len(side)
        )

    return prose(left) and prose(right)


def reading_order(lines: list[list[Item]], ch: float) -> list[list[list[Item]]]:
    """Blocks of lines in reading order: full-width runs, and two-column runs split left then right."""
    x = gutter(lines, ch)
    if x is None:
        return [lines]
    blocks: list[list[list[Item]]] = []
    run: list[list[Item]] = []
    full: list[list[Item]] = []  # consecutive lines crossing the gutter: a title, a closing paragraph

    def flush() -> None:
        if full:
            blocks.append(list(full))
            full.clear()
        if not run:
            return
        if _columns_read(run, x, ch):
            blocks.append([ln for ln in ([i for i in line if i.x1 <= x] for line in run) if ln])
            blocks.append([ln for ln in ([i for i in line if i.x0 >= x] for line in run) if ln])
        else:
            blocks.append(list(run))
        run.clear()

    for line in lines:
        if any(i.x0 < x - 0.3 * ch and i.x1 > x + 0.3 * ch for i in line):
            if run:
                flush()
            full.append(line)
        else:
            if full:
                flush()
            run.append(line)
    flush()
    return blocks


def _table_rows(block: list[list[Item]], ch: float) -> set[int]:
    """Lines of a block that are table rows: ≥ 2 cells apart, in a run of ≥ 2 such lines whose cells
    start at the same places."""

    def cells(line: list[Item]) -> list[list[Item]]:
        out = [[line[0]]]
        for a, b in zip(line, line[1:], strict=False):
            if b.x0 - a.x1 > 1.5 * ch:
                out.append([b])
            else:
                out[-1].append(b)
        return out

    starts = [[c[0].x0 for c in cells(ln)] for ln in block]
    rows: set[int] = set()
    for i in range(len(block) - 1):
        a, b = starts[i], starts[i + 1]
        if len(a) >= 2 and len(b) >= 2 and sum(any(abs(p - q) < 1.5 * ch for q in b) for p in a) >= 2:
            rows.update((i, i + 1))
    return rows


def line_text(line: list[Item], ch: float, *, table: bool) -> str:
    out = line[0].text
    for a, b in zip(line, line[1:], strict=False):
        gap = b.x0 - a.x1
        text = b.text
        if gap < 0:
            # one line cut in two (a seal's ring across it): both halves may hold the character at
            # the cut, 哈尔滨市 + 市总工会
            for k in range(min(3, len(text) - 1), 0, -1):
                if out.endswith(text[:k]) and -gap >= 0.25 * ch * (k - 1):
                    text = text[k:]
                    break
        if gap > 1.5 * ch:
            out += " | " if table else WIDE_GAP
        elif _ASCII_END.search(out) and _ASCII_START.match(b.text) and gap > 0.25 * ch:
            out += " "
        out += text
    return out


def block_text(block: list[list[Item]], ch: float) -> list[str]:
    left = min(i.x0 for ln in block for i in ln)
    right = max(i.x1 for ln in block for i in ln)
    width = max(right - left, 1)
    tables = _table_rows(block, ch)
    tops = [min(i.y0 for i in ln) for ln in block]
    pitches = sorted(b - a for a, b in zip(tops, tops[1:], strict=False))
    pitch = pitches[len(pitches) // 2] if pitches else 2 * ch
    out: list[str] = []
    for n, line in enumerate(block):
        if n and tops[n] - tops[n - 1] > 1.8 * max(pitch, ch):
            out.append("")
        x0, x1 = line[0].x0, line[-1].x1
        indent = (x0 - left) / ch
        centred = abs((x0 - left) - (right - x1)) < 1.5 * ch and x1 - x0 < 0.9 * width
        text = line_text(line, ch, table=n in tables)
        out.append(INDENT + text if 1.2 <= indent <= 3.5 and not centred else text)
    return out


def page_text(items: list[Item]) -> str:
    if not items:
        return ""
    ch = char_height(items)
    lines = lines_of(items)
    out: list[str] = []
    for block in reading_order(lines, ch):
        # no blank line between blocks: a paragraph may run on from the foot of one column to the
        # head of the next
        out.extend(block_text(block, ch))
    return "\n".join(out).strip("\n")
