"""Quiz items an LLM proposes (issue 11: "with an LLM configured, it may propose more varied items, which
pass the same checks or are dropped"). The model sees one passage and answers a JSON array; each proposal
becomes a QuizItem with the generator's own lead (根据《…》第…条，填空：) and its quote, and then goes
through the same verification as every generated item (training/verify.py: the answer stands in the
quote, the quote in the document, a false statement in no document, choices distinct, no question twice)
before anyone sees it. A failure, a timeout or a reply that is no such array gives no proposals: the
rule-made items stand alone, and the trainer still reviews every item before a course goes live."""

from __future__ import annotations

import json
import logging
import queue
import re
import threading
from collections.abc import Sequence

from training.corpus import Passage, squash
from training.leads import lead
from training.model import ItemKind, QuizItem, Source
from training.quiz import Generator
from training.verify import BLANK, JUDGE_OPTIONS

log = logging.getLogger("gonghui.training")

DEFAULT_TIMEOUT = 20.0
MAX_PROPOSALS = 6  # per passage: the model adds variety, the rules stay the bulk
MAX_PASSAGE = (
    1500  # characters of a passage sent (an article; a longer section is cut, the quote must be in it)
)

SYSTEM = (
    "你是工会干部培训的出题助手。只根据用户给出的条文出题，不得使用条文以外的知识。"
    "只输出一个 JSON 数组，不要输出其他文字。每道题是一个对象：\n"
    '- 填空题：{"kind": "cloze", "stem": "含一个____的句子", "answer": "填入的词", "quote": "条文原句"}\n'
    '- 判断题：{"kind": "judge", "statement": "一句说法", "answer": true 或 false, "quote": "条文原句"}'
    "（错误的说法只改动原句中的一个数量或术语）\n"
    '- 单选题：{"kind": "choice", "stem": "含一个____的句子", "options": ["三到四个选项"], "answer": "正确选项", '
    '"quote": "条文原句"}\n'
    '- 排序题：{"kind": "order", "stem": "这是什么程序", "steps": ["按正确顺序的步骤"], "quote": "列出这些步骤的原文"}\n'
    f"quote 必须逐字摘自条文。最多出 {MAX_PROPOSALS} 道题；条文不适合出题时输出 []。"
)


def build_messages(passage: Passage) -> list[tuple[str, str]]:
    where = f"《{passage.name}》{passage.article or ''}".strip()
    return [("system", SYSTEM), ("user", f"{where}\n{passage.text[:MAX_PASSAGE]}")]


def _array(reply: object) -> list:
    text = getattr(reply, "content", reply)
    if not isinstance(text, str):
        return []
    text = re.sub(r"^```(?:json)?|```$", "", text.strip()).strip()
    start, end = text.find("["), text.rfind("]")
    if start < 0 or end < start:
        return []
    try:
        data = json.loads(text[start : end + 1])
    except ValueError:
        return []
    return [d for d in data if isinstance(d, dict)][:MAX_PROPOSALS] if isinstance(data, list) else []


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def to_item(data: dict, passage: Passage) -> QuizItem | None:
    """A proposal as an item with the generator's lead, or None when it lacks what its kind needs."""
    kind = next((k for k in ItemKind if k.value == data.get("kind")), None)
    quote = _text(data.get("quote"))
    if kind is None or not quote or squash(quote) not in squash(passage.text):
        return None
    source = Source(passage.doc_id, passage.title, passage.article, quote)
    answer = data.get("answer")
    if kind is ItemKind.JUDGE:
        statement = _text(data.get("statement")).strip('“”"')
        if not statement or not isinstance(answer, bool):
            return None
        return QuizItem(0, kind, lead(passage, "判断对错") + f"“{statement}”", JUDGE_OPTIONS, answer, source)
    if kind is ItemKind.ORDER:
        steps = tuple(_text(s) for s in data.get("steps") or () if _text(s))
        if len(steps) < 3:
            return None
        shuffled = steps[1:] + steps[:1]  # never the right order as shown
        what = _text(data.get("stem")).rstrip("：:。") or "下列步骤"
        return QuizItem(0, kind, lead(passage, "排出正确顺序") + f"{what}。", shuffled, steps, source)
    stem, answer = _text(data.get("stem")).replace("___", BLANK), _text(answer)
    stem = re.sub(r"_{4,}", BLANK, stem)
    if BLANK not in stem or not answer:
        return None
    if kind is ItemKind.CLOZE:
        return QuizItem(0, kind, lead(passage, "填空") + stem, (), answer, source)
    options = tuple(_text(o) for o in data.get("options") or () if _text(o))
    return QuizItem(0, kind, lead(passage, "选择正确的一项填空") + stem, options, answer, source)


class LLMProposer:
    """Proposals of one chat model (a langchain_core BaseChatModel), each call bounded by `timeout`."""

    def __init__(self, chat_model, *, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.chat_model = chat_model
        self.timeout = timeout
        self._cache: dict[str, list[QuizItem]] = {}

    def propose(self, passage: Passage) -> list[QuizItem]:
        key = f"{passage.doc_id}|{passage.article}|{passage.text}"
        if key not in self._cache:
            reply = self._ask(build_messages(passage))
            items = [to_item(d, passage) for d in _array(reply)] if reply is not None else []
            self._cache[key] = [i for i in items if i is not None]
        return list(self._cache[key])

    def _ask(self, messages: list) -> object | None:
        # a daemon thread: a hung connection costs the trainer the timeout, never more
        box: queue.Queue = queue.Queue(maxsize=1)

        def call() -> None:
            try:
                box.put(("ok", self.chat_model.invoke(messages)))
            except Exception as exc:  # any provider failure: 429, 5xx, refused connection, bad JSON …
                box.put(("error", exc))

        threading.Thread(target=call, name="llm-quiz", daemon=True).start()
        try:
            status, value = box.get(timeout=self.timeout)
        except queue.Empty:
            log.warning("LLM quiz proposals timed out after %.1f s; rule-made items only", self.timeout)
            return None
        if status == "error":
            log.warning("LLM quiz proposals failed (%s); rule-made items only", value)
            return None
        return value


class ProposingGenerator(Generator):
    """The rule-made candidates of a passage plus the proposer's; `generate` verifies both alike."""

    def __init__(self, corpus, proposer: LLMProposer) -> None:
        super().__init__(corpus)
        self.proposer = proposer

    def candidates(self, passage: Passage) -> list[QuizItem]:
        return [*super().candidates(passage), *self.proposer.propose(passage)]


def proposals_kept(generator: Generator, passages: Sequence[Passage]) -> int:
    """How many proposals of the passages pass verification (for logs and the bench)."""
    if not isinstance(generator, ProposingGenerator):
        return 0
    return len(generator.verified(i for p in passages for i in generator.proposer.propose(p)))
