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
