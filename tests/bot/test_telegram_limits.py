"""What real Telegram users hit, at the wire: a Bot API stand-in that enforces Telegram's own limits
(64-byte button data, 4096-character texts, 20 MB downloads, 429 Too Many Requests)."""

from __future__ import annotations

import asyncio
from dataclasses import replace

import pytest
from telegram import Update

from bot.flood import FloodGuard, FloodPolicy
from bot.telegram_adapter import build_application, split_text
from service.composition import Application
from service.settings import Settings
from tests.scripts import WELDERS

from .fake_telegram import (
    RecordingRequest,
    button_update,
    document_update,
    keyboard_of,
    photo_update,
    text_update,
)

TOKEN = "123456:TEST"
LONG_UNION = "中国石油天然气股份有限公司大庆油田分公司第一采油厂第三油矿工会委员会"  # 102 bytes in UTF-8


@pytest.fixture
def application(tmp_path) -> Application:
    app = Application(Settings.from_env({}, data_dir=tmp_path, embedder="hash"))
    app.registry.add_union(LONG_UNION)
    app.registry.add_user("tg:42", display_name="张三", role="cadre", union=LONG_UNION, identity=("tg", "42"))
    return app


class Bot:
    """One Telegram conversation driven update by update, pressing buttons by their label."""

    def __init__(self, application: Application, request: RecordingRequest | None = None) -> None:
        self.request = request or RecordingRequest()
        self.app = build_application(application.engine, token=TOKEN, request=self.request)
        self.update_id = 0
        # one event loop for the whole conversation, as in a running bot (the rate limiter is per loop)
        self.loop = asyncio.new_event_loop()
        self.loop.run_until_complete(self.app.initialize())

    def close(self) -> None:
        self.loop.run_until_complete(self.app.shutdown())
        self.loop.close()

    def feed(self, *updates: dict) -> None:
        for u in updates:
            self.loop.run_until_complete(self.app.process_update(Update.de_json(u, self.app.bot)))

    def say(self, text: str, uid: int = 42) -> None:
        self.update_id += 1
        self.feed(text_update(self.update_id, text, uid=uid))

    def press(self, label: str) -> str:
        """Press the button labelled `label` of the last keyboard; returns the callback data sent."""
        keyboards = [keyboard_of(p) for p in self.request.sent() if keyboard_of(p)]
        data = next(d for text, d in keyboards[-1] if text == label)
        self.update_id += 1
        self.feed(button_update(self.update_id, data))
        return data

    def last(self) -> str:
        return self.request.sent()[-1].get("text", "")

    def labels(self) -> list[str]:
        return [label for label, _ in keyboard_of(self.request.sent()[-1])]


@pytest.fixture
def bots(application):
    """Bot(…) for a test; every loop is closed afterwards."""
    made: list[Bot] = []

    def make(request: RecordingRequest | None = None) -> Bot:
        made.append(Bot(application, request))
        return made[-1]

    yield make
    for bot in made:
        bot.close()


def test_a_long_union_name_is_a_short_key_and_registration_goes_on(application, bots):
    bot = bots()
    bot.say("/register")
    bot.say("2026年采油工技术比武")
    bot.press("技术比武")
    assert "主办工会" in bot.last() and LONG_UNION in bot.labels()  # the user's own union as a button
    data = bot.press(LONG_UNION)
    assert len(data.encode()) <= 64 and not bot.request.errors, bot.request.errors
    assert f"主办工会：{LONG_UNION} ✓" in bot.last()
    every_button = [d for p in bot.request.sent() for _, d in keyboard_of(p)]
    assert every_button and all(len(d.encode()) <= 64 for d in every_button)


def test_answered_keyboards_are_taken_away_and_an_old_press_is_stale(application, bots):
    bot = bots()
    bot.say("/register")
    bot.say("2026年采油工技术比武")
    keyboard = [keyboard_of(p) for p in bot.request.sent() if keyboard_of(p)][-1]
    bot.press("技术比武")
    edits = [p for e, p in bot.request.calls if e == "editMessageReplyMarkup"]
    assert edits, "the answered keyboard is removed"
    old = next(d for label, d in keyboard if label == "五小")
    bot.update_id += 1
    bot.feed(button_update(bot.update_id, old))  # a button of the type question, pressed again later
    texts = [p["text"] for p in bot.request.sent()[-2:]]
    assert "这个按钮已过期" in texts[0] and "主办工会" in texts[1]
    state = application.registry.load_state("tg:42")
    assert state["data"]["type"] == "技术比武" and state["step"] == "union_name"  # nothing changed


def test_form_answers_are_never_dropped_while_a_flood_outside_a_form_is(application, bots):
    clock = [0.0]
    application.engine.flood = FloodGuard(FloodPolicy(burst=5, hard_cap=100), clock=lambda: clock[0])
    bot = bots()
    bot.say("/register")
    answers = replace(
        WELDERS,
        name="2026年采油工技术比武",
        union=LONG_UNION,
        unit="第三油矿",
        ownership="国有",
        start="2027年3月1日",
        end="2027年9月30日",
        total="三百人",
    ).answers()
    for a in list(answers) * 2:  # every answer again as a correction at the summary: well over 20 a minute
        clock[0] += 1.5
        bot.say(a)
    assert not any("太快" in p["text"] for p in bot.request.sent())
    bot.say("确认")
    assert "JS-2027-0001" in bot.last()
    for i in range(6):  # outside a form: the burst, then a refusal that names the message
        bot.say(f"你好{i}")
    assert bot.last().startswith("您发送得太快了") and "“你好5”" in bot.last()


def test_a_file_over_20_mb_gets_a_word_and_is_not_downloaded(application, bots):
    big = 21 * 1024 * 1024
    bot = bots(RecordingRequest(file_sizes={"doc-方案.pdf": big}))
    bot.say("/activity")
    bot.update_id += 1
    bot.feed(document_update(bot.update_id, name="方案.pdf", size=big))
    assert "超过 20 MB" in bot.last() and "方案.pdf" in bot.last()
    assert not [e for e, _ in bot.request.calls if e in ("getFile", "download")]


def test_a_stranger_is_refused_before_a_photo_is_downloaded(application, bots):
    bot = bots()
    bot.feed(photo_update(1, uid=99))
    assert "管理员" in bot.last() or "邀请码" in bot.last()
    assert not [e for e, _ in bot.request.calls if e in ("getFile", "download")]
    bot.say("/invite", uid=99)
    assert bot.last() == "请附上邀请码，例如 /start 123456"


def test_long_replies_are_split_under_4096_characters():
    text = "\n".join(f"第{i}行：" + "竞赛" * 40 for i in range(200))
    pieces = split_text(text)
    assert len(pieces) > 1 and all(len(p) <= 4096 for p in pieces)
    assert "\n".join(pieces) == text  # cut at line ends: nothing lost
    assert split_text("短") == ["短"] and split_text("字" * 9000) == ["字" * 4096, "字" * 4096, "字" * 808]


def test_an_outgoing_429_is_waited_out_not_answered_with_another_message(application, bots):
    request = RecordingRequest()
    request.throttle = 1  # Telegram refuses the next message once: Too Many Requests, retry after 1 s
    bot = bots(request)
    bot.say("/help")
    sends = [p for e, p in request.calls if e == "sendMessage"]
    assert len(sends) == 2 and sends[0]["text"] == sends[1]["text"]  # the same message, retried
    assert not any("抱歉，处理您的消息时出了点问题" in p["text"] for p in request.sent())
