"""Field-by-field validation: a value in, its normalised form out, or InvalidValue with a Chinese
reason that names the problem. Pure functions; the look-ups that need the database live in Registry."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from registry.errors import InvalidValue
from registry.model import ACTIVITY_KINDS, COMPETITION_TYPES, OWNERSHIPS
from registry.text import clean, halfwidth, key

LABELS = {
    "name": "竞赛名称",
    "type": "竞赛类型",
    "type_other": "其他竞赛形式",
    "level": "竞赛级别",
    "union_name": "主办工会",
    "unit": "参赛单位",
    "ownership": "单位性质",
    "industry": "所属行业",
    "project_id": "关联重点项目",
    "start": "开始日期",
    "end": "结束日期",
    "planned": "计划参赛职工数",
    "total": "单位职工总数",
    "contact": "联系人",
    "phone": "联系电话",
    "description": "竞赛简介",
    "kind": "活动形式",
    "kind_other": "其他活动形式",
    "date": "活动日期",
    "place": "活动地点",
    "organiser": "组织单位",
    "participants": "参加人数",
    "summary": "活动内容",
    "competition_id": "关联竞赛",
}
# the order a whole record is checked in, so that end sees start and total sees planned
COMPETITION_FIELDS = (
    "name",
    "type",
    "type_other",
    "level",
    "union_name",
    "unit",
    "ownership",
    "industry",
    "project_id",
    "start",
    "end",
    "planned",
    "total",
    "contact",
    "phone",
    "description",
)
REQUIRED_COMPETITION = frozenset(
    {
        "name",
        "type",
        "union_name",
        "unit",
        "ownership",
        "start",
        "end",
        "planned",
        "total",
        "contact",
        "phone",
    }
)
ACTIVITY_FIELDS = (
    "kind",
    "kind_other",
    "date",
    "place",
    "organiser",
    "participants",
    "summary",
    "competition_id",
)
REQUIRED_ACTIVITY = frozenset({"kind", "date", "place", "participants", "summary"})

MAX_LENGTH = {"description": 2000, "summary": 2000, "contact": 30}
MAX_COUNT = 1_000_000


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not clean(value))


def text(field: str, value: object, *, required: bool) -> str | None:
    if is_blank(value):
        if required:
            raise InvalidValue(field, f"请填写{LABELS[field]}。")
        return None
    result = clean(value)
    limit = MAX_LENGTH.get(field, 100)
    if len(result) > limit:
        raise InvalidValue(field, f"{LABELS[field]}太长了（{len(result)} 个字），请控制在 {limit} 字以内。")
    return result


_DATE_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


def as_date(field: str, value: object) -> dt.date:
    """Dates arrive as date objects from the chat engine; ISO-like text is accepted for the CLI and imports."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        if not 1990 <= value.year <= 2100:
            raise InvalidValue(field, f"{LABELS[field]}的年份 {value.year} 不太对，请核对后重新填写。")
        return value
    if isinstance(value, str) and (m := _DATE_TEXT.match(halfwidth(value).strip())):
        try:
            return as_date(field, dt.date(*(int(g) for g in m.groups())))
        except ValueError:
            raise InvalidValue(
                field, f"{LABELS[field]}“{clean(value)}”不存在，请检查月份和日期，例如 2026-05-26。"
            ) from None
    raise InvalidValue(field, f"请填写有效的{LABELS[field]}，例如 2026-05-26。")


def dates(field: str, value: object, draft: Mapping[str, object]) -> dt.date:
    day = as_date(field, value)
    other = "end" if field == "start" else "start"
    if is_blank(draft.get(other)):
        return day
    try:
        other_day = as_date(other, draft[other])
    except InvalidValue:
        return day  # the other date is checked when it is set
    start, end = (day, other_day) if field == "start" else (other_day, day)
    if end < start:
        raise InvalidValue(
            field, f"结束日期（{end.isoformat()}）早于开始日期（{start.isoformat()}），请重新填写。"
        )
    return day


