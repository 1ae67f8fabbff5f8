"""The documents a course is made of, as passages: one per article (第十一条), else one per innermost
heading (二、… › 一是…). Built from the knowledge base's catalogue, or from files through ingest (the
benchmark and the property tests read a folder without indexing it)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ingest.model import Document
from ingest.short_title import short_title
from ingest.validity import Status
from knowledge.catalog import Catalog

_SPACE = re.compile(r"\s+")


def squash(text: str) -> str:
    """Text as compared for "occurs in a document": without whitespace (line breaks differ by source)."""
    return _SPACE.sub("", text)


@dataclass(frozen=True)
class Passage:
    doc_id: int
    title: str  # the document's full title
    name: str  # its short name (工会法)
    headings: tuple[str, ...]  # outermost first
    article: str | None
    text: str  # verbatim, without the heading lines the chunks repeat

    @property
    def label(self) -> str:
        """How a source names the place: 第十一条, else the innermost heading."""
        return self.article or (self.headings[-1] if self.headings else "")


@dataclass(frozen=True)
class CorpusDoc:
    id: int
    title: str
    name: str
    passages: tuple[Passage, ...]
    # a document repealed or replaced (knowledge/validity.py) stays in the corpus, so no false statement
    # quotes it, but no item is made from it: a trainee would learn an outdated rule
    in_force: bool = True


@dataclass(frozen=True)
class _Piece:
    headings: tuple[str, ...]
    article: str | None
    start: int
    end: int
    text: str


class Corpus:
    def __init__(self, docs: Sequence[CorpusDoc]) -> None:
        self.docs = list(docs)
        self._by_id = {d.id: d for d in self.docs}
        # every document's text squashed into one haystack: a false statement must occur in none
        self._haystack = "\n".join(squash(p.text) for d in self.docs for p in d.passages)

    @classmethod
    def from_catalog(cls, catalog: Catalog) -> Corpus:
        docs = []
        for rec in catalog.documents():
            pieces = [
                _Piece(tuple(c.section.split(" › ")) if c.section else (), c.article, c.start, c.end, c.text)
                for c in catalog.doc_chunks(rec.id)
            ]
            doc = _doc(rec.id, rec.title, rec.short_title or rec.title, pieces)
            docs.append(replace(doc, in_force=rec.status == Status.IN_FORCE.value))
        return cls(docs)

    @classmethod
    def from_documents(cls, documents: Iterable[Document]) -> Corpus:
        """Ingested but not indexed documents, numbered 1, 2, … in the given order."""
        docs = []
        for n, doc in enumerate(documents, start=1):
            pieces = [_Piece(c.heading_path, c.article, c.start, c.end, c.text) for c in doc.chunks]
            name = doc.meta.short_title or short_title(doc.meta.title, issuer=doc.meta.issuer)
            status = Status.parse(doc.meta.status)
            docs.append(
                replace(_doc(n, doc.meta.title, name, pieces), in_force=status in (None, Status.IN_FORCE))
            )
        return cls(docs)

    @classmethod
    def from_files(cls, paths: Iterable[str | Path]) -> Corpus:
        from ingest.pipeline import prepare

        return cls.from_documents(prepare(p) for p in paths)

    def get(self, doc_id: int) -> CorpusDoc | None:
        return self._by_id.get(doc_id)

    def find(self, title_or_id: str) -> CorpusDoc | None:
        """A document by id, exact title or short name, else the one whose title contains the words."""
        key = title_or_id.strip().strip("《》")
        if key.isdigit():
            return self.get(int(key))
        for doc in self.docs:
            if key in (doc.title, doc.name):
                return doc
        hits = [d for d in self.docs if key and (key in d.title or key in d.name)]
        return min(hits, key=lambda d: len(d.title)) if hits else None

    def in_force(self, doc_id: int) -> bool:
        doc = self._by_id.get(doc_id)
        return doc is not None and doc.in_force

    def occurs(self, text: str) -> bool:
        """Whether the text (whitespace aside) stands anywhere in the documents."""
        return squash(text) in self._haystack

    def passages(self) -> Iterable[Passage]:
        for doc in self.docs:
            yield from doc.passages


def select(doc: CorpusDoc, part: str) -> list[Passage]:
    """The passages of a part: `第十一条`, `第二章`, `二、`, a heading's words; empty part = all."""
    part = part.strip()
    if not part:
        return list(doc.passages)
    articles = [p for p in doc.passages if p.article == part]
    if articles:
        return articles
    return [p for p in doc.passages if any(h.startswith(part) or h.split(" ")[0] == part for h in p.headings)]


def _doc(doc_id: int, title: str, name: str, pieces: list[_Piece]) -> CorpusDoc:
    """Merge the (overlapping) chunks of each article or heading group back into its text."""
    groups: list[list[_Piece]] = []
    for piece in sorted(pieces, key=lambda p: p.start):
        if groups and (groups[-1][0].headings, groups[-1][0].article) == (piece.headings, piece.article):
            groups[-1].append(piece)
        else:
            groups.append([piece])
    passages = []
    for group in groups:
        text, end = group[0].text, group[0].end
        for piece in group[1:]:
            if piece.end > end:
                text += piece.text[max(0, end - piece.start) :] if piece.start < end else "\n" + piece.text
                end = piece.end
        text = _strip_headings(text, group[0].headings)
        if text.strip():
            passages.append(Passage(doc_id, title, name, group[0].headings, group[0].article, text.strip()))
    return CorpusDoc(doc_id, title, name, tuple(passages))


def _strip_headings(text: str, headings: tuple[str, ...]) -> str:
    lines = text.split("\n")
    while lines and lines[0].strip() in headings:
        lines.pop(0)
    return "\n".join(lines)
