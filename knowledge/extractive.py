"""The extractive answerer (the default, offline): the answer first, in the documents' own words.

It quotes the window of whole sentences that best answers the question (knowledge/choosing.py); adds a
sentence from another passage only when it covers part of the question the first does not, or when it
is the asker's own local rule and says something else than the national one; and refers (另见) to the
best-ranked passages that say much the same. ``什么是X`` is answered from a passage that defines X, or
says that none does and shows where X is mentioned.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from knowledge import gate
from knowledge.analysis import Analyzer
from knowledge.answering import refusal
from knowledge.choosing import Choice, Chooser
from knowledge.composing import compose
from knowledge.definitions import definition_in, definition_term, plain
from knowledge.model import Answer, Hit, Reach
from knowledge.passages import units

ANSWER_CHARS = 230  # the whole answer, before the citations
MIN_GAIN = 0.2  # a second passage must cover this much more of the question's term weight
MIN_SUPPORT = 0.3
CORROBORATE = 0.6  # 另见: a passage covering this share of what the answer covers …
CORROBORATE_PRIOR = 0.4  # … that retrieval also ranks near the top


def _quantities(text: str, question: str) -> set[str]:
    """The quantities of the measure asked about (一小时, 百分之二), not every numeral (一般)."""
    measure = gate.asked_measure(question)
    return {re.sub(r"\s+", "", m.group()) for m in measure.finditer(text)} if measure else set()


class ExtractiveAnswerer:
    def __init__(
        self,
        analyzer: Analyzer,
        *,
        idf: Callable[[Iterable[str]], dict[str, float]] | None = None,
        max_citations: int = 3,
        others: Callable[[str], list[str]] | None = None,
    ) -> None:
        """`others`: a term's other names, which a definition may use instead (knowledge.aliases)."""
        self.chooser = Chooser(analyzer, idf=idf)
        self.max_citations = max_citations
        self.others = others or (lambda term: [])

    def answer(self, question: str, hits: list[Hit]) -> Answer:
        concepts = self.chooser.concepts(question, hits)
        term = definition_term(question)
        if term is not None:
            return self._definition(question, term, hits, concepts)
        choices = self.chooser.choices(question, hits, concepts)
        if not choices:
            return refusal(question, hits)
        picked = [choices[0]]
        covered = set(choices[0].covered)
        total = sum(c.weight for c in concepts) or 1.0
        for c in choices[1:]:
            if len(picked) >= self.max_citations:
                break
            if sum(len(p.text) for p in picked) + len(c.text) > ANSWER_CHARS or _same_passage(c, picked):
                continue
            gain = sum(concepts[i].weight for i in c.covered - covered) / total
            adds = gain >= MIN_GAIN and c.cov >= MIN_SUPPORT and c.hit.reach is not Reach.OTHER
            if adds or _local_counterpart(c, picked[0], question):
                picked.append(c)
                covered |= c.covered
        return compose(question, picked, _corroborating(choices, picked, self.max_citations, question))

    def _definition(self, question: str, term: str, hits: list[Hit], concepts) -> Answer:
        for name in (term, *self.others(term)):
            found = definition_in(hits, name)
            if found is not None:
                text, hit = found
                return compose(question, [Choice(hit, text, frozenset(), 1.0, 1.0)])
        mentions = [h for h in hits if plain(term) in plain(h.text)]
        lead = f"现有文件中没有对“{term}”的定义。"
        if not mentions:
            return Answer(question=question, answer=lead, found=False, closest=tuple(hits[:3]))
        # the sentence that mentions it, from the best passage that does
        hit = mentions[0]
        text = next(u.text for u in units(hit) if plain(term) in plain(u.text)) if units(hit) else ""
        if not text:
            return Answer(question=question, answer=lead, found=False, closest=tuple(hits[:3]))
        answer = compose(question, [Choice(hit, text, frozenset(), 0.0, 0.0)])
        return Answer(
            question=question,
            answer=f"{lead}文件中提到它的地方：{answer.answer}",
            found=True,
            citations=answer.citations,
        )


def _corroborating(choices: list[Choice], picked: list[Choice], limit: int, question: str) -> list[Choice]:
    """Passages that say much the same as the answer, among the best retrieved: cited as 另见. For a
    quantity question "the same" means stating one of the answer's numbers."""
    main = picked[0]
    numbers = _quantities(main.text, question) if gate.asks_quantity(question) else None
    out: list[Choice] = []
    for c in sorted(choices, key=lambda c: -c.hit.score):
        if len(picked) + len(out) >= limit:
            break
        if _same_passage(c, picked + out) or c.prior < CORROBORATE_PRIOR:
            continue
        if c.hit.reach is Reach.OTHER and main.hit.reach is not Reach.OTHER:
            continue
        if numbers is not None and not numbers & _quantities(c.text, question):
            continue
        if c.cov >= max(MIN_SUPPORT, CORROBORATE * main.cov):
            out.append(c)
    return out


def _same_passage(c: Choice, picked: list[Choice]) -> bool:
    return any(p.hit.chunk_id == c.hit.chunk_id or p.text == c.text for p in picked)


def _local_counterpart(c: Choice, main: Choice, question: str) -> bool:
    """The asker's own (or the named place's) rule on the same point, saying something else than the
    national rule: both are shown, each with whose it is."""
    if main.hit.reach is not Reach.NATIONAL or c.hit.reach not in (Reach.OWN, Reach.NAMED):
        return False
    if c.cov < max(MIN_SUPPORT, 0.6 * main.cov):
        return False
    if gate.asks_quantity(question):
        return _quantities(c.text, question) != _quantities(main.text, question)
    return False
