"""The sentence verifier: a generated answer keeps only what its cited passages say.

Each sentence must cite at least one of the passages it was given; every number, date and quoted term
in it must occur in a passage it cites (a passage that was given but not cited does not count); a
citation to a passage that was not given ([0], [7] of five) is removed. A sentence that fails is
dropped and logged. The checks read numbers as values (二十五 = 25, 百分之二 = 2%) and dates by their
parts, so a faithful paraphrase passes and an invented figure does not; a true number moved to another
case of a list-like article (placement.py) counts as invented too.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import Enum

from knowledge.answering import NOT_FOUND
from knowledge.llm import quantities as q
from knowledge.llm.placement import Clause, clauses_of, misplaced
from knowledge.llm.sentences import MARK, Sentence, cited, numbers_in, split, without_marks
from knowledge.model import Answer, Citation, Hit

log = logging.getLogger(__name__)
QUOTE_CHARS = 240
PASSAGE_CHARS = 800  # chunks are at most a few hundred characters; this only bounds a runaway one


class Reason(Enum):
    OK = "ok"
    NO_CITATION = "no_citation"
    FOREIGN_CITATION = "foreign_citation"  # it cites only passages that were not given
    INVENTED_NUMBER = "invented_number"
    INVENTED_DATE = "invented_date"
    INVENTED_TERM = "invented_term"


@dataclass(frozen=True)
class Passage:
    n: int
    source: str  # 《工会法》第十一条: shown to the model, and it may repeat what it says
    text: str

    @property
    def support(self) -> str:
        return f"{self.source}\n{self.text}"


@dataclass(frozen=True)
class SentenceCheck:
    sentence: Sentence
    reason: Reason
    cites: tuple[int, ...]  # the given passages it cites
    removed: tuple[int, ...]  # citations of passages that were not given
    detail: str = ""  # what failed: the number, date or term

    @property
    def keep(self) -> bool:
        return self.reason is Reason.OK


@dataclass(frozen=True)
class Verdict:
    checks: tuple[SentenceCheck, ...]

    @property
    def kept(self) -> list[SentenceCheck]:
        return [c for c in self.checks if c.keep]

    @property
    def removed_citations(self) -> list[int]:
        return sorted({n for c in self.checks for n in c.removed})


class Support:
    """What the passages a sentence cites can vouch for, computed once per passage."""

    def __init__(self, passages: Sequence[Passage]) -> None:
        self.passages = {p.n: p for p in passages}
        self._read: dict[int, tuple[set[q.Number], list[q.Date]]] = {}
        self._clauses: dict[int, list[Clause]] = {}

    def read(self, n: int) -> tuple[set[q.Number], list[q.Date]]:
        if n not in self._read:
            self._read[n] = q.quantities(self.passages[n].support)
        return self._read[n]

    def clauses(self, n: int) -> list[Clause]:
        if n not in self._clauses:
            self._clauses[n] = clauses_of(self.passages[n].text)
        return self._clauses[n]


def check_sentence(sentence: Sentence, support: Support) -> SentenceCheck:
    marks = cited(sentence.text)
    cites = tuple(n for n in marks if n in support.passages)
    removed = tuple(n for n in marks if n not in support.passages)
    if not cites:
        return SentenceCheck(
            sentence, Reason.FOREIGN_CITATION if removed else Reason.NO_CITATION, (), removed
        )
    body = without_marks(sentence.text)
    numbers, dates = q.quantities(body)
    have_numbers: set[q.Number] = set()
    have_dates: list[q.Date] = []
    for n in cites:
        passage_numbers, passage_dates = support.read(n)
        have_numbers |= passage_numbers
        have_dates += passage_dates
    for date in dates:
        if not any(date.within(other) for other in have_dates):
            return SentenceCheck(sentence, Reason.INVENTED_DATE, cites, removed, str(date))
    invented = sorted(str(n) for n in numbers - have_numbers)
    if invented:
        return SentenceCheck(sentence, Reason.INVENTED_NUMBER, cites, removed, "、".join(invented))
    moved = misplaced(body, [c for n in cites for c in support.clauses(n)]) if numbers else []
    if moved:
        detail = "、".join(sorted(str(n) for n in moved)) + "（资料中属于另一情形）"
        return SentenceCheck(sentence, Reason.INVENTED_NUMBER, cites, removed, detail)
    text = "\n".join(support.passages[n].support for n in cites)
    for term, is_title in q.quoted_terms(body):
        if not q.term_occurs(term, is_title=is_title, support=text):
            return SentenceCheck(sentence, Reason.INVENTED_TERM, cites, removed, term)
    return SentenceCheck(sentence, Reason.OK, cites, removed)


def check(output: str, passages: Sequence[Passage]) -> Verdict:
    """Judge every sentence of a generated answer against the passages it was given."""
    support = Support(passages)
    return Verdict(tuple(check_sentence(s, support) for s in split(output)))


def log_dropped(checks: Sequence[SentenceCheck]) -> None:
    for c in checks:
        if not c.keep:
            log.warning(
                "生成的句子未通过核验（%s%s），已删去：%s",
                c.reason.value,
                f"：{c.detail}" if c.detail else "",
                c.sentence.text,
            )


_MARKUP = re.compile(r"\*\*|__|^#+\s*|^\s*[-*•]\s+")


class Renumbering:
    """Kept sentences, their citations renumbered 1, 2, … in order of first use; foreign ones gone.

    Works one sentence at a time, so a streamed answer and the final one read the same.
    """

    def __init__(self) -> None:
        self.order: dict[int, int] = {}  # given passage number → number in the answer
        self.text = ""

    def add(self, check: SentenceCheck) -> str:
        """The text this kept sentence adds to the answer (with its separator)."""
        for n in check.cites:
            self.order.setdefault(n, len(self.order) + 1)

        def mark(m: re.Match[str]) -> str:
            numbers = numbers_in(m.group(1))
            return "".join(f"[{self.order[n]}]" for n in numbers if n in self.order and n in check.cites)

        body = _MARKUP.sub("", MARK.sub(mark, check.sentence.text)).strip()
        piece = ("\n" if self.text and check.sentence.line_start else "") + body
        self.text += piece
        return piece


def passages_of(answer: Answer, hits: Sequence[Hit]) -> list[Passage]:
    """The passages an answer's citations stand for, with the full text of the hit each came from."""
    out = []
    for c in answer.citations:
        core = c.quote.strip("…")
        hit = next(
            (h for h in hits if h.doc_id == c.doc_id and h.article == c.article and core in h.text), None
        )
        if hit is not None:
            out.append(passage_for(c.n, hit))
        else:
            out.append(Passage(c.n, f"《{short_title(c.title)}》{c.article or c.section}", c.quote))
    return out


