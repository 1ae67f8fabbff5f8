"""Follow-up questions rewritten by a chat model, for deployments that configure one.

Any LangChain `BaseChatModel` plugs in (knowledge.llm.client builds one for an OpenAI-compatible
endpoint). The model only rewrites; it never answers. A failing, slow or unusable reply (an error, a
timeout, an empty or overlong text, an answer instead of a question) falls back to the rule-based
rewrite, so a conversation never waits longer than the timeout and never shows an error.
langchain-core is imported on first use: installs without the `llm` extra never load it.
"""

from __future__ import annotations

import logging
import queue
import re
import threading
from collections.abc import Sequence

from knowledge.followup import MAX_HISTORY, Rewriter, Standalone

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 5.0
MAX_CHARS = 120  # a standalone question is short; a longer reply is an answer or a ramble

SYSTEM_PROMPT = (
    "你是工会政策文件检索系统的问题改写器。工会干部在对话中连续提问，后一个问题常常省略前面说过的内容。"
    "请把“新问题”改写成一个不看上下文也能看懂的完整问题，用于检索政策文件。\n"
    "要求：\n"
    "1. 只补全省略的内容（对象、话题、条件），保留提问人的说法，不要增加对话中没有的信息；\n"
    "2. 如果新问题本身已经完整，或者换了一个新话题，原样输出新问题；\n"
    "3. 不要回答问题，不要解释，只输出改写后的一个问题，一行。"
)
_PREFIX = re.compile(r"^(改写后的问题|改写|完整问题|问题|新问题)\s*[：:]\s*")
_QUOTES = "\"'“”‘’「」『』《》 　"


def build_messages(question: str, history: Sequence[str]) -> list:
    from langchain_core.messages import HumanMessage, SystemMessage

    earlier = "\n".join(f"{i}. {h.strip()}" for i, h in enumerate(history[-MAX_HISTORY:], 1) if h.strip())
    return [
        SystemMessage(content=SYSTEM_PROMPT),
        HumanMessage(content=f"之前的问题：\n{earlier}\n\n新问题：{question.strip()}\n\n改写后的问题："),
    ]


def clean(reply: object) -> str | None:
    """The rewritten question in a model's reply, or None when the reply is not one."""
    text = reply if isinstance(reply, str) else getattr(reply, "content", "")
    if not isinstance(text, str):  # content blocks (multimodal replies) are not a question
        return None
    lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
    if len(lines) != 1:
        return None
    line = _PREFIX.sub("", lines[0]).strip(_QUOTES)
    if not line or len(line) > MAX_CHARS or not re.search(r"[\u4e00-\u9fff]", line):
        return None
    return line


def _squash(text: str) -> str:
    return re.sub(r"[\s？?。.!！]", "", text)


class LLMRewriter:
    def __init__(self, model, *, fallback: Rewriter, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.model = model  # a langchain_core BaseChatModel
        self.fallback = fallback
        self.timeout = timeout

    def rewrite(self, question: str, history: Sequence[str]) -> Standalone:
        if not any(h.strip() for h in history):
            return Standalone(question, False)
        text = self._ask(question, history)
        if text is None:
            return self.fallback.rewrite(question, history)
        if _squash(text) == _squash(question):
            return Standalone(question, False)
        return Standalone(text, True, "llm")

    def _ask(self, question: str, history: Sequence[str]) -> str | None:
        # the call runs in a daemon thread so a hung connection costs the user the timeout, never more,
        # and never keeps the process from exiting
        box: queue.Queue = queue.Queue(maxsize=1)

        def call() -> None:
            try:
                box.put(("ok", self.model.invoke(build_messages(question, history))))
            except Exception as exc:  # any provider failure: 429, 5xx, refused connection, bad JSON …
                box.put(("error", exc))

        threading.Thread(target=call, name="llm-rewrite", daemon=True).start()
        try:
            status, value = box.get(timeout=self.timeout)
        except queue.Empty:
            log.warning("LLM rewrite timed out after %.1f s; using the rule-based rewrite", self.timeout)
            return None
        if status == "error":
            log.warning("LLM rewrite failed (%s); using the rule-based rewrite", value)
            return None
        text = clean(value)
        if text is None:
            log.warning("LLM rewrite unusable (%r); using the rule-based rewrite", value)
        return text
