"""The competition fields one message or a pasted plan states (issue 10): every field the text gives,
nothing it does not. Returns plain values keyed as `gonghui competitions show --json` names them."""

from __future__ import annotations

import re
from datetime import date, timedelta

from bot.understanding import form, headcount, periods, segments, spans, when
from bot.understanding.naming import competition_name, tidy
from bot.understanding.parties import key_project, organiser, unit_of
from bot.understanding.plan import sections
from bot.understanding.vocabulary import find_ownership, find_type

_START_HINT = re.compile(r"^\s*(?:起|开始|开赛|启动|正式|开工)")
_END_HINT = re.compile(
    r"(?:到|至|截止|截至|结束|为止|止)(?:时间|日期)?\s*[:：]?\s*$|(?i:\bend(?:s|ing)?|\buntil)\s*[:：]?\s*$"
)
# 开始4月1号, 开始时间 2027/3/1: a start's label typed before its date
_START_BEFORE = re.compile(
    r"(?:开始|起始|开赛|启动)(?:时间|日期)?\s*[:：]?\s*$|(?i:\bstart(?:s|ing)?|\bfrom)\s*[:：]?\s*$"
)
_END_AFTER = re.compile(
    r"^\s*(?:结束|截止|止|为止|收官|完工|搞完|完事|完成|内完成|内搞完|前(?!后)|之前|以前)"
)
# 4月1号 结束10月底: 结束 there is the label of the next date, not said of this one
_NEXT_LABEL = re.compile(
    r"^\s*(?:结束|截止)(?:时间|日期)?\s*[:：]?\s*(?=\d|[一二三四五六七八九十]|明年|今年|年底)"
)
# a contest held on one day (技术比武 on 12月18号, 明年4月20号 一天): its one date is both ends
_ONE_DAY = re.compile(r"一天|当天|那天|就一天|一日(?!起)")
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


def extract_competition(text: str, *, today: date) -> tuple[dict[str, object], dict[str, str]]:
    fields: dict[str, object] = {}
    notes: dict[str, str] = {}
    text = form.half_width(text)
    heads = sections(text)
    flat = re.sub(r"\s*\n\s*", "\n", form.unnumbered(text))
    raw = form.labelled(flat)  # a pasted form: its labelled values win over what running text suggests

    name = competition_name(flat, heads) or tidy(segments.named(flat))
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

    project = key_project(flat)
    if project:
        fields["project"] = project
    # the project's and the name's words name no organisation (哈尔滨站北广场改造工程 is no 站)
    rest = flat
    for said in (project, name):
        if said:  # with the label it was said after (题目是…, 名称叫…)
            rest = re.sub(
                rf"(?:题目|名称|名字|项目|依托|围绕|结合|服务于?)?(?:就)?(?:叫做|叫|是|为|[:：])?{re.escape(said)}",
                "，",
                rest,
            )
    union = organiser(rest)
    if union:
        fields["union_name"] = union
    unit = unit_of(rest, heads, union)
    if unit:
        fields["unit"] = unit

    time_text = raw.get("period") or next((heads[h] for h in _TIME_HEADS if h in heads), flat)
    _dates(time_text, today, fields, notes)
    if "start" not in fields and time_text is not flat:
        _dates(flat, today, fields, notes)
    elif (
        "end" not in fields and time_text is not flat
    ):  # 时间：明年3月1日开始，4月中结束 (the label ends at ，)
        more: dict = {}
        _dates(flat, today, more, {})
        if more.get("start") == fields.get("start") and "end" in more:
            fields["end"] = more["end"]
    _already_started(flat, today, fields, notes)
    if "start" in fields and "end" not in fields and _on_one_day(flat, fields, today):
        fields["end"] = fields["start"]
    headcount.people(flat, fields)
    phone = spans.phones(flat)
    if phone:
        fields["phone"] = phone[0]
    contact = headcount.contact(flat)
    if contact:
        fields["contact"] = contact
    description = (
        next((heads[h] for h in _DESCRIPTION_HEADS if h in heads), None)
        or _said_content(flat)
        or (
            None
            if raw
            else segments.about(
                flat, [fields.get(k) for k in ("name", "union_name", "unit", "project", "contact")]
            )
        )
    )
    if description:
        fields["description"] = description.strip()[:2000]
    if raw:
        _from_form(raw, flat, today, fields)
    return fields, notes


