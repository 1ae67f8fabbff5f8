"""A trainee completes a course by chat — on Telegram at the wire (the Bot API's real limits) and in the
terminal — and gets the certificate PDF; a restart mid-quiz resumes the same question; progress is the same
on every channel."""

from __future__ import annotations

import asyncio
import io
import re

import pytest
from telegram import Update

from bot.keys import ButtonMode
from bot.messages import Incoming, Sender
from bot.telegram_adapter import build_application
from bot.terminal import run_chat
from service.composition import Application
from service.settings import Settings
from tests.course_setup import TITLE, Answers, publish_course

from .fake_telegram import RecordingRequest, button_update, keyboard_of, text_update

TOKEN = "123456:TEST"
QUESTION = re.compile(r"^(第 \d+/\d+ 题|复习错题)", re.M)


def make_app(data_dir) -> Application:
    return Application(Settings.from_env({}, data_dir=data_dir, embedder="hash"))


@pytest.fixture
def app(tmp_path):
    application = make_app(tmp_path)
    application.registry.add_user("trainer", display_name="李老师", role="trainer")
    return application


@pytest.fixture
def course(app):
    return publish_course(app, app.registry.get_user("trainer"))


def answers(app, course) -> Answers:
    return Answers(app, app.registry.get_user("trainer"), course.id)


class Telegram:
    """One Telegram user (not in the registry) talking to the bot through python-telegram-bot."""

    def __init__(self, application: Application, uid: int = 4242) -> None:
        self.request = RecordingRequest()
        self.bot = build_application(application.engine, token=TOKEN, request=self.request)
        self.uid, self.update_id = uid, 0
        self.loop = asyncio.new_event_loop()
        self.loop.run_until_complete(self.bot.initialize())

    def close(self) -> None:
        self.loop.run_until_complete(self.bot.shutdown())
        self.loop.close()

    def _feed(self, update: dict) -> None:
        self.loop.run_until_complete(self.bot.process_update(Update.de_json(update, self.bot.bot)))

    def say(self, text: str) -> None:
        self.update_id += 1
        self._feed(text_update(self.update_id, text, uid=self.uid))

    def press(self, label: str) -> str:
        keyboards = [keyboard_of(p) for p in self.request.sent() if keyboard_of(p)]
        data = next(d for text, d in keyboards[-1] if text == label)
        self.update_id += 1
        self._feed(button_update(self.update_id, data, uid=self.uid))
        return data

    def texts(self) -> list[str]:
        return [p.get("text", p.get("caption", "")) for p in self.request.sent()]

    def question(self) -> str:
        return next(t for t in reversed(self.texts()) if QUESTION.search(t))


def act(chat: Telegram, how: tuple[str, str]) -> None:
    kind, what = how
    chat.press(what) if kind == "press" else chat.say(what)


def test_a_stranger_joins_on_telegram_completes_the_course_and_gets_the_certificate(app, course, cjk_font):
    key = answers(app, course)
    chat = Telegram(app)
    try:
        chat.say(f"/join {course.invite_code}")
        assert f"已加入课程《{TITLE}》" in chat.texts()[-2]
        chat.say("哈尔滨某某科技有限公司")
        assert "已记录所在企业：哈尔滨某某科技有限公司" in chat.texts()[-1]
        user = app.registry.user_by_identity("tg", "4242")
        assert user is not None and user.role == "trainee" and user.union_id is None  # outside the union tree

        chat.say("/learn")
        assert "第 1/2 课" in chat.texts()[-1] and "要点" in chat.texts()[-1]
        chat.press("开始答题")
        total = app.training.progress(user, course.id).total
        assert total >= 2
        act(chat, key.wrong(chat.question()))  # the first one missed on purpose
        assert "❌" in chat.texts()[-2] and "第十" in chat.texts()[-2]  # feedback quotes the article
        for _ in range(4 * total):
            if app.training.next_item(user, course.id) is None:
                break
            act(chat, key.right(chat.question()))
        progress = app.training.progress(user, course.id)
        assert progress.completed and progress.correct == total - 1
        assert any(f"得分 {progress.score} 分" in t for t in chat.texts())
        missed = key.item_in(chat.texts()[chat.texts().index(next(t for t in chat.texts() if "❌" in t)) - 1])
        again = [t for t in chat.texts() if t.startswith("复习错题") and key.item_in(t) == missed]
        assert again  # the missed question came back later
        documents = [p for e, p in chat.request.accepted if e == "sendDocument"]
        assert len(documents) == 1 and "验证码" in documents[0]["caption"]
        (_, pdf, _), *_ = documents[0]["_files"].values()
        assert pdf.startswith(b"%PDF")
        code = re.search(r"验证码 (\S+)（", documents[0]["caption"])[1]
        assert app.training.verify(code).holder == user.display_name
        every_button = [d for p in chat.request.sent() for _, d in keyboard_of(p)]
        assert every_button and all(len(d.encode()) <= 64 for d in every_button)
        assert not chat.request.errors, chat.request.errors
    finally:
        chat.close()


