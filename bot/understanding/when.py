"""Dates inside running text, and what a start or an end date means when it is not fully written.

`bot.parsing.dates.parse_date` reads one whole answer; here dates are found in a sentence or a plan
(`2027年3月1日到9月30日`, `2027.3.15-2027.11.15`, `5月10日至5月20日`, `年底`) and read the way a cadre
means them: a month alone as an end date is that month's last day, 年底 12-31, 月中 the 15th, and a
start date without a year that would lie in the past is next year's (said so in a note).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from bot.parsing import ParseError, parse_date
from bot.parsing.numerals import parse_int

_CN = "零〇○一二两三四五六七八九十"
_YEAR = rf"(?:(?P<y>\d{{4}}|[{_CN}]{{4}}|\d{{2}})年|(?P<ry>今年|明年|后年|去年|本年|次年))"
_EDGE = r"(?P<edge>上旬|中旬|下旬|初|底|末|中)"
_DAY = rf"(?P<d>\d{{1,2}}|[{_CN}]{{1,3}})[日号]?"
_CHINESE = re.compile(
    rf"(?:{_YEAR})?(?P<m>\d{{1,2}}|[{_CN}]{{1,3}})月(?:份)?(?:{_DAY}|{_EDGE}|(?:的)?(?P<last>最后一天))?"
)
_NUMERIC = re.compile(r"(?<![\d.])(?P<y>20\d{2})[.\-/](?P<m>\d{1,2})(?:[.\-/](?P<d>\d{1,2}))?(?![\d])")
# 11.28, 3/15 without a year (not a decimal: no 万, %, 倍 after it)
_MONTH_DAY = re.compile(r"(?<![\d.])(?P<m>1[0-2]|0?[1-9])[./](?P<d>3[01]|[12]\d|0?[1-9])(?![\d.万%％倍])")
# 明年6.30: a month and day with a relative year before them
_REL_MONTH_DAY = re.compile(
    r"(?P<ry>今年|明年|后年)(?P<m>1[0-2]|0?[1-9])[./](?P<d>3[01]|[12]\d|0?[1-9])(?![\d.])"
)
# 到月底, 月中: the month of the start (or this month), not written
_BARE_MONTH_EDGE = re.compile(r"(?<![\d一二三四五六七八九十个本这上下年])月(?P<edge>底|末|中)")
# 元旦, 明年五一, 国庆: the holiday's first day
_HOLIDAY = re.compile(r"(?P<ry>今年|明年|后年)?(?P<h>元旦|五一|国庆)(?!劳动奖|节前夕)")
_HOLIDAYS = {"元旦": (1, 1), "五一": (5, 1), "国庆": (10, 1)}
# (我们1号搞了一次宣讲: after 我们 too)
_BARE_DAY = re.compile(r"(?:^|(?<=[，,。；;\s们]))(?P<d>3[01]|[12]\d|0?[1-9])[日号](?![前后楼])")
_DAY_ONLY = re.compile(rf"^(?P<d>\d{{1,2}}|[{_CN}]{{1,3}})[日号]")
_YEAR_EDGE = re.compile(
    r"(?:(?P<y>20\d{2})|(?P<ry>今年|明年|本年))?(?P<w>年底|年末|年终|年初|年中|上半年|下半年)"
)
# 下个月中旬, 本月底: a month named relative to today with a part of it
_RELATIVE_MONTH = re.compile(r"(?P<rel>上|本|这|下)个?月月?(?P<edge>上旬|中旬|下旬|初|底|末|中)")
_MONTH_OFFSETS = {"上": -1, "本": 0, "这": 0, "下": 1}
_RELATIVE = re.compile(
    r"即日|大前天|大后天|今天|今日|今早|今晨|今晚|今儿个|今儿|昨晚|昨夜|两天前|三天前|(?i:yesterday|today)|昨天|昨日|昨儿个|昨儿|前儿个|前天|明天|明日|后天|"
    r"(?:上上|下下|上|下|本|这)?个?(?:周|星期|礼拜)[一二三四五六日天]|"
    r"(?:上|本|这|下)个?月(?:\d{1,2}[日号]|初|底|末)?"
)
RANGE_SEP = re.compile(r"^\s*(?:到|至|—{1,2}|-|－|~|～|–|起至|起到|开始到|直到|(?<=\s)to(?=\s))\s*")
_SPOKEN = {
    "即日": "今天",
    "今早": "今天",
    "今晨": "今天",
    "今晚": "今天",
    "今儿个": "今天",
    "今儿": "今天",
    "yesterday": "昨天",
    "today": "今天",
    "昨晚": "昨天",
    "昨夜": "昨天",
    "两天前": "前天",
    "三天前": "大前天",
    "昨儿个": "昨天",
    "昨儿": "昨天",
    "前儿个": "前天",
}
_OFFSETS = {"今年": 0, "本年": 0, "明年": 1, "后年": 2, "去年": -1, "次年": 1}


@dataclass(frozen=True)
class Mention:
    """A date written in the text, with the parts that were written (None = not written)."""

    start: int
    end: int
    text: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    edge: str | None = None  # 初 底 末 中 上旬 中旬 下旬
    fixed: date | None = None  # relative words (昨天, 下周一) already resolved


def _num(s: str | None) -> int | None:
    if not s:
        return None
    try:
        return int(s) if s.isdigit() else parse_int(s)
    except ValueError:
        return None


def find_dates(text: str, *, today: date) -> list[Mention]:
    """Every date mention, left to right; a day after a range mark inherits month and year
    (`5月10日至20日`)."""
    found: list[Mention] = []
    taken = [False] * len(text)

    def add(m: Mention) -> None:
        if any(taken[m.start : m.end]):
            return
        for i in range(m.start, m.end):
            taken[i] = True
        found.append(m)

    for m in _NUMERIC.finditer(text):
        add(Mention(m.start(), m.end(), m.group(), int(m["y"]), int(m["m"]), _num(m["d"])))
    for m in _REL_MONTH_DAY.finditer(text):
        offset = today.year + _OFFSETS[m["ry"]]
        add(Mention(m.start(), m.end(), m.group(), offset, int(m["m"]), int(m["d"])))
    for m in _MONTH_DAY.finditer(text):
        add(Mention(m.start(), m.end(), m.group(), None, int(m["m"]), int(m["d"])))
    for m in _CHINESE.finditer(text):
        month = _num(m["m"])
        if month is None or not 1 <= month <= 12:
            continue
        year = _num(m["y"])
        if year is not None and year < 100:
            year += 2000
        if m["ry"]:
            year = today.year + _OFFSETS[m["ry"]]
        edge = "底" if m["last"] else m["edge"]  # 11月最后一天
        add(Mention(m.start(), m.end(), m.group(), year, month, _num(m["d"]), edge))
    for m in _YEAR_EDGE.finditer(text):
        year = today.year + _OFFSETS[m["ry"]] if m["ry"] else (int(m["y"]) if m["y"] else None)  # 2028年底
        month, edge = {
            "年底": (12, "底"),
            "年末": (12, "底"),
            "年终": (12, "底"),
            "年初": (1, "初"),
            "年中": (6, "底"),
            "上半年": (6, "底"),
            "下半年": (7, "初"),
        }[m["w"]]
        add(Mention(m.start(), m.end(), m.group(), year, month, None, edge))
    for m in _RELATIVE_MONTH.finditer(text):
        n = today.year * 12 + today.month - 1 + _MONTH_OFFSETS[m["rel"]]
        add(Mention(m.start(), m.end(), m.group(), n // 12, n % 12 + 1, None, m["edge"]))
    for m in _HOLIDAY.finditer(text):
        month, day = _HOLIDAYS[m["h"]]
        year = today.year + _OFFSETS[m["ry"]] if m["ry"] else None
        add(Mention(m.start(), m.end(), m.group(), year, month, day))
    for m in _BARE_MONTH_EDGE.finditer(text):
        add(Mention(m.start(), m.end(), m.group(), None, None, None, m["edge"]))
    for m in _BARE_DAY.finditer(text):  # 3号在培训中心…, 19号 岗位练兵: a day of this month
        add(Mention(m.start(), m.end(), m.group(), None, None, int(m["d"])))
    for m in _RELATIVE.finditer(text):
        try:
            # 即日起: from today; spoken forms (昨儿个, 今早) as the parser knows them
            said = _SPOKEN.get(m.group().casefold(), m.group())
            add(Mention(m.start(), m.end(), m.group(), fixed=parse_date(said, today=today)))
        except ParseError:
            continue
    found.sort(key=lambda x: x.start)
    # `5月10日至20日`: the bare day after a range mark
    out: list[Mention] = []
    for mention in found:
        out.append(mention)
        rest = text[mention.end :]
        sep = RANGE_SEP.match(rest)
        if sep and mention.month:
            d = _DAY_ONLY.match(rest[sep.end() :])
            if d:
                at = mention.end + sep.end()
                if not any(x.start == at for x in found):
                    out.append(
                        Mention(at, at + d.end(), d.group(), mention.year, mention.month, _num(d["d"]))
                    )
    out.sort(key=lambda x: x.start)
    return out


def is_range(text: str, first: Mention, second: Mention) -> bool:
    between = text[first.end : second.start]
    return bool(
        RANGE_SEP.fullmatch(between)
        or re.fullmatch(r"\s*(?:起|开始)?\s*(?:到|至|—|-|~|～)\s*|\s+to\s+", between)
    )


def resolve(
    m: Mention, *, role: str, today: date, after: date | None = None, year: int | None = None
) -> tuple[date, str | None]:
    """The date a mention means as a `role` ("start", "end" or "date"), and a note when it was read
    rather than written. `after` is the start date an end date follows; `year` one the text states
    elsewhere (`2027年搞…，3月1日至…`). Raises ValueError when impossible."""
    if m.fixed is not None:
        return m.fixed, None
    note = None
    stated = year
    year = m.year or (None if after else stated)
    month = m.month or (after.month if after else today.month)
    if year is None:
        year = after.year if after else today.year
    last = calendar.monthrange(year, month)[1]
    day = m.day
    if day is None:
        edge = m.edge or ("底" if role == "end" else "初")
        # 中旬 as a start: the 15th, as cadres (and four blind writers) mean 月中
        day = {"初": 1, "上旬": 1, "中": 15, "中旬": 15, "下旬": 21, "底": last, "末": last}[edge]
        if role == "end" and m.edge in ("上旬",):
            day = 10
        elif role == "end" and m.edge == "中旬":
            day = 20
        elif role == "end" and m.edge == "下旬":
            day = last
    if not 1 <= day <= last:
        raise ValueError(f"{year}-{month}-{day}")
    value = date(year, month, day)
    # an activity held: 12月30号 said in January is last year's (a date within a month ahead may be planned)
    if role == "date" and m.year is None and m.month is not None and (value - today).days > 31:
        return _year_before(value), None
    if m.year is None and not (stated and not after):
        if role == "start" and value < today and (today - value).days > 31:
            value = _next_year(value)
            note = f"{value.isoformat()}，按明年理解"
        elif role == "end" and after is not None and value < after:
            value = _next_year(value)
            note = f"{value.isoformat()}，按次年理解"
        elif role == "end" and after is None and value < today and (today - value).days > 31:
            value = _next_year(value)
            note = f"{value.isoformat()}，按明年理解"
    return value, note


def _year_before(d: date) -> date:
    last = calendar.monthrange(d.year - 1, d.month)[1]
    return date(d.year - 1, d.month, min(d.day, last))


def _next_year(d: date) -> date:
    last = calendar.monthrange(d.year + 1, d.month)[1]
    return date(d.year + 1, d.month, min(d.day, last))
