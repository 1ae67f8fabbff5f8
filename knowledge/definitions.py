"""Definitions: ``什么是X`` is answered from a passage that defines X (``X是指…``, ``本法所称X，是指…``,
``X，即…``, a glossary entry ``X：…``), never from one that merely mentions it.

Sources plug in through ``Definitions.lookup(term) -> (text, hit) | None``: the documents themselves
(``PassageDefinitions``, searching the knowledge base) by default; a glossary built from the documents
can be put in front of it later (``FirstDefinition``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Protocol

from knowledge.model import Hit
from knowledge.passages import units

_QUOTES = re.compile(r"[“”\"'‘’「」『』]")
# 什么是X / 什么叫X / 何为X / 何谓X / X是什么(意思) / X指什么 / X的含义(是什么) / X是啥
_ASKS = (
    re.compile(r"^(?:请问)?(?:什么(?:是|叫做?)|何为|何谓|啥是|解释一下)(?P<x>.+?)[？?。！!]*$"),
    re.compile(
        r"^(?:请问)?(?P<x>.+?)(?:是什么意思|是啥意思|指的是什么|是指什么|指什么|是什么|是啥)[？?。！!]*$"
    ),
    re.compile(r"^(?:请问)?(?P<x>.+?)的(?:含义|定义|意思|概念)(?:是什么)?[？?。！!]*$"),
)
MAX_TERM = 8  # longer subjects are questions about content (省总工会提出的新的工作主线是什么)
_NOT_TERMS = re.compile(r"[，,、我你他它们哪怎吗呢]|(?:规定|要求|条件|标准|程序|流程|办法|区别|作用|职责)$")


def plain(text: str) -> str:
    return _QUOTES.sub("", text)


def definition_term(question: str) -> str | None:
    """X when the question asks what X is, else None."""
    q = question.strip()
    for pattern in _ASKS:
        m = pattern.match(q)
        if m:
            term = plain(m.group("x")).strip()
            if 2 <= len(term) <= MAX_TERM and not _NOT_TERMS.search(term):
                return term
    return None


def defines(text: str, term: str) -> bool:
    """Does this sentence define the term (rather than just mention it)?"""
    t, s = re.escape(plain(term)), plain(text).strip()
    patterns = (
        rf"^(?:本(?:法|条例|规定|办法|章程|细则|解释)?所称(?:的)?)?{t}(?:[（(][^）)]*[）)])?[，,]?\s*(?:是指|系指|指的是|即|是)(?!否)",
        rf"所称(?:的)?{t}[，,]?\s*(?:是指|系指|指)",
        rf"^{t}[：:]",
        rf"{t}[，,]\s*即",
    )
    return any(re.search(p, s) for p in patterns)


class Definitions(Protocol):
    def lookup(self, term: str) -> tuple[str, Hit] | None: ...


def definition_in(hits: Sequence[Hit], term: str) -> tuple[str, Hit] | None:
    """The first sentence among the hits that defines the term, with its hit."""
    for hit in hits:
        for unit in units(hit):
            if defines(unit.text, term):
                return unit.text, hit
    return None


class PassageDefinitions:
    """Looks for a defining sentence in the passages a search for the term returns; then under the term's
    other names (``others``: the short or full name a document declared, 协商代表 for 集体协商代表)."""

    def __init__(
        self, search: Callable[[str], list[Hit]], others: Callable[[str], list[str]] | None = None
    ) -> None:
        self.search = search
        self.others = others or (lambda term: [])

    def lookup(self, term: str) -> tuple[str, Hit] | None:
        for name in (term, *self.others(term)):
            hits = [h for h in self.search(name) if plain(name) in plain(h.text)]
            found = definition_in(hits, name)
            if found is not None:
                return found
        return None


class FirstDefinition:
    """The first source that knows the term (a glossary, then the documents)."""

    def __init__(self, *sources: Definitions) -> None:
        self.sources = sources

    def lookup(self, term: str) -> tuple[str, Hit] | None:
        for source in self.sources:
            found = source.lookup(term)
            if found is not None:
                return found
        return None
