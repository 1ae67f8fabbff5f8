"""The LLM understander against a loopback OpenAI-compatible server (the provider, faked at the wire):
a valid JSON reply is used and checked field by field; an error, a timeout or a malformed reply falls
back to the rules."""

from __future__ import annotations

import json
from datetime import date

import pytest

pytest.importorskip("langchain_openai", reason="the llm extra (langchain-openai) is not installed")

from bot.understanding.llm import LLMUnderstander  # noqa: E402
from bot.understanding.model import Intent  # noqa: E402
from bot.understanding.rules import RuleUnderstander  # noqa: E402
from knowledge.llm.client import LLMConfig, chat_model  # noqa: E402
from tests.fakes.openai_server import FakeOpenAI, Reply  # noqa: E402

TODAY = date(2026, 12, 2)
MESSAGE = "我们厂6月1日起搞安康杯竞赛，二百人参加"


@pytest.fixture
def llm():
    with FakeOpenAI() as server:
        yield server


def understander(server: FakeOpenAI, timeout: float = 5.0) -> LLMUnderstander:
    model = chat_model(LLMConfig(base_url=server.base_url, model="fake", timeout=timeout))
    return LLMUnderstander(model, RuleUnderstander(), timeout=timeout)


def test_a_valid_reply_is_used_and_checked_field_by_field(llm):
    reply = {
        "intent": "register",
        "fields": {
            "type": "安康悲",
            "start": "2027-06-01",
            "planned": "200",
            "total": -5,
            "end": "年底",
            "unit": "哈尔滨锅炉厂",
            "bogus": "x",
        },
    }
    llm.script(Reply("```json\n" + json.dumps(reply, ensure_ascii=False) + "\n```"))
    u = understander(llm).understand(MESSAGE, today=TODAY)
    assert u.intent is Intent.REGISTER
    # the typo'd type is mapped, the bad count and the non-ISO date are dropped, unknown keys ignored
    assert dict(u.fields) == {
        "type": "安康杯",
        "start": date(2027, 6, 1),
        "planned": 200,
        "unit": "哈尔滨锅炉厂",
    }
    assert dict(u.notes) == {"start": "2027-06-01，按明年理解"}  # the rules read the same start
    sent = llm.requests[0]["messages"]
    assert "今天是2026-12-02" in sent[-1]["content"] and MESSAGE in sent[-1]["content"]


@pytest.mark.parametrize(
    "reply",
    [
        Reply(status=500),
        Reply(status=429),
        Reply(broken=True),
        Reply("好的，这是一条竞赛登记。"),
        Reply('{"intent": "sing", "fields": {}}'),
        Reply('{"intent": "register", "fields": ["type"]}'),
    ],
)
def test_failures_and_unusable_replies_fall_back_to_the_rules(llm, reply):
    llm.script(reply)
    u = understander(llm).understand(MESSAGE, today=TODAY)
    assert u == RuleUnderstander().understand(MESSAGE, today=TODAY)
    assert u.intent is Intent.REGISTER and u.fields["start"] == date(2027, 6, 1)


def test_a_slow_provider_costs_the_timeout_then_the_rules_answer(llm):
    llm.script(Reply('{"intent": "question", "fields": {}}', delay=1.5))
    u = understander(llm, timeout=0.3).understand(MESSAGE, today=TODAY)
    assert u.intent is Intent.REGISTER and u.notes["start"] == "2027-06-01，按明年理解"


def test_an_extraction_of_the_wrong_kind_falls_back(llm):
    llm.script(Reply('{"intent": "question", "fields": {}}'))
    u = understander(llm).competition(MESSAGE, today=TODAY)
    assert u.intent is Intent.REGISTER and u.fields["type"] == "安康杯"
