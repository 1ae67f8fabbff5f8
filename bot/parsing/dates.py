"""Calendar dates as cadres type them: 6月1日, 下周一, 2026年5月26日, 明年一月, 月底."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from bot.parsing.numerals import NUMERAL_CHARS, parse_int
from bot.parsing.text import ParseError, compact, strip_edges

_DATE_HINT = "没能识别这个日期，请按“2026年6月1日”或“6月1日”的格式输入。"
_WEEKDAYS = "一二三四五六日"
_WEEKDAY_INDEX = {**{ch: i for i, ch in enumerate(_WEEKDAYS)}, "天": 6, "七": 6} | {
    str(i + 1): i for i in range(7)
}
_RELATIVE_DAYS = {
    "今天": 0,
    "今日": 0,
    "明天": 1,
    "明日": 1,
    "后天": 2,
    "大后天": 3,
    "昨天": -1,
    "昨日": -1,
    "前天": -2,
    "大前天": -3,
}
_WEEK_OFFSETS = {"上上": -2, "上": -1, "本": 0, "这": 0, "今": 0, "": 0, "下": 1, "下下": 2}
_MONTH_OFFSETS = {"上": -1, "本": 0, "这": 0, "当": 0, "下": 1, "下下": 2}
_YEAR_OFFSETS = {"前年": -2, "去年": -1, "今年": 0, "本年": 0, "明年": 1, "后年": 2}

_WD = "[一二三四五六日天七1-7]"
_WEEK_RE = re.compile(rf"^(?P<rel>上上|下下|上|下|本|这|今)?个?(?:周|星期|礼拜|週)(?P<wd>{_WD})$")
_EDGE = r"(?P<edge>初|底|末|中|中旬)"
_MONTH_REL_RE = re.compile(rf"^(?P<rel>上|本|这|当|下下|下)个?月(?:(?P<d>\d{{1,2}})[日号]?|{_EDGE})?$")
_YEAR_REL_RE = re.compile(
    rf"^(?P<rel>前年|去年|今年|本年|明年|后年)(?P<m>\d{{1,2}})月(?:(?P<d>\d{{1,2}})[日号]?|{_EDGE})?$"
)
# 年底 / 2026年底 / 明年年初: the year's last or first day
_YEAR_EDGE_RE = re.compile(
    r"^(?:(?P<y>\d{4})年|(?P<rel>前年|去年|今年|本年|明年|后年))?年?(?P<edge>底|末|初)$"
)
_MONTH_MID_RE = re.compile(r"^月(?P<edge>中|底|末|初)$")  # 月中 / 月底: this month's
_ABSOLUTE_RES = (
    re.compile(rf"^(?P<y>\d{{4}}|\d{{2}})年(?P<m>\d{{1,2}})月(?:(?P<d>\d{{1,2}})[日号]?|{_EDGE})?$"),
    re.compile(r"^(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})[日号]?$"),
    re.compile(r"^(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})$"),
    re.compile(rf"^(?P<m>\d{{1,2}})月(?:(?P<d>\d{{1,2}})[日号]?|{_EDGE})?$"),
    re.compile(r"^(?P<m>\d{1,2})[-/.](?P<d>\d{1,2})$"),
    re.compile(r"^(?P<d>\d{1,2})[日号]$"),
)
_WEEK_ONLY_RE = re.compile(r"^(?:上上|下下|上|下|本|这)?个?(?:周|星期|礼拜|週)$")
_YEAR_ONLY_RE = re.compile(r"^(?:\d{2}|\d{4})年$|^(?:前年|去年|今年|明年|后年)$")
# A Chinese numeral directly before 年/月/日/号 is a date part; elsewhere (周一, 星期三) it is not.
_CN_DATE_PART = re.compile(rf"([{re.escape(NUMERAL_CHARS)}]+)(?=[年月日号])")
# "2026年5月26日（星期二）", "5月26日 周二": a weekday the user added, which we double-check.
_TRAILING_WEEKDAY = re.compile(
    r"^(?P<body>.*[\d日号])[(（]?(?:星期|周|礼拜)(?P<wd>[一二三四五六日天七])[)）]?$"
)
_TRAILING_WORDS = ("开始", "起")
_MIN_YEAR, _MAX_YEAR = 1900, 2100


@dataclass(frozen=True)
class DateReading:
    """A date as read, and whether the text named its year and its day (the form's rules need both)."""

    value: date
    year_stated: bool = True
    day_stated: bool = True


def parse_date(text: str, *, today: date, end: bool = False) -> date:
    """A calendar date from how people write it in Chinese.

    Relative words ("明天", "下周一", "下个月1号", "明年一月") are resolved against `today`; weeks
    start on Monday, so with today = Wed 2026-11-25, "本周一" is 11-23 and "下周一" 11-30; a bare
    "周三" means this week's. A date without a year ("5月26日") is in `today`'s year (the forms move
    a past start to next year, see `read_date`); without a day ("一月", "明年一月") it is the 1st of the
    month, or its last day when `end` (an end date: "到12月" means until 12-31); 月中 is the 15th,
    年底 12-31, 年初 1-1; a day alone ("15号") is in the current month. Nonexistent dates raise
    ParseError saying so.
    """
    return read_date(text, today=today, end=end).value


def read_date(text: str, *, today: date, end: bool = False) -> DateReading:
    s = strip_edges(compact(text))
    for word in _TRAILING_WORDS:
        if s.endswith(word) and len(s) > len(word):
            s = s[: -len(word)]
    if not s:
        raise ParseError("还没有收到日期，请按“2026年6月1日”或“6月1日”的格式输入。")

    stated_weekday: int | None = None
    m = _TRAILING_WEEKDAY.match(s)
    if m:
        s, stated_weekday = m.group("body"), _WEEKDAY_INDEX[m.group("wd")]

    s = _CN_DATE_PART.sub(_arabic_date_part, s)
    result = _parse_date_core(s, today, end)
    if stated_weekday is not None and result.value.weekday() != stated_weekday:
        d = result.value
        raise ParseError(
            f"{_format_date(d)}是星期{_WEEKDAYS[d.weekday()]}，"
            f"不是星期{_WEEKDAYS[stated_weekday]}，请核对后重新输入。"
        )
    return result


def _arabic_date_part(m: re.Match[str]) -> str:
    try:
        return str(parse_int(m.group(1)))
    except ValueError:
        raise ParseError(_DATE_HINT) from None


def _parse_date_core(s: str, today: date, end: bool) -> DateReading:
    # relative words name their year themselves: only a literal month/day without a year is "year-less"
    if s in _RELATIVE_DAYS:
        return DateReading(today + timedelta(days=_RELATIVE_DAYS[s]))

    m = _WEEK_RE.match(s)
    if m:
        monday = today - timedelta(days=today.weekday())
        weeks = _WEEK_OFFSETS[m.group("rel") or ""]
        return DateReading(monday + timedelta(weeks=weeks, days=_WEEKDAY_INDEX[m.group("wd")]))

    m = _MONTH_REL_RE.match(s)
    if m:
        year, month = _add_months(today.year, today.month, _MONTH_OFFSETS[m.group("rel")])
        return DateReading(
            _build(year, month, m.group("d"), m.group("edge"), end),
            True,
            bool(m.group("d") or m.group("edge")),
        )

    m = _YEAR_EDGE_RE.match(s)
    if m:
        year = (
            int(m.group("y")) if m.group("y") else today.year + _YEAR_OFFSETS.get(m.group("rel") or "今年", 0)
        )
        month = 1 if m.group("edge") == "初" else 12
        stated = bool(m.group("y") or m.group("rel"))
        return DateReading(_build(year, month, None, m.group("edge"), end), stated, True)

    m = _MONTH_MID_RE.match(s)
    if m:
        return DateReading(_build(today.year, today.month, None, m.group("edge"), end))

    m = _YEAR_REL_RE.match(s)
    if m:
        year = today.year + _YEAR_OFFSETS[m.group("rel")]
        value = _build(year, int(m.group("m")), m.group("d"), m.group("edge"), end)
        return DateReading(value, True, bool(m.group("d") or m.group("edge")))

    for pattern in _ABSOLUTE_RES:
        m = pattern.match(s)
        if not m:
            continue
        parts = m.groupdict()
        year = today.year
        if parts.get("y"):
            year = int(parts["y"])
            if year < 100:  # "26年5月" — two-digit years are this century
                year += 2000
        month = int(parts["m"]) if parts.get("m") else today.month
        value = _build(year, month, parts.get("d"), parts.get("edge"), end)
        # a day alone ("15号") is this month's: that is a stated month and year as far as cadres mean it
        year_stated = bool(parts.get("y")) or not parts.get("m")
        return DateReading(value, year_stated, bool(parts.get("d") or parts.get("edge")))

    if _WEEK_ONLY_RE.match(s):
        raise ParseError("请说明是星期几，例如“下周一”或“本周五”。")
    if _YEAR_ONLY_RE.match(s):
        raise ParseError("请把日期写到月份或具体哪一天，例如“2026年6月”或“2026年6月1日”。")
    raise ParseError(_DATE_HINT)


def _build(year: int, month: int, day_text: str | None, edge: str | None, end: bool = False) -> date:
    """Validate and build; 初 → the 1st, 中/中旬 → the 15th, 底/末 → the last day; no day → the 1st, or
    the last day for an end date."""
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        raise ParseError(f"年份“{year}”看起来不对，请输入{_MIN_YEAR}年到{_MAX_YEAR}年之间的日期。")
    if not 1 <= month <= 12:
        raise ParseError(f"这个日期不存在：一年只有12个月，没有{month}月。请重新输入。")
    last = calendar.monthrange(year, month)[1]
    if edge in ("底", "末") or (end and not day_text and edge is None):
        return date(year, month, last)
    if edge in ("中", "中旬"):
        return date(year, month, 15)
    day = int(day_text) if day_text else 1
    if not 1 <= day <= last:
        raise ParseError(f"这个日期不存在：{year}年{month}月没有{day}日（这个月只有{last}天）。请重新输入。")
    return date(year, month, day)


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _format_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"
