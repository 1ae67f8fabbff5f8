"""Items an LLM proposes for a lesson (issue 11): a real Application whose GONGHUI_LLM_* point at a
loopback OpenAI-compatible server; what the model proposes passes the same verification as the rule-made
items or is dropped, and a failing endpoint leaves the rule-made items alone."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("langchain_openai", reason="the llm extra is not installed")

from service.composition import Application  # noqa: E402
from service.settings import Settings  # noqa: E402
from tests.course_setup import LAW  # noqa: E402
from tests.fakes.openai_server import FakeOpenAI, Reply  # noqa: E402
from training.corpus import Passage  # noqa: E402
from training.model import ItemKind  # noqa: E402
from training.proposals import _array, to_item  # noqa: E402

FUNDS = "工会经费主要用于为职工服务和工会活动。"
TWO = "建立工会组织的用人单位按每月全部职工工资总额的百分之二向工会拨缴的经费；"
PROPOSALS = [
    # kept: the answer stands in the quote
    {"kind": "cloze", "stem": "工会经费主要用于为职工服务和____。", "answer": "工会活动", "quote": FUNDS},
    # kept: a false statement that changes one quantity and occurs in no document
    {
        "kind": "judge",
        "statement": "建立工会组织的用人单位按每月全部职工工资总额的百分之三向工会拨缴经费。",
        "answer": False,
        "quote": TWO,
    },
    # dropped: "false", yet the document says exactly this
    {"kind": "judge", "statement": FUNDS, "answer": False, "quote": FUNDS},
    # dropped: the answer put back does not give the quote
    {
        "kind": "cloze",
        "stem": "建立工会组织的用人单位按每月全部职工工资总额的百分之____向工会拨缴的经费",
        "answer": "五",
        "quote": TWO,
    },
    # dropped: a quote the article does not contain (made up)
    {
        "kind": "cloze",
        "stem": "会员每月缴纳会费____元。",
        "answer": "一百",
        "quote": "会员每月缴纳会费一百元。",
    },
    # dropped: the same option twice
    {
        "kind": "choice",
        "stem": "工会经费主要用于为职工服务和____。",
        "options": ["工会活动", "工会活动", "职工福利"],
        "answer": "工会活动",
        "quote": FUNDS,
    },
]


@pytest.fixture(scope="module")
def llm():
    with FakeOpenAI() as server:
        yield server


@pytest.fixture
def app(llm, tmp_path):
    settings = Settings(
        data_dir=tmp_path, embedder="none", llm_base_url=llm.base_url, llm_model="fake", llm_timeout=5.0
    )
    application = Application(settings)
    from ingest.pipeline import prepare

    application.knowledge.ingest([prepare(LAW)])
    trainer = application.registry.add_user("teacher", display_name="李老师", role="trainer")
    yield application, trainer
    application.close()


def test_proposals_join_the_lesson_only_when_they_pass_verification(app, llm):
    application, trainer = app
    llm.script(Reply(json.dumps(PROPOSALS, ensure_ascii=False)))
    course = application.training.create_course(trainer, "经费", parts=["工会法 第四十三条"])
    items = application.training.items(trainer, course.id)
    questions = [i.question for i in items]
    prompt = llm.requests[-1]["messages"][-1]["content"]
    assert "百分之二" in prompt and "第四十三条" in prompt  # the model saw the article
    assert any(q.endswith("工会经费主要用于为职工服务和____。") and "填空" in q for q in questions)
    assert any("百分之三" in q for q in questions)
    assert not any(i.answer == "五" for i in items)
    assert not any("会费____元" in q for q in questions)
    assert not [i for i in items if i.kind is ItemKind.JUDGE and i.answer is False and FUNDS in i.question]
    assert not [i for i in items if i.kind is ItemKind.CHOICE and "职工福利" in i.options]
    # the rule-made item on the same article is still there (百分之二 as a blank or a statement)
    assert len(items) >= 3


@pytest.mark.parametrize(
    "reply", [Reply(status=500), Reply("我不会出题。"), Reply('[{"kind": "cloze"', broken=True)]
)
def test_a_failing_or_useless_reply_leaves_the_rule_made_items(app, llm, reply):
    application, trainer = app
    llm.script(reply)
    course = application.training.create_course(trainer, "经费", parts=["工会法 第四十三条"])
    items = application.training.items(trainer, course.id)
    assert items and not any(i.answer == "工会活动" for i in items)


def test_malformed_proposals_are_no_items():
    passage = Passage(doc_id=1, title="工会法", name="工会法", headings=(), article="第四十三条", text=FUNDS)
    assert _array('```json\n[1, "x", {"kind": "cloze"}]\n```') == [{"kind": "cloze"}]
    assert _array("not json [") == []
    assert to_item({"kind": "cloze", "quote": FUNDS}, passage) is None  # no stem, no answer
    assert to_item({"kind": "essay", "quote": FUNDS}, passage) is None
    assert to_item({"kind": "judge", "statement": "x", "answer": "true", "quote": FUNDS}, passage) is None
    order = to_item({"kind": "order", "steps": ["甲", "乙", "丙"], "quote": FUNDS}, passage)
    assert (
        order is not None and order.options != order.answer and sorted(order.options) == sorted(order.answer)
    )
