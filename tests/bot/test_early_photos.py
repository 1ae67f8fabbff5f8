"""Photos sent before the photo step of /activity, or at its summary, are kept (issue 8, item 14): the
engine driven directly over a real SQLite registry, as the Telegram adapter drives it."""

from __future__ import annotations

from datetime import date

import pytest

from bot.engine import Engine
from bot.messages import Incoming, InFile, Reply, Sender
from registry import Registry

TODAY = date(2026, 5, 20)
ZHANG = Sender("local", "zhang", "张干事")


class _NoKnowledge:
    """The activity form never asks the knowledge base; a question would fail loudly here."""

    def __getattr__(self, name: str):
        raise AssertionError(f"the knowledge base was used: {name}")


@pytest.fixture
def registry(tmp_path):
    reg = Registry(tmp_path / "registry.db", attachments_dir=tmp_path / "attachments")
    reg.add_union("松北区总工会")
    reg.add_user("zhang", display_name="张干事", role="cadre", union="松北区总工会")
    return reg


@pytest.fixture
def engine(registry):
    return Engine(registry, _NoKnowledge(), today=lambda: TODAY)


def send(engine: Engine, text: str = "", *, file: InFile | None = None) -> str:
    replies: list[Reply] = engine.handle(Incoming(ZHANG, text=text, file=file))
    return "\n".join(r.text for r in replies)


def photo(name: str) -> InFile:
    return InFile(name, b"\xff\xd8" + name.encode(), "image/jpeg")


def test_a_photo_before_the_photo_step_is_kept_for_it_and_saved(engine, registry):
    send(engine, "/activity")
    send(engine, "动员会")
    early = send(engine, file=photo("会场.jpg"))
    assert "已收到照片“会场.jpg”，将在“照片或附件”一步附上" in early
    assert "活动是哪一天举行的？" in early  # the same step is asked again, nothing skipped
    send(engine, "2026年5月26日")
    send(engine, file=photo("签到.jpg"))
    send(engine, "哈尔滨电机厂职工活动中心")
    send(engine, "一百二十人")
    at_step = send(engine, "召开竞赛动员会，各车间表态发言。")
    assert "属于哪个竞赛" in at_step
    at_step = send(engine, "跳过")
    assert "如有照片或文件，请直接发送" in at_step and "当前填写：会场.jpg、签到.jpg" in at_step
    send(engine, file=photo("合影.jpg"))
    summary = send(engine, "完成")
    assert "照片或附件：会场.jpg、签到.jpg、合影.jpg" in summary
    assert "附件 3 个" in send(engine, "确认")
    [act] = registry.activities(user=registry.get_user("zhang"))
    assert [a.filename for a in act.attachments] == ["会场.jpg", "签到.jpg", "合影.jpg"]


def test_a_photo_at_the_summary_is_attached_not_thrown_away(engine):
    for answer in (
        "/activity",
        "座谈会",
        "2026-05-26",
        "职工之家",
        "30",
        "座谈交流竞赛经验。",
        "跳过",
        "跳过",
    ):
        summary = send(engine, answer)
    assert "请核对以下信息" in summary and "照片或附件：无" in summary
    late = send(engine, file=photo("座谈.jpg"))
    assert "已收到照片“座谈.jpg”，已附在“照片或附件”中" in late
    assert "照片或附件：座谈.jpg" in late and "请核对以下信息" in late
    assert "附件 1 个" in send(engine, "确认")


def test_a_form_without_a_photo_step_still_says_no_file_is_needed(engine):
    send(engine, "/register")
    assert "现在还不需要上传文件" in send(engine, file=photo("方案.jpg"))
