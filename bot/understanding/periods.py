"""Spans of time said as one phrase (`明年全年`, `2027年上半年`, `二季度`, `3-10月`) and durations after a start
(`搞三个月`, `为期半年`): what a competition's start and end are when no two dates are written."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from bot.parsing.numerals import parse_int

_YEAR = r"(?:(?P<y>20\d{2})年度?|(?P<ry>今年|明年|后年))?"
_CN = "一二两三四五六七八九十"
_PERIOD = re.compile(
    _YEAR + r"(?:(?P<whole>全年|一整年)|(?P<half>上半年|下半年)|第?(?P<q>[一二三四1-4])季度"
    r"|(?P<m1>1[0-2]|[1-9])\s*[-—~～到至]\s*(?P<m2>1[0-2]|[1-9])月(?:份)?"
    # 七月一整个月, 明年1月份一个月, 十月份整个月: that month, first day to last
    rf"|(?P<mm>1[0-2]|[1-9]|十[一二]?|[{_CN}])月(?:份)?\s*(?:一)?(?:整个月|一个月|全月))"
)
_DURATION = re.compile(
    rf"(?:为期|搞|持续|历时|进行|干|开展)(?:约|大约)?(?P<n>\d{{1,2}}|[{_CN}]{{1,3}}|半)(?:个(?P<u>月)|(?P<u2>年))"
    rf"|(?:为期|搞|持续|历时|进行|干|开展)(?P<half>半年)"
)
_OFFSET = {"今年": 0, "明年": 1, "后年": 2}


def period(text: str, *, today: date) -> tuple[date, date, str] | None:
    """(start, end, as said) of the first span said as one phrase, else None. A span without a year that
    has already ended this year is next year's."""
    m = _PERIOD.search(text)
    if not m:
        return None
    year = int(m["y"]) if m["y"] else today.year + _OFFSET[m["ry"]] if m["ry"] else None
    if m["whole"]:
        first, last = 1, 12
    elif m["half"]:
        first, last = (1, 6) if m["half"] == "上半年" else (7, 12)
    elif m["q"]:
        q = int(m["q"]) if m["q"].isdigit() else parse_int(m["q"])
        first, last = 3 * q - 2, 3 * q
    elif m["mm"]:
        first = last = int(m["mm"]) if m["mm"].isdigit() else parse_int(m["mm"])
    else:
        first, last = int(m["m1"]), int(m["m2"])
        if first > last:
            return None
    y = year if year is not None else today.year
    end = date(y, last, calendar.monthrange(y, last)[1])
    if year is None and end < today:
        y += 1
        end = date(y, last, calendar.monthrange(y, last)[1])
    return date(y, first, 1), end, m.group()


def after(start: date, text: str) -> date | None:
    """The end of a competition that runs for a said time from `start` (`搞三个月` → the day before three
    months later), else None."""
    m = _DURATION.search(text)
    if not m:
        return None
    if m["half"] or m["n"] == "半":
        months = 6 if (m["half"] or m["u2"]) else None
        if months is None:
            return start + timedelta(days=14)  # 半个月
    else:
        n = int(m["n"]) if m["n"].isdigit() else parse_int(m["n"])
        months = n * (12 if m["u2"] else 1)
    if not 1 <= months <= 36:
        return None
    month0 = start.month - 1 + months
    y, mo = start.year + month0 // 12, month0 % 12 + 1
    day = min(start.day, calendar.monthrange(y, mo)[1])
    return date(y, mo, day) - timedelta(days=1)
