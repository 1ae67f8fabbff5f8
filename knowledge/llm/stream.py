"""Answers as they arrive: `Delta` events with text to append, then one `Final` with the answer.

The final answer is the verified one and replaces whatever was shown before it (after a fallback to
the extractive answer the two differ). Channels that edit one message (Telegram) use `snapshots`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from knowledge.model import Answer, Hit

if TYPE_CHECKING:
    from knowledge.answering import Answerer


@dataclass(frozen=True)
class Delta:
    text: str  # to append to what is shown


@dataclass(frozen=True)
class Final:
    answer: Answer  # the verified answer: show exactly this


AnswerEvent = Delta | Final


def stream_answer(answerer: Answerer, question: str, hits: list[Hit]) -> Iterator[AnswerEvent]:
    """The answerer's own stream when it has one; otherwise its answer as one delta."""
    stream = getattr(answerer, "stream", None)
    if callable(stream):
        yield from stream(question, hits)
        return
    answer = answerer.answer(question, hits)
    yield Delta(answer.answer)
    yield Final(answer)


def snapshots(
    events: Iterable[AnswerEvent], *, interval: float = 1.0, clock: Callable[[], float] = time.monotonic
) -> Iterator[str | Answer]:
    """The text so far at most once per `interval` seconds, then the final Answer.

    For a channel that edits one message as the answer grows (Telegram allows about one edit a
    second per chat); the last item is always the Answer.
    """
    shown, text, last = "", "", None
    for event in events:
        if isinstance(event, Final):
            yield event.answer
            return
        text += event.text
        now = clock()
        if text != shown and (last is None or now - last >= interval):
            shown, last = text, now
            yield text