def test_the_terminal_trainee_completes_the_course_typing_numbers(app, course, tmp_path):
    """The terminal has no buttons: choices are typed as the numbers shown."""
    key = answers(app, course)
    out = io.StringIO()

    class Person(io.StringIO):
        """Reads what the assistant printed and types the next line, as a trainee would."""

        lines = iter([f"/join {course.invite_code}", "跳过", "/learn", "/quiz"])

        def readline(self) -> str:
            planned = next(self.lines, None)
            if planned is not None:
                return planned + "\n"
            shown = out.getvalue()
            if "培训证书已发送" in shown:
                return ""
            last = shown[shown.rfind("题（") - 10 :]
            kind, what = key.right(last)
            if kind == "press":  # "1. 二十五  2. 十" → type the number before the label
                what = re.findall(rf"(\d+)\. {re.escape(what)}(?:\s|$)", last)[-1]
            return what + "\n"

    sender = Sender("local", "wang", "王芳")
    run_chat(app.engine, sender=sender, stdin=Person(), stdout=out, out_dir=tmp_path / "out")
    text = out.getvalue()
    assert f"已加入课程《{TITLE}》" in text and "得分 100 分" in text
    saved = list((tmp_path / "out").iterdir())
    assert len(saved) == 1 and saved[0].suffix == ".pdf" and saved[0].read_bytes().startswith(b"%PDF")
    assert f"文件已保存到：{saved[0]}" in text


def test_a_restart_mid_quiz_resumes_the_same_question_on_every_channel(app, course, tmp_path):
    key = answers(app, course)
    sender = Sender("tg", "4242", "张伟")
    engine = app.engine

    def say(eng, text=None, choice=None):
        return eng.handle(Incoming(sender, text=text or "", choice=choice), buttons=ButtonMode.NUMBERS)

    say(engine, f"/join {course.invite_code}")
    say(engine, "跳过")
    first = say(engine, "/quiz")[-1].text
    kind, what = key.right(first)
    if kind == "press":
        what = next(b.value for b in say(engine, "/quiz")[-1].buttons if b.label == what)
    shown = say(engine, what)[-1].text  # answered: the second question is on screen
    assert QUESTION.search(shown) and key.item_in(shown) != key.item_in(first)

    again = make_app(tmp_path).engine  # a new process on the same files
    resumed = again.resume(sender, buttons=ButtonMode.NUMBERS)
    assert resumed and "继续上次未完成的培训" in resumed[0].text
    assert key.item_in(resumed[0].text) == key.item_in(shown)
    # the same question on the web console's chat, which is another conversation of the same person
    user = app.registry.user_by_identity("tg", "4242")
    web = Sender("web", user.name)
    on_web = again.handle(Incoming(web, text="/quiz"))[-1].text
    assert key.item_in(on_web) == key.item_in(shown)


def test_quiz_commands_need_a_course_and_bad_codes_are_refused_politely(app, course):
    sender = Sender("tg", "999", "游客")
    engine = app.engine
    assert "/join 邀请码" in engine.handle(Incoming(sender, text="/quiz"))[-1].text
    refused = engine.handle(Incoming(sender, text="/join ZZZZZZ"))[-1].text
    assert refused.startswith("抱歉，") and "邀请码" in refused
    assert app.registry.user_by_identity("tg", "999") is None  # a wrong code leaves no account behind
    assert "课程邀请码" in engine.handle(Incoming(sender, text="/join"))[-1].text


