"""The glossary: a union term's definition as a document words it (`本规定所称集体合同，是指…`,
`X是指…`), with its source; 未在文件中定义 where no document defines it, never a definition from memory."""

from __future__ import annotations

from collections.abc import Iterable

from knowledge.definitions import defines
from training.corpus import Corpus, Passage
from training.model import GlossaryEntry, Source
from training.sentences import sentences
from training.terms import CORE_TERMS


class Glossary:
    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self._cache: dict[str, GlossaryEntry] = {}

    def entry(self, term: str) -> GlossaryEntry:
        term = term.strip().strip('“”"')
        if term not in self._cache:
            self._cache[term] = self._find(term)
        return self._cache[term]

    def entries(self, terms: Iterable[str] | None = None) -> list[GlossaryEntry]:
        return [self.entry(t) for t in (CORE_TERMS if terms is None else terms)]

    def in_text(self, text: str) -> list[GlossaryEntry]:
        """The entries for the core terms a lesson's text mentions."""
        return [self.entry(t) for t in CORE_TERMS if t in text]

    def _find(self, term: str) -> GlossaryEntry:
        for passage in self.corpus.passages():
            if term not in passage.text:
                continue
            for sentence in sentences(passage.text):
                if term in sentence and defines(sentence, term):
                    return GlossaryEntry(term, sentence, _source(passage, sentence))
        return GlossaryEntry(term, None, None)


def _source(passage: Passage, quote: str) -> Source:
    return Source(passage.doc_id, passage.title, passage.label or None, quote)
