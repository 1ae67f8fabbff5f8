"""Register a labour competition: the fields in the order the issue gives, then 确认 → the registry."""

from __future__ import annotations

from bot import texts
from bot.flows import form
from bot.flows.base import Context, Outcome
from bot.flows.fields import Field, typed
from bot.messages import Button, Reply
from registry.model import COMPETITION_TYPES, OWNERSHIPS
from registry.validation import COMPETITION_FIELDS

# what cadres actually type for 单位性质
OWNERSHIP_ALIASES = {
    "国有": "公有",
    "国企": "公有",
    "集体": "公有",
    "事业单位": "公有",
    "机关": "公有",
    "公有制": "公有",
    "民营": "非公",
    "私营": "非公",
    "民企": "非公",
    "外资": "非公",
    "合资": "非公",
    "个体": "非公",
    "非公有制": "非公",
    "非公企业": "非公",
}
TYPE_ALIASES = {
    "N个一": "节能减排/N个一",
    "节能减排": "节能减排/N个一",
    "合理化建议": "四新合理化建议",
    "六比一创竞赛": "六比一创",
    "五小竞赛": "五小",
    "安康杯竞赛": "安康杯",
}

FIELDS = (
    Field("name", "竞赛名称", "请输入竞赛名称。", example="例如：2026年“安康杯”安全生产知识竞赛"),
    Field(
        "type", "竞赛类型", "请选择竞赛类型：", kind="choice", options=COMPETITION_TYPES, aliases=TYPE_ALIASES
    ),
    Field("type_other", "其他竞赛形式", "请简要说明竞赛类型。", when=lambda d: d.get("type") == "其他"),
    Field("union_name", "主办工会", "请输入主办工会的名称。", example="例如：哈尔滨市建设交通物流工会"),
    Field("unit", "参赛单位", "请输入参赛单位（企业或单位）的名称。"),
    Field(
        "ownership",
        "单位性质",
        "请选择参赛单位的性质：",
        kind="choice",
        options=OWNERSHIPS,
        aliases=OWNERSHIP_ALIASES,
    ),
    Field(
        "project_id",
        "关联重点项目",
        "竞赛是否围绕省百大项目或市重点产业项目开展？请选择或输入项目名称。",
        kind="project",
        optional=True,
        check=False,
    ),
    Field(
        "start", "开始日期", "请输入竞赛开始日期。", kind="date", example="例如：6月1日、2026-06-01、下周一"
    ),
    Field("end", "结束日期", "请输入竞赛结束日期。", kind="date", example="例如：12月31日、明年一月"),
    Field("planned", "计划参赛职工数", "计划有多少名职工参赛？", kind="count", example="例如：200、二百人"),
    Field("total", "单位职工总数", "参赛单位共有多少名职工？", kind="count", example="例如：1,200、一千二百"),
    Field("contact", "联系人", "请输入联系人姓名。"),
    Field(
        "phone", "联系电话", "请输入联系电话（手机或座机）。", example="例如：13904511234 或 0451-84661234"
    ),
    Field("description", "竞赛简介", "请简要介绍竞赛内容、目标和奖励办法。", optional=True, free=True),
)


def _remark(ctx: Context, f: Field, data: dict) -> str:
    if f.key == "union_name" and ctx.registry.find_union(data["union_name"]) is None:
        return texts.UNKNOWN_UNION.format(name=data["union_name"])
    return ""


# how cadres name a field when they correct it in words ("人数写错了，是250人")
LABEL_ALIASES = {
    "名称": "竞赛名称",
    "竞赛名": "竞赛名称",
    "类型": "竞赛类型",
    "工会": "主办工会",
    "主办单位": "主办工会",
    "单位": "参赛单位",
    "单位名称": "参赛单位",
    "企业": "参赛单位",
    "企业名称": "参赛单位",
    "性质": "单位性质",
    "项目": "关联重点项目",
    "重点项目": "关联重点项目",
    "开始": "开始日期",
    "开始时间": "开始日期",
    "起始日期": "开始日期",
    "结束": "结束日期",
    "结束时间": "结束日期",
    "截止日期": "结束日期",
    "人数": "计划参赛职工数",
    "参赛人数": "计划参赛职工数",
    "计划人数": "计划参赛职工数",
    "参赛职工数": "计划参赛职工数",
    "职工数": "单位职工总数",
    "职工总数": "单位职工总数",
    "总人数": "单位职工总数",
    "电话": "联系电话",
    "手机": "联系电话",
    "手机号": "联系电话",
    "电话号码": "联系电话",
    "简介": "竞赛简介",
}


def _warn(ctx: Context, data: dict, changed: set) -> Reply | None:
    """The same unit, name and start as an existing registration: say so as soon as all three are known
    (the registry would refuse it at 确认 anyway), with buttons to change the name or the start."""
    if not changed & {"unit", "name", "start"} or not all(data.get(k) for k in ("unit", "name", "start")):
        return None
    values = typed(data)
    old = ctx.registry.find_duplicate(unit=values["unit"], name=values["name"], start=values["start"])
    if old is None:
        return None
    text = texts.DUPLICATE_EARLY.format(reg_no=old.reg_no, name=old.name, unit=old.unit, start=old.start)
    buttons = tuple(
        Button(texts.CHANGE_FIELD.format(label=label), f"fix:{key}")
        for key, label in (("name", "竞赛名称"), ("start", "开始日期"))
    )
    return Reply(text, (*buttons, Button(texts.CANCEL_BUTTON, "cancel")))


def _submit(ctx: Context, data: dict) -> Outcome:
    from registry.errors import DuplicateCompetition

    values = typed(data)
    record = {k: values.get(k) for k in COMPETITION_FIELDS}
    try:
        comp = ctx.registry.register_competition(record, by=ctx.member)
    except DuplicateCompetition as exc:
        old = exc.existing
        text = texts.DUPLICATE.format(reg_no=old.reg_no, name=old.name, unit=old.unit, start=old.start)
        return Outcome([Reply(text, (Button(texts.OPEN_EXISTING, f"/open c {old.id}"),))])
    buttons = (Button(texts.RECORD_ACTIVITY, "/activity"), Button(texts.MY_RECORDS, "/my"))
    text = "\n".join((texts.REGISTERED.format(reg_no=comp.reg_no), texts.REGISTERED_NEXT))
    return Outcome([Reply(text, buttons, extra={"reg_no": comp.reg_no, "competition_id": comp.id})])


FORM = form.Form(
    name="register",
    intro=texts.REGISTER_INTRO,
    fields=FIELDS,
    submit=_submit,
    remark=_remark,
    aliases=LABEL_ALIASES,
    warn=_warn,
)