def test_the_bundled_course_on_telegram_choices_are_buttons_and_steps_are_typed(tmp_path):
    """The bundled 非公企业工会干部入门 has every kind: 单选 is pressed, 排序 typed as step numbers."""
    from service.documents import prepare_all, sample_files

    application = make_app(tmp_path)
    application.knowledge.ingest(prepare_all(sample_files(), application.settings))
    admin = application.registry.ensure_local_admin()
    course = application.training.course(admin, application.training.load_sample_course(admin))
    key = Answers(application, admin, course.id)
    kinds = {i.kind.value for i in key.items}
    assert {"choice", "order", "judge", "cloze"} <= kinds
    chat = Telegram(application, uid=5151)
    try:
        chat.say(f"/join {course.invite_code}")
        chat.press("跳过")
        chat.say("/quiz")
        user = application.registry.user_by_identity("tg", "5151")
        for _ in range(100):
            if application.training.next_item(user, course.id) is None:
                break
            act(chat, key.right(chat.question()))
        assert application.training.progress(user, course.id).score == 100
        assert sum(1 for e, _ in chat.request.accepted if e == "sendDocument") == 1
        shown = "\n".join(chat.texts())
        assert "（单选）" in shown and "（排序）" in shown and "请按正确顺序回复步骤编号" in shown
        every_button = [d for p in chat.request.sent() for _, d in keyboard_of(p)]
        assert all(len(d.encode()) <= 64 for d in every_button) and not chat.request.errors
    finally:
        chat.close()


def test_other_commands_wait_for_the_quiz_and_cancel_keeps_the_progress(app, course):
    sender = Sender("tg", "777", "刘洋")
    engine = app.engine
    engine.handle(Incoming(sender, text=f"/join {course.invite_code}"))
    engine.handle(Incoming(sender, text="跳过"))
    asked = engine.handle(Incoming(sender, text="/quiz"))[-1].text
    busy = engine.handle(Incoming(sender, text="/register"))[-1].text
    assert busy.startswith("您正在培训") and asked.split("\n")[1] in busy  # the question is shown again
    assert "进度已保存" in engine.handle(Incoming(sender, text="/cancel"))[-1].text
    assert app.registry.load_state(sender.key) is None
    assert engine.handle(Incoming(sender, text="/quiz"))[-1].text == asked  # the same question, not counted


def test_an_answer_typed_for_a_question_answered_on_another_channel_is_not_counted(app, course):
    key = answers(app, course)
    tg = Sender("tg", "888", "陈静")
    engine = app.engine
    engine.handle(Incoming(tg, text=f"/join {course.invite_code}"))
    engine.handle(Incoming(tg, text="跳过"))
    first = engine.handle(Incoming(tg, text="/quiz"))[-1].text
    user = app.registry.user_by_identity("tg", "888")
    web = Sender("web", user.name)
    on_web = engine.handle(Incoming(web, text="/quiz"))[-1].text
    assert key.item_in(on_web) == key.item_in(first)
    engine.handle(Incoming(web, text=key.right(on_web)[1]))  # answered on the web (a cloze: typed)
    before = app.training.progress(user, course.id)
    replies = engine.handle(Incoming(tg, text=key.right(first)[1]))  # the old question, typed on Telegram
    assert replies[0].text.startswith("这道题已经作答过了") and key.item_in(replies[-1].text) != key.item_in(
        first
    )
    assert app.training.progress(user, course.id).answered == before.answered  # nothing counted


def test_the_next_lesson_is_kept_in_training_db_across_a_restart_and_channels(app, course, tmp_path):
    telegram = Telegram(app)
    try:
        telegram.say(f"/join {course.invite_code}")
        telegram.say("跳过")
        telegram.say("/learn")
        assert "第 1/2 课" in telegram.texts()[-1]
    finally:
        telegram.close()
    user = app.registry.user_by_identity("tg", "4242")
    app.close()

    again = make_app(tmp_path)  # a restart: only the files remain
    try:
        [enrolment] = again.training.enrolments(user)
        assert enrolment.lessons_read == 1
        # the same person on the web channel (another identity of the same account) goes on at lesson 2
        web = again.engine.handle(Incoming(Sender("web", user.name, user.display_name), "/learn"))
        assert "第 2/2 课" in web[-1].text
        done = again.engine.handle(Incoming(Sender("web", user.name, user.display_name), "/learn"))
        assert "开始答题" in " ".join(b.label for r in done for b in r.buttons)
        assert "第 1/2 课" not in done[-1].text and "第 2/2 课" not in done[-1].text
        # asking for a lesson by number reads it again without moving the mark back
        again.engine.handle(Incoming(Sender("web", user.name, user.display_name), f"/learn {course.id} 1"))
        assert again.training.enrolments(user)[0].lessons_read == 2
        trainer = again.registry.get_user("trainer")
        [row] = again.training.report(trainer, course.id).trainees
        assert row.lessons_read == 2  # the trainer sees how far she read
        import openpyxl

        sheet = openpyxl.load_workbook(io.BytesIO(again.training.export_report(trainer, course.id)))[
            "学员进度"
        ]
        header, *rows = sheet.iter_rows(values_only=True)
        assert header[-1] == "已读课时" and rows[0][-1] == 2
    finally:
        again.close()
