"""The competition fields one message or a pasted plan states (issue 10): every field the text gives,
nothing it does not. Returns plain values keyed as `gonghui competitions show --json` names them."""

from __future__ import annotations

import re
from datetime import date

from bot.understanding import headcount, spans, when
from bot.understanding.plan import sections
from bot.understanding.vocabulary import TYPE_WORDS, find_ownership, find_type

_NAME_LABELS = ("竞赛名称", "活动名称", "竞赛主题")
_QUOTED = re.compile(r"[“\"《「](?P<q>[^”\"》」]{2,40})[”\"》」]")
_NAME_WORD = r"(?:竞赛|大赛|比武|练兵|比赛|擂台赛|劳动赛)"
_NAMED = re.compile(
    rf"(?:开展|举办|组织|搞|启动|举行|开始|发起|参加|登记|报名|申报|备案|录入|进行)(?:了|一下|个|一个|一场|一次|一项|的)*"
    rf"(?P<n>[^，,。；;！!？?\s]{{2,40}}?{_NAME_WORD}(?:活动)?)"
)
# `围绕全区重点项目`: projects in general, not one of them
_GENERIC_PROJECT = re.compile(
    r"(?:全区|全市|全省|全县|各类|各|本区|我市|我区|本市|本地|这些|相关|所有)?(?:重点|重大)?(?:产业|建设)?(?:项目|工程)(?:建设)?"
)
_BUILD_PROJECT = re.compile(r"(?P<p>[\u4e00-\u9fffA-Za-z0-9]{4,30}?(?:工程项目|建设项目))")
_START_HINT = re.compile(r"^\s*(?:起|开始|开赛|启动|正式)")
_END_HINT = re.compile(r"(?:到|至|截止|截至|结束|为止|止)\s*$")
_END_AFTER = re.compile(r"^\s*(?:结束|截止|止|为止|收官)")
_PROJECT = re.compile(
    r"(?:围绕|依托|结合|服务|服务于|针对|聚焦|关联|助力|保障|在)(?:省百大项目|市重点(?:产业)?项目|重点项目)?[“\"《]?"
    r"(?P<p>[\u4e00-\u9fffA-Za-z0-9（）()“”]{2,40}(?:项目|工程))"
)
_DESCRIPTION_HEADS = (
    "竞赛内容",
    "竞赛简介",
    "主要内容",
    "竞赛目标",
    "目标任务",
    "竞赛项目",
    "内容",
    "简介",
    "奖励办法",
)
_TIME_HEADS = ("竞赛时间", "时间安排", "活动时间", "时间", "竞赛期限", "起止时间")
_UNIT_LABELS = ("参赛单位", "参加单位", "承办单位", "单位名称", "企业名称")
_UNION_LABELS = ("主办工会", "主办单位", "组织单位", "主办")


def extract_competition(text: str, *, today: date) -> tuple[dict[str, object], dict[str, str]]:
    fields: dict[str, object] = {}
    notes: dict[str, str] = {}
    heads = sections(text)
    flat = re.sub(r"\s*\n\s*", "\n", text)

    name = _name(flat, heads)
    if name:
        fields["name"] = name
    typ = find_type(heads.get("竞赛名称", "") + flat)
    if typ is not None:
        fields["type"] = typ.value
        if not typ.exact:
            notes["type"] = f"“{typ.said}”按“{typ.value}”理解"
    own = find_ownership(flat)
    if own is not None:
        fields["ownership"] = own.value

    union = spans.label_value(flat, _UNION_LABELS) or _union(flat)
    if union:
        fields["union_name"] = spans.trim_org(union)
    unit = spans.label_value(flat, _UNIT_LABELS) or _unit(heads.get("参赛单位", ""), None)
    unit = unit or _unit(flat, fields.get("union_name"))
    if unit and unit != fields.get("union_name"):
        fields["unit"] = spans.trim_org(unit)

    project = spans.label_value(flat, ("关联重点项目", "重点项目", "关联项目", "依托项目"))
    if not project:
        named = [
            m["p"].strip("“”") for m in _PROJECT.finditer(flat) if not _GENERIC_PROJECT.fullmatch(m["p"])
        ]
        named = named or [
            m["p"] for m in _BUILD_PROJECT.finditer(flat) if not _GENERIC_PROJECT.fullmatch(m["p"])
        ]
        project = named[0] if named else None
    if project and not _GENERIC_PROJECT.fullmatch(project):
        fields["project"] = project

    time_text = next((heads[h] for h in _TIME_HEADS if h in heads), flat)
    _dates(time_text, today, fields, notes)
    if "start" not in fields and time_text is not flat:
        _dates(flat, today, fields, notes)
    headcount.people(flat, fields)
    phone = spans.phones(flat)
    if phone:
        fields["phone"] = phone[0]
    contact = headcount.contact(flat)
    if contact:
        fields["contact"] = contact
    description = next((heads[h] for h in _DESCRIPTION_HEADS if h in heads), None)
    if description:
        fields["description"] = description.strip()[:2000]
    return fields, notes


