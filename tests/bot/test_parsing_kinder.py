"""Kinder parsing (issue 10): month-only end dates, 年底/月中, year-less readings, typo suggestions, corrections."""

from __future__ import annotations

from datetime import date

import pytest

from bot.parsing import read_date, suggest_choice
from bot.parsing.corrections import correction_of
from registry.model import COMPETITION_TYPES, OWNERSHIPS

TODAY = date(2026, 12, 2)


@pytest.mark.parametrize(
    ("text", "end", "value", "year_stated"),
    [
        ("12月", True, date(2026, 12, 31), False),
        ("12月", False, date(2026, 12, 1), False),
        ("2027年2月", True, date(2027, 2, 28), True),
        ("明年一月", True, date(2027, 1, 31), True),
        ("年底", False, date(2026, 12, 31), False),
        ("2027年底", True, date(2027, 12, 31), True),
        ("明年年底", True, date(2027, 12, 31), True),
        ("月中", False, date(2026, 12, 15), True),
        ("6月中", False, date(2026, 6, 15), False),
        ("下个月底", False, date(2027, 1, 31), True),
        ("6月1日", False, date(2026, 6, 1), False),
        ("15号", False, date(2026, 12, 15), True),
        ("2026年6月1日", True, date(2026, 6, 1), True),
    ],
)
def test_dates_read_kindly(text, end, value, year_stated):
    r = read_date(text, today=TODAY, end=end)
    assert (r.value, r.year_stated) == (value, year_stated)


@pytest.mark.parametrize(
    ("typed", "options", "meant"),
    [
        ("安康悲", COMPETITION_TYPES, "安康杯"),  # same pinyin
        ("五晓", COMPETITION_TYPES, "五小"),
        ("六比一窗", COMPETITION_TYPES, "六比一创"),
        ("公游", OWNERSHIPS, "公有"),
        ("五金", COMPETITION_TYPES, None),  # one character off both 五小 and 五创: no guess
        ("哈哈哈", COMPETITION_TYPES, None),
        ("五", COMPETITION_TYPES, None),
    ],
)
def test_typo_suggestions(typed, options, meant):
    assert suggest_choice(typed, options) == meant


@pytest.mark.parametrize(
    ("text", "what", "value"),
    [
        ("结束日期改成12月31日", "结束日期", "12月31日"),
        ("人数写错了，是250人", "人数", "250人"),
        ("单位名称改为哈尔滨锅炉厂有限责任公司", "单位名称", "哈尔滨锅炉厂有限责任公司"),
        ("把电话改成13904511234", "电话", "13904511234"),
        ("电话不对，应该是0451-84661234", "电话", "0451-84661234"),
    ],
)
def test_corrections_in_words(text, what, value):
    c = correction_of(text)
    assert c is not None and (c.what, c.value) == (what, value)


@pytest.mark.parametrize("text", ["哈尔滨锅炉厂", "什么是五小竞赛？", "2026年6月1日", "改成"])
def test_plain_answers_are_not_corrections(text):
    assert correction_of(text) is None
