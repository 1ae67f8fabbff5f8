"""Intent and fields read by a chat model, for deployments that configure one (GONGHUI_LLM_*).

Any LangChain `BaseChatModel` plugs in. The model is asked for one JSON object; what it returns is
validated field by field (a legal type, ISO dates, positive whole counts) and anything it gets wrong is
dropped. An error, a timeout or a reply that is not such an object falls back to the rules, so a cadre
never waits longer than the timeout and never sees an error. langchain-core is imported on first use.
"""

from __future__ import annotations

import json
import logging
import queue
import re
import threading
from datetime import date

from bot.understanding.model import ACTIVITY_FIELDS, COMPETITION_FIELDS, Intent, Understanding
from bot.understanding.vocabulary import KIND_WORDS, OWNERSHIP_WORDS, TYPE_WORDS, near_choice
from registry.model import ACTIVITY_KINDS, COMPETITION_TYPES, OWNERSHIPS

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 8.0
_COUNTS = {"planned", "total", "participants"}
_DATES = {"start", "end", "date"}

SYSTEM_PROMPT = (
    "你是工会劳动竞赛登记助手的理解模块。判断工会干部一条消息的意图，并抽取消息中明确写出的字段。\n"
    "意图（intent）只能是：question（政策、文件问题）、register（登记一项劳动竞赛）、activity（记录一次已开展的活动）、"
    "my（查看、列出、修改已登记的记录）、stats（统计）、export（导出表格）、help（询问怎么使用）。"
    "只陈述事实、没有提问的消息（如“今天上午开了个座谈会，来了三十人”）是记录，不是问题；"
    "要求列出或查询登记库中的记录是 my，不是 register。\n"
    f"register 的字段：{', '.join(COMPETITION_FIELDS)}；type 只能是 {'、'.join(COMPETITION_TYPES)}；"
    f"ownership 只能是 {'、'.join(OWNERSHIPS)}（国有、国企为公有，民营、民企、私营为非公）。\n"
    f"activity 的字段：{', '.join(ACTIVITY_FIELDS)}；kind 只能是 {'、'.join(ACTIVITY_KINDS)}。\n"
    "日期写成 YYYY-MM-DD（只写月份的结束日期取当月最后一天，年底为12月31日）；人数写成整数。"
    "消息没有写的字段不要填，不要猜。\n"
    '只输出一个 JSON 对象，例如 {"intent": "register", "fields": {"type": "安康杯", "start": "2027-06-01"}}，不要解释。'
)


def build_messages(text: str, today: date, kind: str | None = None) -> list:
    from langchain_core.messages import HumanMessage, SystemMessage

    task = {
        "competition": "这是一份竞赛登记材料，intent 为 register。",
        "activity": "这是一次活动记录，intent 为 activity。",
    }
    lead = task.get(kind or "", "")
    return [
        SystemMessage(content=SYSTEM_PROMPT),
        HumanMessage(content=f"今天是{today.isoformat()}。{lead}\n消息：\n{text.strip()}"),
    ]


def parse_reply(reply: object) -> tuple[Intent, dict[str, object]] | None:
    """The intent and the valid fields of a model's reply, or None when the reply is unusable."""
    content = reply if isinstance(reply, str) else getattr(reply, "content", "")
    if not isinstance(content, str):
        return None
    m = re.search(r"\{.*\}", content, re.S)  # some models wrap the object in ```json fences or prose
    if not m:
        return None
    try:
        data = json.loads(m.group())
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    try:
        intent = Intent(str(data.get("intent", "")).strip().lower())
    except ValueError:
        return None
    raw = data.get("fields") or {}
    if not isinstance(raw, dict):
        return None
    allowed = {Intent.REGISTER: COMPETITION_FIELDS, Intent.ACTIVITY: ACTIVITY_FIELDS}.get(intent, ())
    fields = {}
    for key in allowed:
        value = _valid(key, raw.get(key))
        if value is not None:
            fields[key] = value
    return intent, fields


def _valid(key: str, value: object) -> object | None:
    if value is None or value == "" or isinstance(value, list | dict | bool):
        return None
    if key in _COUNTS:
        try:
            n = int(str(value).replace(",", ""))
        except ValueError:
            return None
        return n if 0 < n <= 1_000_000 else None
    if key in _DATES:
        try:
            return date.fromisoformat(str(value)[:10])
        except ValueError:
            return None
    text = str(value).strip()
    if key == "type":
        return _choice(text, COMPETITION_TYPES, TYPE_WORDS)
    if key == "kind":
        return _choice(text, ACTIVITY_KINDS, KIND_WORDS)
    if key == "ownership":
        return _choice(text, OWNERSHIPS, OWNERSHIP_WORDS)
    return text[:2000] or None


def _choice(text: str, options: tuple[str, ...], words: dict[str, str]) -> str | None:
    if text in options:
        return text
    return words.get(text) or near_choice(text, options, extra=words)


class LLMUnderstander:
    def __init__(self, chat_model, fallback, *, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.chat_model = chat_model  # a langchain_core BaseChatModel
        self.fallback = fallback  # a RuleUnderstander
        self.timeout = timeout

    def understand(self, text: str, *, today: date) -> Understanding:
        return self._read(text, today, None, lambda: self.fallback.understand(text, today=today))

    def competition(self, text: str, *, today: date) -> Understanding:
        return self._read(text, today, "competition", lambda: self.fallback.competition(text, today=today))

    def activity(self, text: str, *, today: date) -> Understanding:
        return self._read(text, today, "activity", lambda: self.fallback.activity(text, today=today))

    def _read(self, text: str, today: date, kind: str | None, rules) -> Understanding:
        parsed = parse_reply(self._ask(build_messages(text, today, kind)))
        if parsed is None:
            return rules()
        intent, fields = parsed
        wanted = {"competition": Intent.REGISTER, "activity": Intent.ACTIVITY}.get(kind or "")
        if wanted is not None and intent is not wanted:
            return rules()
        # the rules' notes (2027-06-01，按明年理解) still hold where the model read the same value
        ruled = rules()
        notes = {k: v for k, v in ruled.notes.items() if k in fields and fields[k] == ruled.fields.get(k)}
        return Understanding(intent, fields, notes, 0.9)

    def _ask(self, messages: list) -> object | None:
        # a daemon thread: a hung connection costs the user the timeout, never more
        box: queue.Queue = queue.Queue(maxsize=1)

        def call() -> None:
            try:
                box.put(("ok", self.chat_model.invoke(messages)))
            except Exception as exc:  # any provider failure: 429, 5xx, refused connection, bad JSON …
                box.put(("error", exc))

        threading.Thread(target=call, name="llm-understand", daemon=True).start()
        try:
            status, value = box.get(timeout=self.timeout)
        except queue.Empty:
            log.warning("LLM understanding timed out after %.1f s; using the rules", self.timeout)
            return None
        if status == "error":
            log.warning("LLM understanding failed (%s); using the rules", value)
            return None
        return value