def _name(text: str, heads: dict[str, str]) -> str | None:
    labelled = heads.get("竞赛名称") or spans.label_value(text, _NAME_LABELS)
    if labelled:
        return labelled.strip().splitlines()[0].strip('“”"《》 ')
    for m in _QUOTED.finditer(text):
        if re.search(_NAME_WORD + "|杯", m["q"]) and len(m["q"]) >= 4:
            return m["q"]
    # a title line: the first line of a plan (`2027年安康杯竞赛实施方案`)
    first = text.strip().splitlines()[0] if text.strip() else ""
    t = re.match(
        rf"^(?:关于(?:开展|举办)?)?(?P<n>.{{2,40}}?{_NAME_WORD})(?:活动)?(?:的)?(?:实施方案|方案|通知)$",
        first,
    )
    if t:
        return t["n"]
    named = _NAMED.search(text)
    if named:
        name = _strip_name(named["n"])
        return name if _names_more_than_a_type(name) else None
    return None


_GENERIC = re.compile(
    r"劳动和技能竞赛|劳动竞赛|竞赛|比赛|大赛|活动|一个|一项|一场|一次|这个|那个|我们|咱们|今年|明年|[个的“”\"'：:，,\s]"
)


def _names_more_than_a_type(name: str) -> bool:
    """`安康杯竞赛`, `技能比武` only say the type; `2027年电机厂安康杯安全知识竞赛` is a name."""
    rest = name
    for said in sorted(TYPE_WORDS, key=len, reverse=True):
        rest = rest.replace(said, "")
    found = find_type(rest)
    if found is not None and not found.exact:
        rest = rest.replace(found.said, "")
    return len(_GENERIC.sub("", rest)) >= 2


_VERBS = re.compile(r"^.*(?:开展|举办|组织|搞|启动|举行|发起|参加|进行)(?:了|一个|一场|一次|一项|个)*")


def _strip_name(name: str) -> str:
    name = _VERBS.sub("", name)
    if name.count("“") != name.count("”"):
        name = name.replace("“", "").replace("”", "")
    return name.strip('"')


def _union(text: str) -> str | None:
    m = spans.UNION_RE.search(text)
    if not m:
        return None
    union = spans.trim_org(m["union"])
    if union.count("（") != union.count("）") or union.count("(") != union.count(")"):
        return None  # 联系人：李娜（工会办公室）: a person's office, not the organiser
    if union in ("工会", "总工会") or re.fullmatch(
        r"(?:厂|公司|我们|咱们|本单位|单位|我们厂)(?:工会)", union
    ):
        return None
    return union


def _unit(text: str, union: object) -> str | None:
    for org in spans.organisations(text):
        if (
            union
            and isinstance(union, str)
            and org in union
            and union.endswith("工会")
            and not union.startswith(org)
        ):
            continue
        if re.fullmatch(r"(?:厂|公司|全厂|全公司|单位|本厂|我厂|总厂|分厂|车间)", org):
            continue
        return org
    if isinstance(union, str):
        m = re.match(rf"^(?P<o>.+?{spans.ORG_SUFFIX})(?:工会|工会委员会)$", union)
        if m:
            return m["o"]
    return None


def _dates(text: str, today: date, fields: dict, notes: dict) -> None:
    mentions = when.find_dates(text, today=today)
    if not mentions:
        return
    # `2027年搞三保一促，3月1日至12月31日`: a year said on its own is the year of the dates without one
    unquoted = re.sub(r"[“\"《「][^”\"》」]*[”\"》」]", "", text)  # not the year in a quoted name
    said = re.search(r"(?<!\d)(20\d{2})年(?:度|全年)?(?!\d{1,2}月|[一二三四五六七八九十]{1,2}月)", unquoted)
    year = int(said.group(1)) if said else None
    start_m = end_m = None
    for a, b in zip(mentions, mentions[1:], strict=False):
        if when.is_range(text, a, b):
            start_m, end_m = a, b
            break
    if start_m is None:
        for m in mentions:
            after = text[m.end : m.end + 4]
            before = text[max(0, m.start - 4) : m.start]
            if _END_HINT.search(before) or _END_AFTER.match(after) or m.text in ("年底", "年末", "年终"):
                end_m = end_m or m
            elif start_m is None and (_START_HINT.match(after) or re.search(r"(?:从|自|于)\s*$", before)):
                start_m = m
        if start_m is None and end_m is None and len(mentions) == 1:
            start_m = mentions[0]
        if start_m is None and end_m is not None:
            rest = [m for m in mentions if m is not end_m and m.start < end_m.start]
            start_m = rest[-1] if rest else None
    try:
        if start_m is not None:
            value, note = when.resolve(start_m, role="start", today=today, year=year)
            fields["start"] = value
            if note:
                notes["start"] = note
        if end_m is not None:
            value, note = when.resolve(end_m, role="end", today=today, after=fields.get("start"), year=year)
            fields["end"] = value
            if note:
                notes["end"] = note
    except ValueError:
        return
