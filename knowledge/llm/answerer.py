"""The LLM answerer: the passages that passed the evidence gate go to the chat model, its sentences
are verified one by one, and on any failure the extractive answer is given instead.

Failures are the model's refusal, nothing left after verification, a timeout, 429, 5xx, a dropped
connection or malformed output. The extractive answer is composed first (milliseconds), so falling
back costs nothing, and the whole answer (fallback included) takes at most `timeout` seconds: the call
runs in a worker thread and is abandoned at the deadline. Nothing of a failure reaches the user.
"""

from __future__ import annotations

import logging
import queue
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from knowledge.llm import prompt
from knowledge.llm.client import LLMConfig, LLMUnavailable, chat_model
from knowledge.llm.sentences import Sentence, SentenceStream, split, without_marks
from knowledge.llm.stream import AnswerEvent, Delta, Final
from knowledge.llm.verify import (
    Renumbering,
    SentenceCheck,
    Support,
    check_sentence,
    citations_for,
    log_dropped,
    passage_for,
    rebuild,
)
from knowledge.model import Answer, Hit

log = logging.getLogger(__name__)
MAX_PASSAGES = 5
_REFUSAL = re.compile(
    r"^(很?抱歉|对不起)|无法(回答|确定|判断|提供)|(资料|文件|材料)中?(并)?(没有|未)(找到|提及|涉及|相关|规定|说明|包含)"
)


class LLMTimeout(Exception):
    pass


def is_refusal(sentence: str) -> bool:
    text = without_marks(sentence).strip()
    return prompt.REFUSAL in text or bool(_REFUSAL.search(text))


def _text(message: Any) -> str:
    text = getattr(message, "text", None)
    if isinstance(text, str):
        return text
    content = getattr(message, "content", None)
    if isinstance(content, str):
        return content
    raise ValueError(f"unexpected model output {type(message).__name__}")


def pieces(
    produce: Callable[[], Iterable[Any]], *, deadline: float, clock: Callable[[], float] = time.monotonic
) -> Iterator[str]:
    """The text of what `produce` yields, read in a worker thread; LLMTimeout at the deadline.

    The worker is a daemon: a call blocked in a read is left to the HTTP client's own timeout (the
    same number of seconds) and dies with it, while the user already has the fallback.
    """
    items: queue.Queue[tuple[bool, Any]] = queue.Queue()
    stop = threading.Event()

    def work() -> None:
        try:
            for item in produce():
                if stop.is_set():
                    return
                items.put((True, item))
            items.put((False, None))
        except BaseException as exc:  # noqa: BLE001 - handed to the reader, which falls back
            items.put((False, exc))

    threading.Thread(target=work, name="gonghui-llm", daemon=True).start()
    try:
        while True:
            remaining = deadline - clock()
            if remaining <= 0:
                raise LLMTimeout
            try:
                more, item = items.get(timeout=remaining)
            except queue.Empty:
                raise LLMTimeout from None
            if not more:
                if item is not None:
                    raise item
                return
            yield _text(item)
    finally:
        stop.set()


class LLMAnswerer:
    """`Answerer` through a LangChain chat model, with `fallback` (the extractive answerer) for every
    failure. `stream` yields the verified sentences as they arrive."""

    def __init__(
        self,
        model: Any,
        *,
        fallback: Any,
        timeout: float,
        max_passages: int = MAX_PASSAGES,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.model = model
        self.fallback = fallback
        self.timeout = timeout
        self.max_passages = max_passages
        self.clock = clock

    def _prepare(self, question: str, hits: list[Hit]):
        given = hits[: self.max_passages]
        passages = [passage_for(i, h) for i, h in enumerate(given, 1)]
        return given, passages, prompt.messages(question, passages)

    def answer(self, question: str, hits: list[Hit]) -> Answer:
        deadline = self.clock() + self.timeout
        fallback = self.fallback.answer(question, hits)
        if not fallback.found:  # the evidence gate said no: nothing for the model to answer from
            return fallback
        given, passages, messages = self._prepare(question, hits)
        try:
            text = "".join(pieces(lambda: [self.model.invoke(messages)], deadline=deadline, clock=self.clock))
        except Exception as exc:  # noqa: BLE001 - any failure of the endpoint means the fallback
            return self._fall_back(fallback, exc)
        sentences = split(text)
        if not sentences or is_refusal(sentences[0].text):
            return self._fall_back(fallback, "refusal" if sentences else "empty output")
        support = Support(passages)
        checks = [check_sentence(s, support) for s in sentences]
        return self._final(question, given, passages, checks, fallback)

    def stream(self, question: str, hits: list[Hit]) -> Iterator[AnswerEvent]:
        deadline = self.clock() + self.timeout
        fallback = self.fallback.answer(question, hits)
        if not fallback.found:
            yield Delta(fallback.answer)
            yield Final(fallback)
            return
        given, passages, messages = self._prepare(question, hits)
        support = Support(passages)
        numbering = Renumbering()
        checks: list[SentenceCheck] = []
        cutter = SentenceStream()

        def judge(sentences: list[Sentence]) -> Iterator[Delta]:
            for sentence in sentences:
                if not checks and is_refusal(sentence.text):
                    raise _Refused
                checks.append(check_sentence(sentence, support))
                if checks[-1].keep:
                    yield Delta(numbering.add(checks[-1]))

        try:
            for piece in pieces(lambda: self.model.stream(messages), deadline=deadline, clock=self.clock):
                yield from judge(cutter.feed(piece))
            yield from judge(cutter.close())
        except _Refused:
            yield Final(self._fall_back(fallback, "refusal"))
            return
        except Exception as exc:  # noqa: BLE001
            yield Final(self._fall_back(fallback, exc))
            return
        if not checks:
            yield Final(self._fall_back(fallback, "empty output"))
            return
        yield Final(self._final(question, given, passages, checks, fallback))

    def _final(self, question, given, passages, checks: list[SentenceCheck], fallback: Answer) -> Answer:
        log_dropped(checks)
        kept = [c for c in checks if c.keep]
        if not kept:
            return self._fall_back(fallback, "no sentence passed verification")
        raw = Answer(question=question, answer="", found=True, citations=citations_for(given))
        return rebuild(raw, passages, kept)

    def _fall_back(self, fallback: Answer, why: object) -> Answer:
        reason = type(why).__name__ if isinstance(why, BaseException) else str(why)
        if isinstance(why, LLMTimeout):
            reason = f"timeout after {self.timeout:g} s"
        log.warning("大语言模型回答不可用（%s），改用抽取式回答。", reason)
        return fallback


class _Refused(Exception):
    pass


def llm_answerer(config: LLMConfig, *, fallback: Any) -> Any:
    """The LLM answerer when an endpoint is configured and the `llm` extra installed; else `fallback`."""
    if not config.configured:
        return fallback
    try:
        model = chat_model(config)
    except LLMUnavailable as exc:
        log.warning("%s 改用抽取式回答。", exc)
        return fallback
    return LLMAnswerer(model, fallback=fallback, timeout=config.timeout)