def count(field: str, value: object) -> int:
    label = LABELS[field]
    number: int | None = None
    if isinstance(value, bool):
        number = None
    elif isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str):
        digits = re.sub(r"[\s,，]", "", halfwidth(value)).removesuffix("人").removesuffix("名")
        if re.fullmatch(r"[+-]?\d+", digits):
            number = int(digits)
    if number is None:
        raise InvalidValue(field, f"{label}请填写整数，例如 120。")
    if number <= 0:
        raise InvalidValue(field, f"{label}必须是正整数（大于 0），您填写的是 {number}。")
    if number > MAX_COUNT:
        raise InvalidValue(field, f"{label} {number} 过大，请核对后重新填写。")
    return number


def counts(field: str, value: object, draft: Mapping[str, object]) -> int:
    number = count(field, value)
    other = "total" if field == "planned" else "planned"
    try:
        other_number = None if is_blank(draft.get(other)) else count(other, draft[other])
    except InvalidValue:
        other_number = None
    if other_number is not None:
        planned, total = (number, other_number) if field == "planned" else (other_number, number)
        if planned > total:
            raise InvalidValue(field, f"计划参赛职工数（{planned}）不能多于单位职工总数（{total}），请核对。")
    return number


_MOBILE = re.compile(r"(?:\+?86)?(1[3-9]\d{9})")
# 010 and 02X are three-digit area codes, all others four (0451 哈尔滨)
_LANDLINE = re.compile(
    r"(?:\(?(0(?:10|2\d|[3-9]\d{2}))\)?-?)?([2-9]\d{6,7})(?:(?:-|转|分机|ext\.?|x)(\d{1,6}))?"
)


def phone(value: object) -> str:
    raw = "" if value is None else clean(value)
    if not raw:
        raise InvalidValue("phone", "请填写联系电话（手机号或带区号的固定电话）。")
    s = re.sub(r"[\s\u2010-\u2015]", lambda m: "" if m.group().isspace() else "-", halfwidth(raw)).casefold()
    if (m := _MOBILE.fullmatch(s.replace("-", ""))) and re.fullmatch(r"[+\d-]+", s):
        return m.group(1)
    if m := _LANDLINE.fullmatch(s):
        area, number, ext = m.groups()
        return "-".join(part for part in (area, number, ext) if part)
    raise InvalidValue(
        "phone",
        f"联系电话“{raw}”格式不正确：请填写 11 位手机号（如 13812345678）"
        "或固定电话（如 0451-84611234，分机可写 0451-84611234-123）。",
    )


def _choice_key(value: object) -> str:
    k = key(value).replace("/", "").replace("、", "")
    for suffix in ("劳动和技能竞赛", "劳动竞赛", "竞赛活动", "竞赛", "活动"):
        k = k.removesuffix(suffix)
    return k


_TYPE_ALIASES = {_choice_key(t): t for t in COMPETITION_TYPES} | {
    _choice_key(alias): t
    for t, aliases in {
        "节能减排/N个一": ("节能减排", "N个一", "N个一节能", "节能"),
        "四新合理化建议": ("四新", "合理化建议", "四新合理化"),
        "其他": ("其它", "其他形式"),
        "技术比武": ("比武",),
        "岗位练兵": ("练兵",),
    }.items()
    for alias in aliases
}


def competition_type(value: object) -> str:
    found = None if is_blank(value) else _TYPE_ALIASES.get(_choice_key(value))
    if found is None:
        shown = "" if is_blank(value) else f"“{clean(value)}”"
        raise InvalidValue(
            "type",
            f"竞赛类型{shown}不在登记范围内。可选：{'、'.join(COMPETITION_TYPES)}；"
            "其他形式请选“其他”并填写具体名称。",
        )
    return found


_OWNERSHIP_ALIASES = {
    "公有": (
        "公有",
        "公有制",
        "国有",
        "国企",
        "国有企业",
        "集体",
        "集体企业",
        "事业单位",
        "机关事业单位",
        "公有制企业",
    ),
    "非公": (
        "非公",
        "非公有",
        "非公有制",
        "非公企业",
        "非公有制企业",
        "民营",
        "民营企业",
        "民企",
        "私营",
        "私营企业",
        "外资",
        "外资企业",
        "合资",
        "合资企业",
        "个体",
    ),
}
_OWNERSHIP = {key(alias): canonical for canonical, aliases in _OWNERSHIP_ALIASES.items() for alias in aliases}


