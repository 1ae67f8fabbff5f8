"""Choosing what answers: the window of whole sentences, in one passage, that best answers a question.

A window is scored by how much of the question's words (with their synonyms) it covers, alone and
with its document's title and headings; by retrieval's own judgement; by whose rule it is (national
law first, the named place's first when a place is asked about), by the document's rank (law before
regulations before notices) and whether it is in force; shorter and earlier is better at equal
coverage. A quantity question needs a window stating the measure asked about; a list's lead-in never
stands alone. Weights were set on the tuning and held-out cadre sets (bench/answers.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from knowledge import gate
from knowledge.analysis import Analyzer
from knowledge.jurisdiction import preference
from knowledge.model import Hit, Reach
from knowledge.passages import Unit, units

MAX_UNITS = 3
MAX_CHARS = 150  # one passage's share of the answer
# scoring a window of sentences: coverage of the question's terms in the window itself, in the window
# with its document's title and headings, the retrieval rank, whose rule it is, and its length
W_WINDOW, W_CONTEXT, W_RANK, W_REACH, W_AUTHORITY, PER_CHAR = 0.6, 0.4, 0.4, 0.06, 0.04, 0.0004
PER_POSITION = 0.01  # an article states its main rule first
MAX_LIST = 6  # a list (工会经费的来源：（一）…；（二）…) may run past MAX_UNITS while it fits
NOT_IN_FORCE = 0.15
SENTENCE_END_BONUS = 0.05  # a window that ends its sentence reads better than one ending at ；
_INTERROGATIVE = re.compile(r"几|多少|什么|哪|怎")  # asked, never answered: 百分之几, 几个, 哪些
# "how is it calculated" wants the rule with the numbers (每满一年支付一个月工资, 百分之三百)
_COMPUTES = re.compile(r"(?:怎么|怎样|如何)(?:计)?算|按什么标准|标准是|怎么赔|赔多少|怎么补偿")
W_NAMED_DOC = 0.5  # the question names the document (宪法里…, 劳动合同法规定…)
# "which ones" wants the list (职代会行使下列职权：（一）…), not the sentence that says powers exist
_ASKS_LIST = re.compile(r"哪些|哪几|包括什么|包括哪|什么内容|有什么权")
W_LIST = 0.1
W_COMPUTES = 0.05
_LISTING = re.compile(r"[：:]（[一二三四五六七八九十]+）|[：:]……（")
_SENTENCE_END = re.compile(r"[。！？!?][”’」』）)]*$")


@dataclass(frozen=True)
class Concept:
    """A word of the question with its synonyms (每天 = 每日): covered when any form occurs."""

    forms: tuple[str, ...]
    weight: float  # IDF of its most common form: how much finding it says


@dataclass(frozen=True)
class Choice:
    hit: Hit
    text: str
    covered: frozenset[int]  # indexes of the concepts it covers
    score: float
    cov: float
    prior: float = 1.0  # retrieval's judgement, 0..1 over the pool


def _authority(hit: Hit) -> float:
    """Law before regulations before internal rules and notices, at equal relevance."""
    if hit.doc_type in ("法律", "宪法"):
        return 1.0
    return 0.5 if hit.doc_type in ("条例", "规定", "办法", "司法解释", "细则") else 0.0


class Chooser:
    def __init__(
        self, analyzer: Analyzer, *, idf: Callable[[Iterable[str]], dict[str, float]] | None = None
    ) -> None:
        self.analyzer = analyzer
        self.idf = idf

    def concepts(self, question: str, hits: list[Hit]) -> list[Concept]:
        """The question's own words (with synonyms) that some passage in the pool contains: words no
        passage has (说, 签, 由谁来) cannot tell passages apart, they would only blur the others."""
        terms = self.analyzer.query_terms(question)
        typed = [t for t, w in terms.items() if w >= 1.0 and not _INTERROGATIVE.search(t)]
        pool = " ".join(f"{h.title} {h.section} {h.text}" for h in hits).lower()
        forms = {t: (t, *(f.lower() for f in self.analyzer.synonyms(t))) for t in typed}
        forms = {t: fs for t, fs in forms.items() if any(f in pool for f in fs)}
        idf = self.idf({f for fs in forms.values() for f in fs}) if self.idf else {}
        return [Concept(fs, min(idf.get(f, 1.0) for f in fs)) for fs in forms.values()]

    @staticmethod
    def cov(concepts: list[Concept], text: str) -> tuple[float, frozenset[int]]:
        total = sum(c.weight for c in concepts) or 1.0
        low = text.lower()
        covered = frozenset(i for i, c in enumerate(concepts) if any(f in low for f in c.forms))
        return sum(concepts[i].weight for i in covered) / total, covered

    def _best_window(
        self, hit: Hit, prior: float, concepts, measure, *, names_place: bool, question: str
    ) -> Choice | None:
        context = f"{hit.title} {hit.section} {hit.article or ''}"
        sentences = units(hit)
        computes = bool(_COMPUTES.search(question))
        named = self.analyzer.query_terms(question)  # a document is named when its short name is a word
        lists = bool(_ASKS_LIST.search(question))
        fixed = (
            W_RANK * prior
            + (W_NAMED_DOC if hit.name in named else 0.0)
            + W_REACH * preference(hit, question_names_place=names_place)
            + W_AUTHORITY * _authority(hit)
            - (0 if hit.in_force else NOT_IN_FORCE)
        )
        best: Choice | None = None

        def consider(text: str, start: int, *, complete: bool = False) -> None:
            nonlocal best
            if measure is not None and not measure.search(text):
                return
            cov, covered = self.cov(concepts, text)
            ctx, _ = self.cov(concepts, text + context)
            score = (
                fixed
                + W_WINDOW * cov
                + W_CONTEXT * ctx
                + (SENTENCE_END_BONUS if complete or _SENTENCE_END.search(text) else 0.0)
                + (W_COMPUTES if computes and gate.states_quantity(text) else 0.0)
                + (W_LIST if lists and _LISTING.search(text) else 0.0)
                - PER_CHAR * len(text)
                - PER_POSITION * min(start, 5)
            )
            if best is None or score > best.score:
                best = Choice(hit, text, covered, score, cov, prior)

        for lead, item, skipped in _list_items(sentences):
            # one item with its lead-in, when the item itself holds part of the answer (百分之二)
            if self.cov(concepts, item.text)[1] - self.cov(concepts, lead.text)[1]:
                text = lead.text + ("……" if skipped else "") + item.text
                consider(text, sentences.index(lead), complete=True)
        for i, first in enumerate(sentences):
            if first.heading:
                continue
            window: list[Unit] = []
            for j, unit in enumerate(sentences[i : i + MAX_UNITS + MAX_LIST], start=i):
                length = sum(len(u.text) for u in window) + len(unit.text)
                if unit.heading or (window and length > MAX_CHARS):
                    break
                window.append(unit)
                listing = any(u.text.endswith(("：", ":")) for u in window)
                if len(window) > MAX_UNITS and not listing:
                    break
                text = "".join(u.text for u in window)
                if _unfinished(text, sentences, j, length, listing):
                    continue  # a list's lead-in needs its items, all of them when they fit
                consider(text, i)
        return best

    def choices(self, question: str, hits: list[Hit], concepts) -> list[Choice]:
        names_place = any(h.reach is Reach.NAMED for h in hits)
        # retrieval's own judgement, scaled to 0..1 over the pool: it sees meaning the terms miss
        top, bottom = max((h.score for h in hits), default=0.0), min((h.score for h in hits), default=0.0)
        spread = (top - bottom) or 1.0
        measure = gate.asked_measure(question)
        for wanted in (measure, None) if measure is not None else (None,):
            found = [
                c
                for h in hits
                if (
                    c := self._best_window(
                        h,
                        (h.score - bottom) / spread,
                        concepts,
                        wanted,
                        names_place=names_place,
                        question=question,
                    )
                )
            ]
            if found:
                return sorted(found, key=lambda c: -c.score)
        return []


def _list_items(sentences: list[Unit]) -> list[tuple[Unit, Unit, bool]]:
    """(lead-in, item, items skipped between them) for each item of a list: 工会经费的来源：……（二）…；"""
    out = []
    lead: Unit | None = None
    for k, u in enumerate(sentences):
        if u.text.endswith(("：", ":")):
            lead, at = u, k
        elif lead is not None:
            out.append((lead, u, k > at + 1))
            if not u.text.endswith(("；", ";")):
                lead = None  # the list ends with its last item
    return out


def _unfinished(text: str, sentences: list[Unit], j: int, length: int, listing: bool) -> bool:
    """A window that stops inside a list whose next item would still fit."""
    if text.endswith(("：", ":")):
        return True
    if not listing or j + 1 >= len(sentences) or not text.endswith(("；", ";")):
        return False
    following = sentences[j + 1]
    return not following.heading and length + len(following.text) <= MAX_CHARS
