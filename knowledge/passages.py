"""A passage as answer material: its body without the headings it repeats, cut into whole units.

A unit is a sentence (up to 。！？), or a clause of a long sentence up to ；, or a line of a list
(（一）…；). Answers are made of whole units only, so no quote ever stops in the middle of a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.model import Hit

_LEADING_ARTICLE = re.compile(r"^第[零一二三四五六七八九十百千\d]+条(之[一二三四五六七八九十]+)?\s*")
_SENTENCE = re.compile(r"[^。！？!?\n]+(?:[。！？!?]+[”’」』）)]*)?")
_CLAUSE = re.compile(r"[^；;]+(?:[；;][”’」』）)]*)?")
LONG_SENTENCE = 150  # a sentence longer than this is offered clause by clause (at ；)
BARE_LINE = 40
_SPACE = re.compile(r"\s+")
_ENDS = re.compile(r"[。！？!?；;：:…][”’」』）)]*$")


@dataclass(frozen=True)
class Unit:
    text: str
    heading: bool = False  # the passage's own heading, repeated at its start


def squash(text: str) -> str:
    return _SPACE.sub("", text)


def body_of(hit: Hit) -> str:
    """The passage without the heading lines it starts with (they are in the citation)."""
    headings = {squash(h) for h in hit.section.split(" › ") if h}
    lines = hit.text.split("\n")
    while len(lines) > 1 and squash(lines[0]) in headings:
        lines.pop(0)
    return _LEADING_ARTICLE.sub("", "\n".join(lines).strip())


def units(hit: Hit) -> list[Unit]:
    """The passage body as whole sentences (long ones as clauses), headings marked."""
    headings = {squash(h).rstrip("。：:") for h in hit.section.split(" › ") if h}
    out: list[Unit] = []
    for line in body_of(hit).split("\n"):
        for m in _SENTENCE.finditer(line):
            sentence = m.group().strip()
            if not sentence:
                continue
            # a passage's own heading, or a bare title-like line (a speech's date line): not an answer
            is_heading = squash(sentence).rstrip("。：:；") in headings or _bare(sentence)
            parts = [sentence]
            if len(sentence) > LONG_SENTENCE and not is_heading:
                parts = [c.group().strip() for c in _CLAUSE.finditer(sentence) if c.group().strip()]
            out.extend(Unit(p, heading=is_heading) for p in parts)
    if out and all(u.heading for u in out):
        # a notice's items are often whole sentences that are their own heading (二、各单位于5月10日前
        # 报送名单。) with nothing under them: then the sentence is the content, not a repeated heading
        out = [Unit(u.text, heading=not _sentence_shaped(u.text)) for u in out]
    return out


def _sentence_shaped(text: str) -> bool:
    return bool(re.search(r"[，,；;]", text) or re.search(r"[。！？!?]$", text.strip())) and not _bare(text)


def _bare(line: str) -> bool:
    """A short line without any sentence punctuation that is no table row: a title or a date line."""
    return len(line) <= BARE_LINE and "|" not in line and not re.search(r"[，。！？；：,;:!?]", line)


def is_whole(text: str) -> bool:
    """Ends like a sentence or a clause does (not cut mid-way)."""
    return bool(_ENDS.search(text.strip()))
