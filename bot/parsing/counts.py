"""Head counts and other positive whole numbers as cadres type them: 二百人, 1,200, 1.2万, 约300人."""

from __future__ import annotations

import re

from bot.parsing.numerals import NUMERAL_CHARS, parse_number
from bot.parsing.text import ParseError, compact, strip_edges

_COUNT_HINT = "请输入一个大于零的整数，例如“200”“1200”或“二百人”。"
_COUNT_PREFIXES = (
    "职工总数",
    "总人数",
    "总数",
    "人数",
    "大约",
    "大概",
    "约计",
    "约有",
    "将近",
    "接近",
    "共计",
    "合计",
    "总计",
    "总共",
    "一共",
    "共有",
    "约",
    "近",
    "共",
    "计",
    "有",
)
# Longest first so "人次" is removed before "人".
_COUNT_SUFFIXES = (
    "左右",
    "上下",
    "以上",
    "名职工",
    "位职工",
    "个人",
    "人次",
    "职工",
    "员工",
    "人",
    "名",
    "位",
    "个",
    "家",
    "户",
    "支",
    "队",
    "项",
    "次",
    "场",
    "多",
    "余",
    "来",
)
_THOUSANDS_SEP = re.compile(r"(?<=\d)[,，](?=\d{3}(?!\d))")
_RANGE = re.compile(rf"[\d{NUMERAL_CHARS}][-~～—–至到][\d{NUMERAL_CHARS}]")
_NEGATIVE = re.compile(r"^(?:[-−－]|负)")


def parse_count(text: str) -> int:
    """A head count or other positive whole number: "二百人", "1,200", "1.2万", "约300人" → int.

    Approximations ("约300人", "300多人", "三百人左右") give the stated number. Zero, negative,
    fractional, ranged or non-numeric answers raise ParseError.
    """
    s = strip_edges(compact(text))
    s = _THOUSANDS_SEP.sub("", s)
    if not s:
        raise ParseError("还没有收到数字，" + _COUNT_HINT)
    if _NEGATIVE.match(s):
        raise ParseError("数量不能是负数，" + _COUNT_HINT)
    if _RANGE.search(s):
        raise ParseError("请填写一个具体的数字（例如“300”），不要填写范围。")
    s = _strip_affixes(s)
    try:
        value = parse_number(s)
    except ValueError:
        raise ParseError("没能识别这个数字，" + _COUNT_HINT) from None
    if value <= 0:
        raise ParseError("数量不能为零，" + _COUNT_HINT)
    if value != value.to_integral_value():
        raise ParseError("数量需要是整数，" + _COUNT_HINT)
    return int(value)


def _strip_affixes(s: str) -> str:
    # Prefixes and suffixes can stack ("共计约300余人左右"), so peel until nothing changes.
    changed = True
    while changed and s:
        changed = False
        for prefix in _COUNT_PREFIXES:
            if s.startswith(prefix) and len(s) > len(prefix):
                s, changed = s[len(prefix) :], True
                break
        for suffix in _COUNT_SUFFIXES:
            if s.endswith(suffix) and len(s) > len(suffix):
                s, changed = s[: -len(suffix)], True
                break
    return s
