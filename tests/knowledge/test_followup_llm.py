"""The LLM rewriter against langchain-core's fake chat models (the provider is what we fake, at the chat
model interface): a good rewrite is used; an error, a timeout or an unusable reply falls back to the rules."""

from __future__ import annotations

import threading

import pytest

pytest.importorskip("langchain_core", reason="langchain-core is in the `llm` extra, not installed here")

from langchain_core.language_models import BaseChatModel  # noqa: E402
from langchain_core.language_models.fake_chat_models import FakeListChatModel, GenericFakeChatModel  # noqa: E402
from langchain_core.messages import AIMessage  # noqa: E402
from langchain_core.outputs import ChatGeneration, ChatResult  # noqa: E402

from knowledge.analysis import Analyzer  # noqa: E402
from knowledge.followup import RuleRewriter, Standalone  # noqa: E402
from knowledge.followup_llm import LLMRewriter, clean  # noqa: E402

OVERTIME = "每天最多能加几个小时班？"
RULE_TEXT = "女职工，每天最多能加几个小时班？"  # what the rules make of 那女职工呢？


@pytest.fixture(scope="module")
def rules() -> RuleRewriter:
    return RuleRewriter(Analyzer())


class Recording(BaseChatModel):
    """Replies with a fixed text and keeps the messages it was sent."""

    reply: str
    seen: list = []

    @property
    def _llm_type(self) -> str:
        return "recording"

    def _generate(self, messages, stop=None, run_manager=None, **kwargs) -> ChatResult:
        self.seen.append(messages)
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=self.reply))])


class Failing(BaseChatModel):
    """A provider that answers 500 (the client raises)."""

    @property
    def _llm_type(self) -> str:
        return "failing"

    def _generate(self, messages, stop=None, run_manager=None, **kwargs) -> ChatResult:
        raise ConnectionError("HTTP 500 from the provider")


class Hanging(BaseChatModel):
    """A provider that never answers until released."""

    release: threading.Event

    model_config = {"arbitrary_types_allowed": True}

    @property
    def _llm_type(self) -> str:
        return "hanging"

    def _generate(self, messages, stop=None, run_manager=None, **kwargs) -> ChatResult:
        self.release.wait(30)
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content="太晚了的问题？"))])


def test_the_model_rewrite_is_used_and_sees_the_history(rules):
    model = Recording(reply="改写后的问题：“女职工每天最多加班几小时？”", seen=[])
    out = LLMRewriter(model, fallback=rules).rewrite("那女职工呢？", ["工会经费有哪些来源？", OVERTIME])
    assert out == Standalone("女职工每天最多加班几小时？", True, "llm")
    prompt = model.seen[0][-1].content
    assert (
        "1. 工会经费有哪些来源？" in prompt
        and f"2. {OVERTIME}" in prompt
        and "新问题：那女职工呢？" in prompt
    )


def test_a_question_the_model_leaves_alone_is_unchanged(rules):
    model = GenericFakeChatModel(messages=iter(["工会经费按什么比例拨缴"]))
    out = LLMRewriter(model, fallback=rules).rewrite("工会经费按什么比例拨缴？", [OVERTIME])
    assert out == Standalone("工会经费按什么比例拨缴？", False)


def test_without_history_the_model_is_not_asked(rules):
    model = Recording(reply="不该被调用", seen=[])
    assert LLMRewriter(model, fallback=rules).rewrite("那女职工呢？", []) == Standalone("那女职工呢？", False)
    assert model.seen == []


def test_a_failing_model_falls_back_to_the_rules(rules, caplog):
    out = LLMRewriter(Failing(), fallback=rules).rewrite("那女职工呢？", [OVERTIME])
    assert out == Standalone(RULE_TEXT, True, "rule")
    assert "HTTP 500" in caplog.text


def test_an_exhausted_fake_model_falls_back_to_the_rules(rules):
    model = GenericFakeChatModel(messages=iter([]))  # raises on the first call
    assert LLMRewriter(model, fallback=rules).rewrite("那女职工呢？", [OVERTIME]).by == "rule"


def test_a_slow_model_falls_back_when_the_timeout_passes(rules):
    release = threading.Event()
    try:
        out = LLMRewriter(Hanging(release=release), fallback=rules, timeout=0.2).rewrite(
            "那女职工呢？", [OVERTIME]
        )
    finally:
        release.set()
    assert out == Standalone(RULE_TEXT, True, "rule")


def test_a_slow_fake_list_model_also_falls_back(rules):
    model = FakeListChatModel(responses=["女职工每天最多加班几小时？"], sleep=3)
    assert LLMRewriter(model, fallback=rules, timeout=0.1).rewrite("那女职工呢？", [OVERTIME]).by == "rule"


@pytest.mark.parametrize(
    "reply",
    [
        "",  # nothing
        "根据《劳动法》第四十一条，女职工……\n另外还要注意……",  # an answer over several lines
        "女职工" + "每天最多能加几个小时班" * 20,  # too long to be a question
        "OK",  # no Chinese at all
    ],
)
def test_unusable_replies_fall_back_to_the_rules(rules, reply):
    model = GenericFakeChatModel(messages=iter([reply]))
    assert LLMRewriter(model, fallback=rules).rewrite("那女职工呢？", [OVERTIME]).by == "rule"


def test_clean_takes_the_question_out_of_quotes_and_labels():
    assert clean(AIMessage(content="  「女职工每天最多加班几小时？」 ")) == "女职工每天最多加班几小时？"
    assert clean(AIMessage(content="新问题：女职工每天最多加班几小时？")) == "女职工每天最多加班几小时？"
    assert clean(AIMessage(content=[{"type": "text", "text": "块"}])) is None
