"""Passages cut into sentences (clauses of long ones), each verbatim, as quizzes and key points use them."""

from __future__ import annotations

import re

_SENTENCE = re.compile(r"[^。！？!?\n]+(?:[。！？!?]+[”’」』）)]*)?")
_CLAUSE = re.compile(r"[^；;]+(?:[；;])?")
_LEADING_ARTICLE = re.compile(r"^第[零一二三四五六七八九十百千\d]+条(?:之[一二三四五六七八九十]+)?\s*")
LONG = 110  # a longer sentence is used clause by clause (at ；)


def sentences(text: str) -> list[str]:
    out: list[str] = []
    for m in _SENTENCE.finditer(text):
        s = _LEADING_ARTICLE.sub("", m.group(0).strip())
        if not s:
            continue
        if len(s) > LONG:
            out.extend(c.group(0).strip() for c in _CLAUSE.finditer(s) if c.group(0).strip())
        else:
            out.append(s)
    return out


def lines(text: str) -> list[str]:
    return [_LEADING_ARTICLE.sub("", line.strip()) for line in text.split("\n") if line.strip()]


_STRUCTURE = re.compile(
    r"^(?:第[零一二三四五六七八九十百千\d]+[条章节]|[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|\d+[.、])"
)
_CLOSED = re.compile(r"[。！？!?；;：:][”’」』）)]*$")
_PUNCT = re.compile(r"[，,。；;：:、！？!?]")


def whole_sentences(text: str) -> list[str]:
    """Sentences as `sentences` cuts them, but a sentence the source's layout broke over lines (a line
    ending in ，, or mid-word: `…按照不低于劳动合` / `同规定的…`) is joined back first, so no
    question is made from half of it. A short line without punctuation is a heading and stays apart."""
    units: list[str] = []
    for line in (line.strip() for line in text.split("\n")):
        if not line:
            continue
        last = units[-1] if units else ""
        heading = len(last) < 30 and not _PUNCT.search(last)
        if last and not _CLOSED.search(last) and not heading and not _STRUCTURE.match(line):
            units[-1] = last + line
        else:
            units.append(line)
    return sentences("\n".join(units))