def _from_form(raw: dict[str, str], text: str, today: date, fields: dict) -> None:
    stated = form.read(text, today=today)
    if "unit" not in stated and "union_name" in stated and fields.get("unit") in (None, *form.LABELS):
        fields.pop("unit", None)  # 所有制：国有 read as a unit by the running-text rules
    fields.update(stated)
    if raw.get("ownership") and (own := find_ownership(raw["ownership"])) is not None:
        fields["ownership"] = own.value
    elif raw.get("ownership", "").startswith("集体"):  # 所有制：集体 (先进集体 elsewhere is no ownership)
        fields["ownership"] = "公有"
    if "unit" not in fields and isinstance(fields.get("union_name"), str):
        unit = unit_of(fields["union_name"], {}, None)
        if unit and unit != fields["union_name"]:
            fields["unit"] = unit  # 工会：华能哈尔滨热电有限责任公司工会 → the unit it belongs to
    if "end" in fields and "start" in fields and fields["end"] < fields["start"]:
        fields.pop("end")


# 其实3月份就开始了, 补登记: a competition under way, its dates not moved into next year
_STARTED = re.compile(r"(?:已经|就|早就)开始了|已经开始|补登记?|补录|补报")


def _already_started(text: str, today: date, fields: dict, notes: dict) -> None:
    start = fields.get("start")
    if (
        not _STARTED.search(text)
        or not isinstance(start, date)
        or start <= today
        or notes.get("start") is None
    ):
        return
    try:
        fields["start"] = start.replace(year=start.year - 1)
        notes.pop("start", None)
        end = fields.get("end")
        if (
            isinstance(end, date)
            and end.year > today.year
            and end.replace(year=end.year - 1) >= fields["start"]
            and "明年" not in text
            and not re.search(rf"{end.year}年", text)
        ):
            fields["end"] = end.replace(year=end.year - 1)
            notes.pop("end", None)
    except ValueError:
        return


def _on_one_day(text: str, fields: dict, today: date) -> bool:
    mentions = when.find_dates(text, today=today)
    if len(mentions) != 1 or (mentions[0].day is None and mentions[0].fixed is None):
        return False  # 2027年5月举行: a month, no day to hold it on
    after = text[mentions[0].end : mentions[0].end + 4]
    if _START_HINT.match(after) or re.search(r"(?:从|自|于)\s*$", text[: mentions[0].start]):
        return False  # 12月18号开始: a start, the end not said
    # only when said: writers differ on a 技术比武 with one date (a day, or only its start)
    return bool(_ONE_DAY.search(text))


_WEEKDAY = re.compile(r"(?:周|星期|礼拜)([一二三四五六日天])")
_DAYS = "一二三四五六日"


def _dates(text: str, today: date, fields: dict, notes: dict) -> None:
    mentions = when.find_dates(text, today=today)
    span = periods.period(text, today=today)
    if span is not None:  # 明年全年, 上半年, 二季度, 3-10月: one phrase for both, when no other date is said
        at = text.find(span[2])
        if all(at <= m.start and m.end <= at + len(span[2]) for m in mentions):
            # 明年上半年搞完: the period's end is said, not when it starts
            if not _END_AFTER.match(text[at + len(span[2]) : at + len(span[2]) + 4]):
                fields["start"] = span[0]
            fields["end"] = span[1]
            return
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
            after = text[m.end : m.end + 8]
            before = text[max(0, m.start - 7) : m.start]
            ends_here = _END_AFTER.match(after) and not _NEXT_LABEL.match(after)
            if _END_HINT.search(before) or ends_here or m.text in ("年底", "年末", "年终"):
                end_m = end_m or m
            elif start_m is None and (
                _START_HINT.match(after)
                or re.search(r"(?:从|自|于)\s*$", before)
                or _START_BEFORE.search(before)
            ):
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
            weekday = _WEEKDAY.fullmatch(end_m.text)
            if weekday and start_m is not None and start_m.fixed is not None:  # 下周一到周五: the same week
                value = start_m.fixed + timedelta(
                    days=(_DAYS.index(weekday[1].replace("天", "日")) - start_m.fixed.weekday()) % 7
                )
            fields["end"] = value
            if note:
                notes["end"] = note
    except ValueError:
        return
    if "start" in fields and "end" not in fields:  # 从下个月1号开始，搞三个月
        end = periods.after(fields["start"], text)
        if end is not None:
            fields["end"] = end


