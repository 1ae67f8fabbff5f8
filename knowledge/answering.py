"""The answer pipeline, stage by stage: retrieve → define → place → evidence gate → compose → verify.

* retrieve: hybrid search (rules in force first), a pool a little deeper than the ``k`` asked for;
* define: a ``什么是X`` question gets the passage that defines X put first (``Definitions``);
* place: each passage learns whose rule it is for this asker (national, own, named, another place);
* evidence gate: coverage, off-topic and quantity checks (knowledge/gate.py), for every answerer;
* compose: an ``Answerer`` (extractive by default, an LLM where the deployment has one);
* verify: a ``Verifier`` (identity for extractive answers; the LLM path drops unsupported sentences).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Protocol

from knowledge.definitions import Definitions, definition_term
from knowledge.gate import EvidenceGate
from knowledge.jurisdiction import Locale, annotate
from knowledge.llm.stream import AnswerEvent, Delta, Final, stream_answer
from knowledge.model import Answer, Filters, Hit

NOT_FOUND = "抱歉，现有文件中没有找到能直接回答这个问题的内容。"
POOL = 10  # passages retrieved for composing, even when fewer are asked for


class Answerer(Protocol):
    """Composes an answer from passages the evidence gate has already accepted."""

    def answer(self, question: str, hits: list[Hit]) -> Answer: ...


class Verifier(Protocol):
    """Checks a composed answer against the passages it was given; returns what survives."""

    def verify(self, answer: Answer, hits: list[Hit]) -> Answer: ...


class KeepAnswer:
    """The verifier of extractive answers: they quote the passages, there is nothing to check."""

    def verify(self, answer: Answer, hits: list[Hit]) -> Answer:
        return answer


def refusal(question: str, hits: list[Hit]) -> Answer:
    return Answer(question=question, answer=NOT_FOUND, found=False, closest=tuple(hits[:3]))


class AnswerPipeline:
    def __init__(
        self,
        *,
        retrieve: Callable[[str, int, Filters | None], list[Hit]],
        gate: EvidenceGate,
        answerer: Answerer,
        verifier: Verifier | None = None,
        definitions: Definitions | None = None,
        region: str = "",
    ) -> None:
        self.retrieve = retrieve
        self.gate = gate
        self.answerer = answerer
        self.verifier = verifier or KeepAnswer()
        self.definitions = definitions
        self.region = region  # the deployment's region (GONGHUI_REGION)

    def ask(
        self, question: str, *, filters: Filters | None = None, k: int = 5, region: str | None = None
    ) -> Answer:
        hits, passed = self._evidence(question, filters=filters, k=k, region=region)
        if not passed:
            return refusal(question, hits)
        return self.verifier.verify(self.answerer.answer(question, hits), hits)

    def ask_stream(
        self, question: str, *, filters: Filters | None = None, k: int = 5, region: str | None = None
    ) -> Iterator[AnswerEvent]:
        """The same stages, the composed text as it arrives (an answerer with `stream`: the LLM's
        sentences as each passes its check), then the final answer. Retrieval and the gate run at the
        call, so their errors surface before anything is streamed."""
        hits, passed = self._evidence(question, filters=filters, k=k, region=region)
        if not passed:
            answer = refusal(question, hits)
            return iter([Delta(answer.answer), Final(answer)])
        return stream_answer(self.answerer, question, hits)

    def _evidence(
        self, question: str, *, filters: Filters | None, k: int, region: str | None
    ) -> tuple[list[Hit], bool]:
        """retrieve → define → place → gate: the passages, and whether they support an answer."""
        hits = self.retrieve(question, max(k, POOL), filters)
        hits = self._define(question, hits)
        hits = annotate(hits, question=question, locale=Locale.of(region, self.region))
        return hits, self.gate.check(question, hits).passed

    def _define(self, question: str, hits: list[Hit]) -> list[Hit]:
        term = definition_term(question)
        if term is None or self.definitions is None:
            return hits
        found = self.definitions.lookup(term)
        if found is None:
            return hits
        _, hit = found
        return [hit, *(h for h in hits if h.chunk_id != hit.chunk_id)]
