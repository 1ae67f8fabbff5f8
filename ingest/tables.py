"""Long tables keep their header row in every chunk.

A table is its header line (reported by the loader) followed by ``a | b | c`` row lines. When it is
longer than one chunk, the header line is written again before each block of rows that fits in a
chunk, the way a printed table repeats its header on every page, and every header line is marked as a
(deepest-level) heading so the chunker starts a chunk there: a question such as 实际操作占多少分 then
finds the row of the third chunk together with its column names (考核项目 | 分值 | 评分标准).
"""

from __future__ import annotations

from collections.abc import Iterable

TABLE_HEADING_LEVEL = 9  # nests under every textual heading (一、 （一） 1. …), closed by any of them


def repeat_headers(text: str, heads: Iterable[str], max_chars: int) -> tuple[str, set[str]]:
    """(text with repeated header lines, the header lines that now open table chunks)."""
    wanted = {h for h in heads if h and " | " in h}
    if not wanted:
        return text, set()
    lines = text.split("\n")
    out: list[str] = []
    used: set[str] = set()
    i = 0
    while i < len(lines):
        line = lines[i]
        out.append(line)
        i += 1
        if line.strip() not in wanted:
            continue
        head = line.strip()
        rows: list[str] = []
        while i < len(lines) and " | " in lines[i]:
            rows.append(lines[i])
            i += 1
        if len(head) + sum(len(r) + 1 for r in rows) <= max_chars:
            out.extend(rows)
            continue
        used.add(head)
        size = len(head)
        for n, row in enumerate(rows):
            if n and size + len(row) + 1 > max_chars:
                out.append(head)
                size = len(head)
            out.append(row)
            size += len(row) + 1
    return "\n".join(out), used
