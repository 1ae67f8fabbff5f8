"""An LLM answer on Telegram grows in one message (issue 9): sent at once, edited as checked sentences
arrive (about once a second), ending on the verified answer with its citations — at the wire, against
a Bot API stand-in that refuses edits Telegram refuses, and a loopback OpenAI-compatible server."""

from __future__ import annotations

import pytest

from bot import texts
from ingest.pipeline import prepare_text
from service.composition import Application
from service.settings import Settings

from .test_telegram_limits import Bot

LAW = """中华人民共和国工会法

第四十三条 工会经费的来源：
（一）工会会员缴纳的会费；
（二）建立工会组织的用人单位按每月全部职工工资总额的百分之二向工会拨缴的经费；
（三）工会所属的企业、事业单位上缴的收入；
（四）人民政府的补助；
（五）其他收入。
"""


@pytest.fixture
def llm():
    pytest.importorskip("langchain_openai", reason="the llm extra (langchain-openai) is not installed")
    from tests.fakes.openai_server import FakeOpenAI

    with FakeOpenAI() as server:
        yield server


def _application(tmp_path, **settings) -> Application:
    app = Application(Settings.from_env({}, data_dir=tmp_path, embedder="hash", **settings))
    app.registry.add_union("哈尔滨市总工会")
    app.registry.add_user(
        "tg:42", display_name="张三", role="cadre", union="哈尔滨市总工会", identity=("tg", "42")
    )
    app.knowledge.ingest([prepare_text(LAW, source="工会法.txt")])
    return app


def _edits(bot: Bot) -> list[str]:
    return [p["text"] for e, p in bot.request.accepted if e == "editMessageText"]


def test_a_streamed_answer_is_one_message_edited_until_the_verified_text(tmp_path, llm):
    from tests.fakes.openai_server import Reply, passages_in

    def answer(request: dict) -> str:
        given = [n for n, text in passages_in(request).items() if "百分之二" in text]
        if not given:  # the understander asks first what the message is: a question
            return '{"intent": "question", "fields": {}}'
        n = given[0]
        return (
            f"工会经费来源包括会员缴纳的会费。[{n}]\n"
            f"用人单位按每月全部职工工资总额的百分之二向工会拨缴经费。[{n}]\n"
            f"拨缴比例为百分之五。[{n}]"  # an invented number: the verifier drops it
        )

    app = _application(tmp_path, llm_base_url=llm.base_url, llm_timeout=10)
    llm.default = Reply(answer, chunk_chars=4, chunk_delay=0.15)  # about 3 s of streaming
    bot = Bot(app)
    try:
        bot.say("工会经费有哪些来源？")
    finally:
        bot.close()
    sent = [p["text"] for p in bot.request.sent()]
    assert sent == [texts.ANSWERING]  # one message, no second one with the same answer
    edits = _edits(bot)
    assert len(edits) >= 2, edits  # at least one draft before the final text
    final = edits[-1]
    assert "百分之二" in final and "引用" in final and "百分之五" not in final
    assert all("百分之五" not in e for e in edits)  # only checked sentences are ever shown
    assert not [e for e in bot.request.errors if e[0] == "editMessageText"]  # no refused edit


def test_without_a_streaming_answerer_the_answer_is_one_plain_message(tmp_path):
    app = _application(tmp_path)  # no LLM: the extractive answer is instant, nothing to stream
    bot = Bot(app)
    try:
        bot.say("工会经费有哪些来源？")
    finally:
        bot.close()
    sent = [p["text"] for p in bot.request.sent()]
    assert len(sent) == 1 and "百分之二" in sent[0] and not _edits(bot)


def test_the_terminal_never_gets_drafts_even_with_an_llm(tmp_path, llm):
    from bot.messages import Incoming, Sender
    from tests.fakes.openai_server import Reply, answer_well

    app = _application(tmp_path, llm_base_url=llm.base_url, llm_timeout=10)
    app.registry.add_user("local:admin", display_name="管理员", role="admin", union="哈尔滨市总工会")
    llm.script(Reply(answer_well))
    replies = app.engine.handle(Incoming(Sender("local", "admin"), text="工会经费有哪些来源？"))
    assert replies[0].drafts is None and "[1]" in replies[0].text
