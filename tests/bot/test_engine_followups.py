"""Follow-up questions through the conversation engine: real SQLite registry, hash-embedder knowledge base,
a clock the test moves."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from bot import texts
from bot.engine import Engine
from bot.messages import Incoming, Sender
from ingest.pipeline import prepare
from knowledge.embedders import HashEmbedder
from knowledge.opening import open_knowledge_base
from registry import Registry

SAMPLES = Path(__file__).resolve().parents[2] / "knowledge" / "samples"
ZHANG = Sender("local", "zhang", "张干事")
WANG = Sender("tg", "4242", "王干事")
OVERTIME = "每天最多能加几个小时班？"
FOLLOW_UP = "那女职工呢？"
UNDERSTOOD = "（按“女职工，每天最多能加几个小时班”理解）"
START = datetime(2026, 5, 20, 9, 0)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture(scope="module")
def knowledge(tmp_path_factory):
    d = tmp_path_factory.mktemp("kb")
    kb = open_knowledge_base(
        db_path=d / "k.db", chroma_path=d / "c", chroma_url="", embedder=HashEmbedder(256)
    )
    kb.ingest([prepare(p) for p in SAMPLES.iterdir()])
    return kb


@pytest.fixture
def registry(tmp_path):
    reg = Registry(tmp_path / "registry.db", attachments_dir=tmp_path / "attachments")
    reg.add_union("松北区总工会")
    reg.add_user("zhang", display_name="张干事", role="cadre", union="松北区总工会")
    return reg


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def engine(registry, knowledge, clock):
    return Engine(registry, knowledge, today=lambda: date(2026, 5, 20), clock=clock)


def send(engine: Engine, text: str, sender: Sender = ZHANG):
    return engine.handle(Incoming(sender, text=text))


def test_a_follow_up_is_understood_from_the_previous_question(engine, registry):
    first = send(engine, OVERTIME)
    assert "按“" not in first[0].text and "standalone" not in first[0].extra
    second = send(engine, FOLLOW_UP)
    assert second[0].text.startswith(UNDERSTOOD + "\n")
    assert second[0].extra["standalone"] == "女职工，每天最多能加几个小时班？"
    saved = registry.load_state(ZHANG.key + "|history")
    assert saved["questions"] == [OVERTIME, "女职工，每天最多能加几个小时班？"]
    # the history is kept apart from a form's state: no flow is under way, a form still starts
    assert registry.load_state(ZHANG.key) is None
    assert "竞赛名称" in send(engine, "/register")[0].text


def test_a_self_contained_question_is_answered_as_typed(engine):
    send(engine, OVERTIME)
    reply = send(engine, "工会经费有哪些来源？")[0]
    assert "按“" not in reply.text and "第四十三条" in reply.text


def test_new_starts_afresh(engine, registry):
    send(engine, OVERTIME)
    assert send(engine, "/new")[0].text == texts.NEW_TOPIC
    assert registry.load_state(ZHANG.key + "|history") is None
    assert "按“" not in send(engine, FOLLOW_UP)[0].text


def test_thirty_minutes_of_silence_starts_afresh(engine, clock):
    send(engine, OVERTIME)
    clock.now = START + timedelta(minutes=29)
    assert send(engine, FOLLOW_UP)[0].text.startswith(UNDERSTOOD)  # and this question renews the clock
    clock.now += timedelta(minutes=31)
    assert "按“" not in send(engine, "那未成年工呢？")[0].text


def test_the_history_survives_a_restart_and_belongs_to_one_sender(engine, registry, knowledge, clock):
    send(engine, OVERTIME)
    again = Engine(registry, knowledge, today=lambda: date(2026, 5, 20), clock=clock)
    assert send(again, FOLLOW_UP)[0].text.startswith(UNDERSTOOD)
    assert "按“" not in send(again, FOLLOW_UP, sender=WANG)[0].text  # a stranger has no history here


def test_a_question_in_the_middle_of_a_form_uses_the_history(engine, registry):
    send(engine, OVERTIME)
    send(engine, "/register")
    replies = send(engine, FOLLOW_UP)  # typed at 竞赛名称 instead of a name
    assert replies[0].text.startswith(UNDERSTOOD)
    assert replies[1].text.startswith(texts.BACK_TO_STEP) and "竞赛名称" in replies[1].text
    state = registry.load_state(ZHANG.key)
    assert state["flow"] == "register" and state["step"] == "name"
    # /new during a form forgets the questions, keeps the form and asks its step again
    replies = send(engine, "/new")
    assert replies[0].text == texts.NEW_TOPIC and "竞赛名称" in replies[1].text
    assert registry.load_state(ZHANG.key)["step"] == "name"