def short_title(title: str) -> str:
    return title.removeprefix("中华人民共和国")


def passage_for(n: int, hit: Hit) -> Passage:
    """Passage n as the model is shown it: `《工会法》第十一条（2021-12-24）` and the passage text."""
    where = hit.article or (hit.section.split(" › ")[-1] if hit.section else "")
    date = f"（{hit.date}）" if hit.date else ""
    return Passage(n, f"《{short_title(hit.title)}》{where}{date}", hit.text[:PASSAGE_CHARS])


def quote_for(text: str, sentences: Sequence[str], *, limit: int = QUOTE_CHARS) -> str:
    """The passage trimmed to `limit` characters around the part the answer used most."""
    if len(text) <= limit:
        return text
    used = "".join(without_marks(s) for s in sentences)
    grams = {used[i : i + 2] for i in range(len(used) - 1)}
    best, best_score = 0, -1
    for start in range(0, len(text) - limit + 1, 20):
        window = text[start : start + limit]
        score = sum(window[i : i + 2] in grams for i in range(len(window) - 1))
        if score > best_score:
            best, best_score = start, score
    body = text[best : best + limit]
    return ("…" if best > 0 else "") + body + ("…" if best + limit < len(text) else "")


def without_headings(text: str, section: str) -> str:
    """The passage without the heading lines it starts with (the citation names them already)."""
    headings = {h.replace(" ", "") for h in section.split(" › ") if h}
    lines = text.split("\n")
    while len(lines) > 1 and lines[0].replace(" ", "") in headings:
        lines.pop(0)
    return "\n".join(lines)


def rebuild(answer: Answer, passages: Sequence[Passage], kept: Sequence[SentenceCheck]) -> Answer:
    """The answer made of the kept sentences, with only the citations they use, renumbered."""
    numbering = Renumbering()
    for check_ in kept:
        numbering.add(check_)
    by_n = {c.n: c for c in answer.citations}
    text_of = {p.n: p.text for p in passages}
    citations = []
    for old, new in sorted(numbering.order.items(), key=lambda item: item[1]):
        users = [k.sentence.text for k in kept if old in k.cites]
        body = without_headings(text_of[old], by_n[old].section)
        citations.append(replace(by_n[old], n=new, quote=quote_for(body, users)))
    return replace(answer, answer=numbering.text, citations=tuple(citations))


class SentenceVerifier:
    """`Verifier` for generated answers: drops what the cited passages do not support.

    An answer with nothing left comes back with found=False; the LLM answerer then gives the
    extractive answer instead. Verifying a verified answer changes nothing.
    """

    def verify(self, answer: Answer, hits: list[Hit]) -> Answer:
        if not answer.found:
            return answer
        passages = passages_of(answer, hits)
        verdict = check(answer.answer, passages)
        log_dropped(verdict.checks)
        if not verdict.kept:
            return replace(answer, answer=NOT_FOUND, found=False, citations=(), closest=tuple(hits[:3]))
        return rebuild(answer, passages, verdict.kept)


def citations_for(hits: Sequence[Hit]) -> tuple[Citation, ...]:
    """Citation n for the n-th passage given to the model, with its whole text (trimmed later)."""
    return tuple(
        Citation(n=i, doc_id=h.doc_id, title=h.title, section=h.section, article=h.article, quote=h.text)
        for i, h in enumerate(hits, 1)
    )
