"""A registration pasted as a filled-in form (`名称：…；工会：…；所有制：国有；开始：2027年2月1日`, one label
per line or per piece, with a colon or a space): each labelled value read as its field. A message with
fewer than two labels is no form, and the running-text rules read it alone (found on the spent blind
set 5, where such forms made the rules take `所有制` for the unit)."""

from __future__ import annotations

import re
from datetime import date

from bot.understanding import spans, when

# label spellings → the field they fill (longest first when matched)
LABELS: dict[str, str] = {
    "竞赛名称": "name",
    "活动名称": "name",
    "名称": "name",
    "名字": "name",
    "竞赛": "name",
    "类型": "type",
    "类别": "type",
    "竞赛类型": "type",
    "组织工会": "union_name",
    "主办工会": "union_name",
    "工会": "union_name",
    "组织单位": "union_name",
    "主办单位": "union_name",
    "主办方": "union_name",
    "主办": "union_name",
    "主办单位工会": "union_name",
    "工会名称": "union_name",
    "牵头工会": "union_name",
    "组织单位工会": "union_name",
    "承办工会": "union_name",
    "单位": "unit",
    "参赛单位": "unit",
    "单位名称": "unit",
    "企业名称": "unit",
    "企业": "unit",
    "所有制": "ownership",
    "性质": "ownership",
    "单位性质": "ownership",
    "企业性质": "ownership",
    "项目": "project",
    "重点项目": "project",
    "重点工程": "project",
    "关联项目": "project",
    "依托项目": "project",
    "依托工程": "project",
    "关联工程": "project",
    "时间": "period",
    "起止": "period",
    "起止时间": "period",
    "竞赛时间": "period",
    "比赛时间": "period",
    "开始": "start",
    "起": "start",
    "开始日期": "start",
    "开始时间": "start",
    "结束": "end",
    "止": "end",
    "结束日期": "end",
    "结束时间": "end",
    "截止": "end",
    "计划": "planned",
    "计划人数": "planned",
    "参赛": "planned",
    "参赛人数": "planned",
    "参加人数": "planned",
    "计划参加": "planned",
    "计划参加人数": "planned",
    "计划参赛人数": "planned",
    "计划参与": "planned",
    "计划参与人数": "planned",
    "计划参赛": "planned",
    "人数": "people",
    "职工": "total",
    "职工总数": "total",
    "总人数": "total",
    "全厂": "total",
    "全公司": "total",
    "总数": "total",
    "单位职工": "total",
    "全员": "total",
    "职工人数": "total",
    "员工总数": "total",
    "联系人": "contact",
    "对接人": "contact",
    "联系": "contact",
    "电话": "phone",
    "联系电话": "phone",
    "手机": "phone",
}
_NAMES = "|".join(sorted(map(re.escape, LABELS), key=len, reverse=True))
# a label starts the text, a line or a piece; a colon follows, or a space (`单位 江南机械…`), or, for a union,
# the union itself (`工会香坊区环卫中心工会`)
_LABELLED = re.compile(
    # (竞赛名称=…;类型=…: an equals sign as the colon)
    rf"(?:^|(?<=[\n；;，,【】\]\s]))(?P<label>{_NAMES})\s*(?:[:：=]\s*|\s+)(?P<value>[^\n；;，,]*?)"
    rf"(?=\s*(?:[\n；;，,]|$|\s+(?:{_NAMES})\s*(?:[:：=]|\s)))"
)
MIN_LABELS = 2
_FULL_WIDTH = str.maketrans(
    "０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ",
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
)


def half_width(text: str) -> str:
    """Full-width digits and letters as ASCII (２０２７年３月１日), the rest as typed; and the ways a pasted
    table or list sets its pieces apart read as the one separator the rules know (found on the spent blind
    sets 11 and 13): `｜` and ` / ` between pieces, `180人/总数` (not the slash of a date, 2027/3/1), and digit
    groups (`1,200` is 1200)."""
    text = text.translate(_FULL_WIDTH)
    text = re.sub(r"\s*[｜|]\s*|\s+/\s+|(?<=[人\u4e00-\u9fff])/(?=[\u4e00-\u9fff])", "；", text)
    return re.sub(r"(?<![\d.])(\d{1,3})((?:,\d{3})+)(?![\d.])", lambda m: m[1] + m[2].replace(",", ""), text)