def ownership(value: object) -> str:
    found = None if is_blank(value) else _OWNERSHIP.get(key(value))
    if found is None:
        raise InvalidValue(
            "ownership", f"单位性质请选择“{OWNERSHIPS[0]}”或“{OWNERSHIPS[1]}”（民营、外资企业属于非公）。"
        )
    return found


_KIND_ALIASES = {key(k): k for k in ACTIVITY_KINDS} | {
    key(alias): kind
    for kind, aliases in {
        "动员会": ("动员大会", "动员会议"),
        "座谈会": ("座谈",),
        "启动会": ("启动仪式", "启动大会"),
        "倡议书": ("倡议", "发倡议书"),
        "培训": ("技能培训", "网上培训", "线上培训"),
        "宣传": ("标语", "板报", "专栏", "新媒体", "宣传栏", "宣传(标语/板报/专栏/新媒体)"),
        "表彰": ("表彰会", "表彰大会", "颁奖"),
        "其他": ("其它",),
    }.items()
    for alias in aliases
}


def activity_kind(value: object) -> str:
    found = None if is_blank(value) else _KIND_ALIASES.get(key(value))
    if found is None:
        raise InvalidValue(
            "kind", f"活动形式请从以下选择：{'、'.join(ACTIVITY_KINDS)}；其他形式请选“其他”并说明。"
        )
    return found


def other_text(field: str, value: object, draft: Mapping[str, object]) -> str | None:
    """type_other / kind_other: required exactly when the choice is 其他."""
    choice = draft.get("type" if field == "type_other" else "kind")
    required = choice == "其他"
    result = text(field, value, required=False)
    if required and result is None:
        noun = "竞赛" if field == "type_other" else "活动"
        raise InvalidValue(field, f"您选择了“其他”，请写明具体的{noun}形式。")
    return result


def check_plain(field: str, value: object, draft: Mapping[str, object]) -> object:
    """Every field that needs no database look-up."""
    match field:
        case "start" | "end":
            return dates(field, value, draft)
        case "date":
            return as_date(field, value)
        case "planned" | "total":
            return counts(field, value, draft)
        case "participants":
            return count(field, value)
        case "phone":
            return phone(value)
        case "type":
            return competition_type(value)
        case "kind":
            return activity_kind(value)
        case "ownership":
            return ownership(value)
        case "type_other" | "kind_other":
            return other_text(field, value, draft)
        case "name" | "union_name" | "unit" | "contact" | "place" | "summary":
            return text(field, value, required=True)
        case "level" | "industry" | "description" | "organiser":
            return text(field, value, required=False)
    raise InvalidValue(field, f"未知的登记项“{field}”。")


def other_choice_changes(field: str, new: object, *, choice: str, other: str, current_other: object) -> dict:
    """A choice with an "其他" option and the text describing it (type/type_other, kind/kind_other) change
    together: the extra fields to write when `field` becomes `new`."""
    if field == other and new is not None:
        return {choice: "其他"}  # describing another form only makes sense for 其他
    if field == choice and new != "其他":
        return {other: None}
    if field == choice and not current_other:
        raise InvalidValue(
            other, f"{LABELS[choice]}改为“其他”时，请直接修改“{LABELS[other]}”，写明具体形式。"
        )
    return {}


# checked values are plain objects in a dict; these read one back as the type its check guarantees
def checked_text(values: Mapping[str, object], field: str) -> str:
    value = values[field]
    if not isinstance(value, str):
        raise InvalidValue(field, f"请填写{LABELS[field]}。")
    return value


def checked_date(values: Mapping[str, object], field: str) -> dt.date:
    value = values[field]
    if not isinstance(value, dt.date):
        raise InvalidValue(field, f"{LABELS[field]}应为日期。")
    return value


def checked_id(values: Mapping[str, object], field: str) -> int | None:
    """A row id (project_id, competition_id), or None when the field is left blank."""
    value = values[field]
    return value if isinstance(value, int) else None
