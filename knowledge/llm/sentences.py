"""Sentences of a generated answer and their [n] citation marks.

A sentence ends at 。！？ or a line break; the marks that follow its full stop (`…委员会。[1][2]`) belong
to it, as do closing quotes. A decimal point (21.75) never ends a sentence. `SentenceStream` cuts the
same sentences out of text that arrives piece by piece.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ENDS = "。！？"
# [1]  [1][2]  [1,2]  [1、2]  [1-3]  ［1］  【1】
_LIST = r"\d+(?:\s*[,，、\-–~]\s*\d+)*"
MARK = re.compile(rf"[\[［【]\s*({_LIST})\s*[\]］】]")
_TAIL = re.compile(rf"[。！？]*[”’」』）)]*(?:[ \t]*[\[［【]\s*{_LIST}\s*[\]］】])*")
_OPEN_MARK = re.compile(r"[ \t]*[\[［【][\d\s,，、\-–~]*$")  # a mark that has begun to arrive
_ONLY_MARKS = re.compile(rf"^(?:\s*{MARK.pattern})+\s*$")


@dataclass(frozen=True)
class Sentence:
    text: str
    line_start: bool  # a line break came before it (kept when the answer is put back together)


def cited(text: str) -> list[int]:
    """The passage numbers a sentence cites, in order, each once."""
    seen: dict[int, None] = {}
    for m in MARK.finditer(text):
        for n in numbers_in(m.group(1)):
            seen.setdefault(n, None)
    return list(seen)


def numbers_in(marks: str) -> list[int]:
    """`1,3` → [1, 3]; `1-3` → [1, 2, 3] (a range of at most ten)."""
    out: list[int] = []
    for part in re.split(r"[,，、]", marks):
        ends = [int(x) for x in re.split(r"[\-–~]", part) if x.strip()]
        if len(ends) == 2 and 0 <= ends[1] - ends[0] <= 10:
            out += range(ends[0], ends[1] + 1)
        else:
            out += ends
    return out


def without_marks(text: str) -> str:
    return MARK.sub("", text)


def _cut(text: str, *, final: bool, line_start: bool = True) -> tuple[list[Sentence], int, bool]:
    """Complete sentences of `text`, where the unfinished rest starts and whether it starts a line.

    When more text may follow (`final` False), a sentence whose full stop is the last thing seen is
    not complete yet: its marks may still be on their way.
    """
    out: list[Sentence] = []
    start, i = 0, 0
    while i < len(text):
        c = text[i]
        if c == "\n":
            piece = text[start:i].strip()
            if piece:
                out.append(Sentence(piece, line_start))
            start, i, line_start = i + 1, i + 1, True
            continue
        i += 1
        if c in ENDS:
            tail = _TAIL.match(text, i)
            assert tail is not None  # every part of the pattern is optional: it always matches
            end = tail.end()
            if not final and (end == len(text) or _OPEN_MARK.match(text, end)):
                return out, start, line_start
            piece = text[start:end].strip()
            if piece:
                out.append(Sentence(piece, line_start))
            start, i, line_start = end, end, False
    if final:
        piece = text[start:].strip()
        if piece:
            out.append(Sentence(piece, line_start))
        start = len(text)
    return out, start, line_start


def _attach_loose_marks(sentences: list[Sentence]) -> list[Sentence]:
    """A line holding only marks (`…委员会。\\n[1]`) belongs to the sentence before it."""
    out: list[Sentence] = []
    for s in sentences:
        if out and _ONLY_MARKS.match(s.text):
            out[-1] = Sentence(out[-1].text + s.text.strip(), out[-1].line_start)
        else:
            out.append(s)
    return out


def split(text: str) -> list[Sentence]:
    return _attach_loose_marks(_cut(text, final=True)[0])


class SentenceStream:
    """Feed text as it arrives; get back each sentence once it is complete."""

    def __init__(self) -> None:
        self._buffer = ""
        self._line_start = True
        self._held: Sentence | None = None  # the last sentence, until we know no loose marks follow

    def _release(self, sentences: list[Sentence]) -> list[Sentence]:
        ready: list[Sentence] = []
        for s in sentences:
            if self._held is not None and _ONLY_MARKS.match(s.text):
                self._held = Sentence(self._held.text + s.text.strip(), self._held.line_start)
                continue
            if self._held is not None:
                ready.append(self._held)
            self._held = s
        return ready

    def _take(self, final: bool) -> list[Sentence]:
        sentences, rest, self._line_start = _cut(self._buffer, final=final, line_start=self._line_start)
        self._buffer = self._buffer[rest:]
        return sentences

    def feed(self, piece: str) -> list[Sentence]:
        self._buffer += piece
        ready = self._release(self._take(final=False))
        # a held sentence is safe to release once something other than a mark has begun after it
        rest = self._buffer.lstrip()
        if self._held is not None and rest and not rest.startswith(("[", "［", "【")):
            ready.append(self._held)
            self._held = None
        return ready

    def close(self) -> list[Sentence]:
        ready = self._release(self._take(final=True))
        if self._held is not None:
            ready.append(self._held)
            self._held = None
        return ready