def unnumbered(text: str) -> str:
    """Without the numbers of a numbered list (`1.竞赛名称：…` is a labelled line; `12.15开工` keeps its date).
    Read after a plan's headings (plan.sections needs them)."""
    return re.sub(r"(?m)^\s*(?:\d{1,2}[.、．](?!\d)|[（(]\d{1,2}[)）])\s*", "", text)


def labelled(text: str) -> dict[str, str]:
    """{field: raw value} of a form; {} when the text has fewer than two labels."""
    found: dict[str, str] = {}
    count = 0
    for m in _LABELLED.finditer(text):
        value = m["value"].strip()
        if not value:
            continue
        count += 1
        field = LABELS[m["label"]]
        if field != "name":  # 联系人：赵宇 0451-…, 项目：地铁1号线三期 2027年…: a space ends all but a name
            value = re.split(r"\s+", value)[0]
        # 哈尔滨华泰汽车零部件有限公司（中外合资）: the ownership in brackets is not part of the name
        value = re.sub(r"[（(][^）)]{0,6}(?:营|有|资|企|公|集体)[^）)]{0,4}[）)]$", "", value)
        if field == "union_name" and "工会" in value and "工会" not in found.get("union_name", "工会"):
            # 组织单位：黑龙江省路桥集团有限公司 工会：省路桥集团工会: the first was the unit
            found.setdefault("unit", found.pop("union_name"))
        found.setdefault(field, value)
    return found if count >= MIN_LABELS else {}


def read(text: str, *, today: date) -> dict[str, object]:
    """The fields a form states, parsed: dates ISO-ready, counts as integers."""
    raw = labelled(text)
    out: dict[str, object] = {}
    if raw.get("contact"):  # 联系人：邓辉（0451-82991234）: the number in brackets is the phone
        raw["contact"] = re.split(r"[（(]|\d", raw["contact"])[0] or raw["contact"]
    for field in ("name", "union_name", "unit", "project", "contact"):
        if raw.get(field):
            out[field] = spans.unquote(raw[field])
    if raw.get("phone"):
        phones = spans.phones(raw["phone"])
        if phones:
            out["phone"] = phones[0]
    for field in ("planned", "total"):
        if raw.get(field):
            value = spans.number_in(raw[field])
            if value is not None:
                out[field] = value
    if raw.get(
        "people"
    ):  # 人数：420, 人数：计划700/总数1900, 人数：2100/3500, 人数：260人（全公司职工3100人）
        people = raw["people"]
        planned = re.search(r"计划\s*(\d+)|^(\d+)\s*/\s*\d+", people)
        total = re.search(r"总数\s*(\d+)|^\d+\s*/\s*(\d+)|[（(][^）)]*?(\d+)\s*人?[）)]", people)
        if planned:
            out.setdefault("planned", int(next(g for g in planned.groups() if g)))
        elif "总数" not in people:  # the first count is those taking part
            first = re.match(r"\s*\d+(?:\.\d+)?万?", people)  # (1.2万)
            value = spans.number_in(first.group()) if first else spans.number_in(people)
            if value is not None:
                out.setdefault("planned", value)
        if total:
            out.setdefault("total", int(next(g for g in total.groups() if g)))
    for field in ("start", "end"):
        if raw.get(field):
            mentions = when.find_dates(raw[field], today=today)
            if mentions:
                try:
                    after = out.get("start") if field == "end" else None
                    day, _note = when.resolve(
                        mentions[0], role=field, today=today, after=after if isinstance(after, date) else None
                    )
                except ValueError:
                    continue
                out[field] = day
    return out
