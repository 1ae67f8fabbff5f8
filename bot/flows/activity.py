"""Record an activity (动员会, 培训, 技术比武 …), optionally linked to a competition, with photos."""

from __future__ import annotations

import base64

from bot import texts
from bot.flows import form
from bot.flows.base import Context, Outcome
from bot.flows.fields import Field, typed
from bot.messages import Button, Reply
from registry.model import ACTIVITY_KINDS
from registry.validation import ACTIVITY_FIELDS

KIND_ALIASES = {
    "动员大会": "动员会",
    "座谈": "座谈会",
    "启动仪式": "启动会",
    "倡议": "倡议书",
    "标语": "宣传",
    "板报": "宣传",
    "专栏": "宣传",
    "新媒体": "宣传",
    "技能培训": "培训",
    "表彰会": "表彰",
    "表彰大会": "表彰",
}

FIELDS = (
    Field(
        "kind", "活动形式", "请选择活动形式：", kind="choice", options=ACTIVITY_KINDS, aliases=KIND_ALIASES
    ),
    Field("kind_other", "其他活动形式", "请简要说明活动形式。", when=lambda d: d.get("kind") == "其他"),
    Field("date", "活动日期", "活动是哪一天举行的？", kind="date", example="例如：昨天、5月26日、2026-05-26"),
    Field("place", "活动地点", "活动在什么地点举行？"),
    Field("participants", "参加人数", "共有多少人参加？", kind="count", example="例如：80、一百二十人"),
    Field("summary", "活动内容", "请简要介绍活动内容和效果。", free=True),
    Field(
        "competition_id",
        "关联竞赛",
        "这次活动属于哪个竞赛？请选择（不属于任何已登记竞赛可回复“跳过”）。",
        kind="competition",
        optional=True,
        check=False,
    ),
    Field(
        "files",
        "照片或附件",
        "如有照片或文件，请直接发送（可发多个），发送完毕回复“完成”；没有请回复“跳过”。",
        kind="files",
        optional=True,
        check=False,
    ),
)


def _organiser(ctx: Context, data: dict) -> str | None:
    """Not asked (the issue's order has no such step): the linked competition's union, else the user's."""
    if data.get("competition_id"):
        try:
            return ctx.registry.competition(data["competition_id"], user=ctx.member).union_name
        except Exception:  # the registry re-checks the link on save; a name is only a convenience here
            pass
    union_id = getattr(ctx.user, "union_id", None)
    union = ctx.registry.union_by_id(union_id) if union_id is not None else None
    return union.name if union else None


def files_of(data: dict) -> list[tuple[str, bytes]]:
    return [(f["filename"], base64.b64decode(f["b64"])) for f in data.get("files") or []]


def _submit(ctx: Context, data: dict) -> Outcome:
    values = typed(data)
    record = {k: values.get(k) for k in ACTIVITY_FIELDS}
    record["organiser"] = _organiser(ctx, data)
    act = ctx.registry.record_activity(record, by=ctx.member, files=files_of(data))
    n = len(act.attachments)
    text = texts.ACTIVITY_SAVED.format(
        date=act.date.isoformat(),
        kind=act.kind,
        participants=act.participants,
        files=texts.FILES_SAVED.format(n=n) if n else "",
    )
    buttons = (Button(texts.MY_RECORDS, "/my"),)
    return Outcome([Reply(text, buttons, extra={"activity_id": act.id})])


LABEL_ALIASES = {
    "形式": "活动形式",
    "类型": "活动形式",
    "日期": "活动日期",
    "时间": "活动日期",
    "地点": "活动地点",
    "人数": "参加人数",
    "参会人数": "参加人数",
    "内容": "活动内容",
    "竞赛": "关联竞赛",
}
FORM = form.Form(
    name="activity", intro=texts.ACTIVITY_INTRO, fields=FIELDS, submit=_submit, aliases=LABEL_ALIASES
)
