"""The glossary: a union term's definition as a document words it (`本规定所称集体合同，是指…`,
`X是指…`), with its source; 未在文件中定义 where no document defines it, never a definition from memory.

Each entry also lists the term's other names: the bundled synonym table's group (职代会 for 职工代表大会) and
what a document declares (`带薪年休假（以下简称年休假）`, knowledge.aliases). Search expands a question with the
same two sources (knowledge.analysis, KnowledgeBase.query_terms), so the glossary and search agree; a term no
document defines under its own name is defined by the first of its other names that one does."""

from __future__ import annotations

from collections.abc import Iterable

from knowledge.aliases import Aliases
from knowledge.analysis import DEFAULT_SYNONYMS, load_synonyms
from knowledge.definitions import defines
from training.corpus import Corpus, Passage
from training.model import GlossaryEntry, Source
from training.sentences import sentences
from training.terms import CORE_TERMS


class Glossary:
    def __init__(self, corpus: Corpus, synonyms: list[list[str]] | None = None) -> None:
        """`synonyms`: the synonym groups search uses (the bundled table by default)."""
        self.corpus = corpus
        self._cache: dict[str, GlossaryEntry] = {}
        self._groups = load_synonyms(DEFAULT_SYNONYMS) if synonyms is None else synonyms
        self._declared: Aliases | None = None

    def aliases(self, term: str) -> tuple[str, ...]:
        if self._declared is None:
            self._declared = Aliases.of_texts(p.text for p in self.corpus.passages())
        out = [w for g in self._groups if term in g for w in g if w != term]
        return tuple(dict.fromkeys([*out, *self._declared.of(term)]))

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
        aliases = self.aliases(term)
        for name in (term, *aliases):
            found = self._definition(name)
            if found is not None:
                return GlossaryEntry(term, found[0], found[1], aliases)
        return GlossaryEntry(term, None, None, aliases)

    def _definition(self, term: str) -> tuple[str, Source] | None:
        for passage in self.corpus.passages():
            if term not in passage.text:
                continue
            for sentence in sentences(passage.text):
                if term in sentence and defines(sentence, term):
                    return sentence, _source(passage, sentence)
        return None


def _source(passage: Passage, quote: str) -> Source:
    return Source(passage.doc_id, passage.title, passage.label or None, quote)
