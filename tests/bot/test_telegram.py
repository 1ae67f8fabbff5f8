"""The Telegram adapter, tested the way python-telegram-bot tests itself: a recording request object
and `process_update`; plus one smoke run of a whole registration against a loopback Bot API server."""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import replace

import pytest
from telegram import Update

from bot.telegram_adapter import COMMANDS, _set_commands, build_application
from service.composition import Application
from service.settings import Settings
from tests.scripts import WELDERS

from .fake_telegram import FakeBotApi, RecordingRequest, button_update, text_update

TOKEN = "123456:TEST"


def _engine(settings):
    return Application(settings).engine


def _registry(settings):
    return Application(settings).registry


@pytest.fixture
def settings(tmp_path) -> Settings:
    s = Settings.from_env({}, data_dir=tmp_path, embedder="hash")
    registry = _registry(s)
    registry.add_union("哈尔滨市总工会")
    registry.add_user(
        "tg:42", display_name="张三", role="cadre", union="哈尔滨市总工会", identity=("tg", "42")
    )
    return s


def run(coro):
    return asyncio.run(coro)


async def _feed(app, updates) -> None:
    async with app:
        for u in updates:
            await app.process_update(Update.de_json(u, app.bot))


def test_start_gets_an_introduction_in_chinese(settings):
    request = RecordingRequest()
    app = build_application(_engine(settings), token=TOKEN, request=request)
    run(_feed(app, [text_update(1, "/start")]))
    sent = request.sent()
    assert sent and sent[0]["chat_id"] == 42
    assert "工会" in sent[0]["text"]


def test_choices_become_inline_buttons_and_button_presses_answer(settings):
    request = RecordingRequest()
    app = build_application(_engine(settings), token=TOKEN, request=request)
    run(
        _feed(
            app,
            [text_update(1, "/register"), text_update(2, "2026年职工技能大赛"), button_update(3, "技术比武")],
        )
    )
    endpoints = [e for e, _ in request.calls]
    assert "answerCallbackQuery" in endpoints
    markup = [p["reply_markup"] for p in request.sent() if p.get("reply_markup")]
    labels = [b["text"] for row in json.loads(json.dumps(markup[0]))["inline_keyboard"] for b in row]
    assert "安康杯" in labels and "技术比武" in labels
    assert "技术比武" in request.sent()[-1]["text"]


def test_unknown_telegram_user_is_told_how_to_get_access(tmp_path):
    s = Settings.from_env({}, data_dir=tmp_path, embedder="hash")
    request = RecordingRequest()
    app = build_application(_engine(s), token=TOKEN, request=request)
    run(_feed(app, [text_update(1, "/register", uid=99)]))
    assert "邀请码" in request.sent()[-1]["text"] or "管理员" in request.sent()[-1]["text"]


def test_command_menu_is_set_at_start_up(settings):
    request = RecordingRequest()
    app = build_application(_engine(settings), token=TOKEN, request=request)

    async def go():
        async with app:
            await _set_commands(app)

    run(go())
    params = next(p for e, p in request.calls if e == "setMyCommands")
    assert [c["command"] for c in params["commands"]] == [name for name, _ in COMMANDS]


def test_errors_apologise_to_the_user_and_log(settings, caplog):
    class Broken:
        def handle(self, msg, *, buttons=None):
            raise RuntimeError("boom")

        def may_send_files(self, sender):
            return False

    request = RecordingRequest()
    app = build_application(Broken(), token=TOKEN, request=request)
    run(_feed(app, [text_update(1, "你好")]))
    assert "抱歉" in request.sent()[-1]["text"]
    assert "telegram update failed" in caplog.text


def test_whole_registration_against_a_loopback_bot_api(settings):
    typed = replace(WELDERS, union="哈尔滨市总工会", ownership="公有").typed()
    pressed = {3, 6}  # the type and the ownership are buttons
    script = [
        *(button_update(n, t) if n in pressed else text_update(n, t) for n, t in enumerate(typed, 1)),
        button_update(len(typed) + 1, "确认"),
    ]

    async def go(api: FakeBotApi):
        app = build_application(_engine(settings), token=TOKEN, base_url=f"http://127.0.0.1:{api.port}/bot")
        async with app:
            await app.start()
            await app.updater.start_polling(poll_interval=0.0, timeout=1)
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and not any("JS-2026-" in t for t in api.sent_texts()):
                await asyncio.sleep(0.1)
            await app.updater.stop()
            await app.stop()

    with FakeBotApi() as api:
        api.updates = script
        run(go(api))
        texts = api.sent_texts()
    assert any("JS-2026-0001" in t for t in texts), texts[-3:]
    assert [m for m, _ in api.calls][0] == "getMe"
    registry = _registry(settings)
    user = registry.get_user("tg:42")
    [competition] = registry.competitions(user=user)
    assert (competition.planned, competition.total, str(competition.start)) == (200, 1200, "2026-06-01")


def test_photos_sent_while_recording_an_activity_are_saved(settings):
    import hashlib

    from .fake_telegram import PHOTO, photo_update

    request = RecordingRequest()
    app = build_application(_engine(settings), token=TOKEN, request=request)
    script = [
        text_update(1, "/activity"),
        button_update(2, "动员会"),
        text_update(3, "2026年5月26日"),
        text_update(4, "哈尔滨电机厂职工活动中心"),
        text_update(5, "一百二十人"),
        text_update(6, "召开竞赛动员会，宣读竞赛方案。"),
        text_update(7, "跳过"),
        photo_update(8),
        text_update(9, "完成"),
        text_update(10, "确认"),
    ]
    run(_feed(app, script))
    downloads = [p["url"] for e, p in request.calls if e == "download"]
    assert [u.replace("%3A", ":") for u in downloads] == [
        "https://api.telegram.org/file/bot123456:TEST/photos/file_1.jpg"
    ]
    assert "活动已记录" in request.sent()[-1]["text"], [p["text"] for p in request.sent()][-3:]
    registry = _registry(settings)
    [activity] = registry.activities(user=registry.get_user("tg:42"))
    [attachment] = activity.attachments
    assert attachment.sha256 == hashlib.sha256(PHOTO).hexdigest() and attachment.size == len(PHOTO)
    assert registry.attachment_path(attachment.path).read_bytes() == PHOTO


def test_a_question_gets_an_answer_with_citations(settings):
    from pathlib import Path

    from ingest.pipeline import prepare

    law = Path(__file__).resolve().parents[2] / "knowledge" / "samples" / "01_gonghuifa_2021.md"
    Application(settings).knowledge.ingest([prepare(law)])
    request = RecordingRequest()
    app = build_application(_engine(settings), token=TOKEN, request=request)
    run(_feed(app, [text_update(1, "工会经费有哪些来源？")]))
    text = request.sent()[-1]["text"]
    assert "百分之二" in text and "引用" in text and "[1] 《工会法》第四十三条" in text


def test_export_sends_the_spreadsheets_as_documents(settings):
    request = RecordingRequest()
    app = build_application(_engine(settings), token=TOKEN, request=request)
    run(_feed(app, [text_update(1, "/export")]))
    documents = [p for e, p in request.calls if e == "sendDocument"]
    assert len(documents) == 2
    names = [part[0] for p in documents for part in p["_files"].values()]
    assert len(names) == 2 and all(n.endswith(".xlsx") for n in names), names
    workbook = next(iter(documents[0]["_files"].values()))[1]
    assert workbook[:2] == b"PK"  # a real XLSX (zip) travels, not a placeholder
