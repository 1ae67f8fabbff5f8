"""The activity fields a message states: kind, date, place, participants, summary, linked competition."""

from __future__ import annotations

import re
from datetime import date

from bot.understanding import spans, when
from bot.understanding.vocabulary import KIND_WORDS, TYPE_WORDS, find_kind

_PLACE = re.compile(
    r"(?:地点|地址|场地)\s*(?:[:：]|在|是|为)\s*(?P<a>[^，,。；;\n]{2,30})"
    r"|(?<![现存实])在(?P<b>[^，,。；;\n在]{2,24}?)(?=召开|举行|举办|开展|组织|开了|搞了|进行|开|搞|办了|办|集中|为|给|对)"
    r"|(?P<c>[\u4e00-\u9fffA-Za-z0-9]{0,16}(?:会议室|礼堂|大礼堂|报告厅|多功能厅|活动中心|职工之家|培训中心|培训室|"
    r"车间|食堂|广场|现场|工地|厂区|操场|体育馆|会场|会议中心|大厅|展厅|教室|实训基地|基地|线上|网上|视频会议|"
    r"门口|大门口|门前|楼前|大院|园区|码头|公园|纪念馆|博物馆|展览馆|会堂|剧场|体育场|球场))"
)
_PARTICIPANTS = re.compile(
    rf"(?:来了|到了|参加|参会|出席|到场|参与|共有|有|组织|动员|培训|覆盖|参训|共|约|近)(?:了)?(?:职工|人员|员工|工人)?(?:约|大约|近|共)?{spans.COUNT}"
    rf"|{spans.COUNT}(?:参加|参会|出席|到场|参与|参训|参赛|受训|受益|观看|签名)"
    r"|(?:参加人数|参会人数|人数|参训人数)\s*(?:[:：]|为|是|约|共|达)?\s*" + spans.COUNT_OPT
)
_COMPETITION = re.compile(
    r"(?:属于|围绕|配合|结合|为|就|针对|关联|是|为了)?[“\"《]?(?P<c>[\u4e00-\u9fffA-Za-z0-9“”\"]{2,30}?(?:竞赛|大赛|比赛|擂台赛))[”\"》]?"
    r"(?=的?[\u4e00-\u9fff]{0,4}?(?:"
    + "|".join(sorted(map(re.escape, KIND_WORDS), key=len, reverse=True))
    + r")|活动|，|,|。|$)"
)
_DATE_LABEL = ("活动日期", "活动时间", "时间", "日期")


def extract_activity(text: str, *, today: date) -> tuple[dict[str, object], dict[str, str]]:
    fields: dict[str, object] = {}
    notes: dict[str, str] = {}
    flat = text.strip()
    kind = find_kind(flat)
    if kind is not None:
        fields["kind"] = kind.value
    mentions = when.find_dates(flat, today=today)
    if mentions:
        try:
            value, _note = when.resolve(mentions[0], role="date", today=today)
            fields["date"] = value
        except ValueError:
            pass
    places = list(_PLACE.finditer(flat))
    m = next((x for group in "abc" for x in places if x[group]), None)
    if m:
        place = (m["a"] or m["b"] or m["c"]).strip()
        place = re.sub(r"^.*(?:在|到|去|赴)", "", place) if m["c"] else place  # 组织职工到红色教育基地
        place = re.sub(r"^(?:了|在|于)", "", place)
        place = re.sub(
            r"^(?:上周.|本周.|这周.|今天|昨天|前天|上午|下午|晚上|\d{1,2}月\d{1,2}[日号])+", "", place
        )
        if len(place) >= 2 and not re.search(r"(?:今天|昨天|前天|上午|下午|晚上|月|日)$", place):
            fields["place"] = place
    m = _PARTICIPANTS.search(flat)
    if m:
        number = spans.number_in(m.group())
        if number is not None:
            fields["participants"] = number
    if "participants" not in fields:
        counted = spans.counts(flat)
        if len(counted) == 1:
            fields["participants"] = counted[0][0]
    comp = _competition(flat)
    if comp:
        fields["competition"] = comp
    summary = _summary(flat, fields, kind.said if kind else None)
    if summary:
        fields["summary"] = summary
    return fields, notes


def _competition(text: str) -> str | None:
    m = _COMPETITION.search(text)
    if not m:
        return None
    name = spans.trim_org(m["c"]).strip('“”"')
    # the competition's name starts after the last verb or place word before it
    name = re.sub(
        r"^.*(?:开了个|开了|召开了?|开展了?|举办了?|组织了?|搞了|举行了?|参加了?|号召|推进|围绕|室|厅|堂|场|在|为|给)",
        "",
        name,
    )
    return name if len(name) >= 4 else None


_CHATTER = re.compile(
    r"^(?:请|麻烦)?(?:帮我|给我)?(?:记一下|记录一下|记下|登记一下|录一下|记个|记录|登记)[：:，,]?"
)


_SUMMARY_LABEL = re.compile(r"(?:活动内容|主要内容|内容|简介|情况)\s*[:：]\s*(?P<s>.+)", re.S)
_FILLER = re.compile(
    r"帮我|麻烦|请|记一下|记录一下|记下|登记一下|开了个|开了|召开了?|举行了?|举办了?|组织了?|开展了?|搞了个?|进行了?|"
    r"来了|到了|参加|参会|参与|出席|到场|参训|大概|大约|约|近|共|有|今天|昨天|前天|上午|下午|晚上|上周.|本周.|下周.|"
    r"上个月|下个月|本月|全厂|全体|全公司|都|收到|发|开|搞|办|"
    r"职工|人员|同志|大家|我们|咱们|工会|活动|一次|一场|个|了|的|在|和|人|名|多|余|左右|[，,。；;、！!\s：:]"
)
SUMMARY_MIN = 5  # Chinese characters beyond the facts: a message that only states them has no summary


def _summary(text: str, fields: dict, kind_said: str | None) -> str | None:
    m = _SUMMARY_LABEL.search(text)
    if m:
        return m["s"].strip()[:2000]
    s = _CHATTER.sub("", text.strip()).strip("，,。 ")
    rest = s
    for value in (fields.get("place"), fields.get("competition"), kind_said, *TYPE_WORDS):
        if isinstance(value, str) and value:
            rest = rest.replace(value, "")
    rest = re.sub(spans.COUNT, "", rest)
    rest = re.sub(r"\d{1,4}[年月日号.\-/]|[一二三四五六七八九十]+月|[一二三四五六七八九十]+[日号]", "", rest)
    rest = _FILLER.sub("", rest)
    return s[:2000] if len(re.findall(r"[\u4e00-\u9fff]", rest)) >= SUMMARY_MIN else None