# what the competition is about, said in a message: `内容主要是…`, `内容：…`, `主要是比…`, `主要比…`, `以…为主`
_CONTENT = re.compile(
    r"(?:竞赛|活动)?(?:内容|说明)(?:主要)?(?:是|为|包括|有)?[:：]?\s*(?P<a>[^，,。；;\s].*)"
    # said as a bare phrase after 主要 (主要搞小改小革…, 主要练钳工) or as an aim (目标是…), not 主要负责人
    r"|主要(?:是|就是|内容是|内容为)?(?!负责|领导|由|参加|参赛|有|是由|单位)(?P<b>[\u4e00-\u9fff].*)"
    r"|(?:目标|目的)(?:是|为|就是)?[:：]?(?P<g>[\u4e00-\u9fff].*)"
    # what is practised or contested (练的是…, 比武项目有…); a bare 项目是 is the key project
    r"|(?:练|比|赛|考)的(?:是|就是)(?P<h>[\u4e00-\u9fff].*)|(?:比武|比赛|竞赛|练兵)项目(?:有|是|包括|为)(?P<i>[\u4e00-\u9fff].*)"
    # 围绕 a goal is content; 围绕 a project or works (…工程项目) is the key project
    # (围绕降低能耗开展一个节能项目活动: a project named after 开展 is what is done)
    r"|(?:^|[，,。；;\s]|重点是|主要是)(?P<f>围绕(?![^，,。；;开]*(?:项目|工程))[^，,。；;\d]{4,40})"
    r"|(?P<c>以[^，,。；;]{2,30}为主)"
    # the classic 比X比Y: 比工期比质量比安全, 比服务态度、比办事效率
    r"|(?:^|[，,。；;\s])(?P<e>比[\u4e00-\u9fff]{2,8}(?:[、，,]?比[\u4e00-\u9fff]{2,8})+)"
)
# a clause that states another field ends the content (…，联系人王丽)
_OTHER_FIELD = re.compile(
    # (单位 as a field's label, not 单位产品能耗)
    # (职工 and 负责 as the labels of other fields, not 征集职工合理化建议, 首问负责制)
    r"联系|电话|手机|\d|计划|时间|名称|单位(?=[:：\s]|名称|性质|是|$)|国企|民企|私营|民营|公有|非公|工会|参赛|"
    r"职工(?=\s*[\d一二两三四五六七八九十]|总数|人数|共|一共)|负责人|"
    r"明年|今年|全年|上半年|下半年|年底|全厂|全公司|全员|开始|结束|下个月|下周|月底"
)


def _said_content(text: str) -> str | None:
    m = _CONTENT.search(text)
    if not m:
        return None
    if m["c"] or m["e"] or m["f"]:
        return m["c"] or m["e"] or m["f"]
    kept = []
    said = next(m[g] for g in ("a", "b", "g", "h", "i") if m[g])
    # (a space ends a clause too: 主要是征集工艺改进建议 明年全年 全厂一千六)
    for clause in re.split(r"([，,；;]|\s+)", re.split(r"[。！!\n]", said)[0]):
        if clause.strip(" 　") and clause not in "，,；;" and _OTHER_FIELD.search(clause):
            break
        kept.append(clause)
    said = "".join(kept).strip("，,；; ")
    return said if len(said) >= 4 else None
