"""Quantities a passage states (二十五人, 百分之二, 三十日, 15日, 三年), their kind and which way a
changed value makes the statement false. Quizzes cut and swap these; nothing here guesses."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from knowledge.llm.quantities import chinese_value

CN = "零〇一二两三四五六七八九十百千万"
_NUM = rf"(?:\d+|[{CN}]+)"
_QUANTITY = re.compile(
    rf"(?<![{CN}\d第每.])(?:百分之(?P<pct>{_NUM})|(?P<n>{_NUM})(?P<unit>个工作日|工作日|个月|周岁|小时|人|名|日|天|年|倍|%)|(?P<count>\d+)(?P<cunit>个|项|家))"
)
# units that also start words (年度, 日常, 人员, 名单, 天然): not a quantity then
_WORD_AFTER = {
    "年": "度龄代终初底中级薪资金限",
    "日": "常期",
    "人": "员民数次身士",
    "名": "单称义誉额",
    "天": "然",
}


class Kind(Enum):
    PEOPLE = "人数"
    DAYS = "日数"
    MONTHS = "月数"
    YEARS = "年数"
    HOURS = "小时数"
    PERCENT = "比例"
    TIMES = "倍数"
    COUNT = "个数"


_KIND_OF_UNIT = {
    "人": Kind.PEOPLE,
    "名": Kind.PEOPLE,
    "日": Kind.DAYS,
    "天": Kind.DAYS,
    "工作日": Kind.DAYS,
    "个工作日": Kind.DAYS,
    "个月": Kind.MONTHS,
    "年": Kind.YEARS,
    "周岁": Kind.YEARS,
    "小时": Kind.HOURS,
    "倍": Kind.TIMES,
    "%": Kind.PERCENT,
    "个": Kind.COUNT,
    "项": Kind.COUNT,
    "家": Kind.COUNT,
}


class Bound(Enum):
    LOWER = "lower"  # 二十五人以上, 不少于: a smaller value states a duty the text does not
    UPPER = "upper"  # 不得超过三小时, 三十日内: a larger value allows what the text forbids
    EXACT = "exact"  # 百分之二, 任期五年: any other value is false
    UNCLEAR = "unclear"  # 不足二十五人: a changed value may still be true; no judge item


@dataclass(frozen=True)
class Quantity:
    text: str  # as written: 二十五人, 百分之二, 30日
    number: str  # the numeral alone: 二十五, 二, 30
    value: int
    unit: str  # 人 … ; % for 百分之
    kind: Kind
    start: int  # offset of `text` in the sentence
    bound: Bound

    @property
    def arabic(self) -> bool:
        return self.number.isdigit()

    def with_value(self, value: int) -> str:
        """The same quantity with another value, written the same way (二十五人 → 五十人)."""
        number = str(value) if self.arabic else chinese(value)
        return self.text.replace(self.number, number, 1)


def quantities(sentence: str) -> list[Quantity]:
    out = []
    for m in _QUANTITY.finditer(sentence):
        # 111个 counts things in a notice; 一个/两个 in a statute is no quantity worth asking about
        number = m.group("pct") or m.group("n") or m.group("count")
        unit = "%" if m.group("pct") else m.group("unit") or m.group("cunit")
        after = sentence[m.end() : m.end() + 1]
        if unit in _WORD_AFTER and after and after in _WORD_AFTER[unit]:
            continue
        value = int(number) if number.isdigit() else chinese_value(number)
        if not value or (unit == "年" and value >= 1000):  # 2020年, 一九一一年 are dates
            continue
        if unit == "日" and sentence[max(0, m.start() - 1) : m.start()] == "月":  # 5月27日 is a date
            continue
        out.append(
            Quantity(
                m.group(0),
                number,
                value,
                unit,
                _KIND_OF_UNIT[unit],
                m.start(),
                _bound(sentence, m.start(), m.end()),
            )
        )
    return out


def _bound(sentence: str, start: int, end: int) -> Bound:
    before, after = sentence[max(0, start - 6) : start], sentence[end : end + 3]
    if re.search(r"(不足|不满|未满)$", before) or after.startswith(("以下的", "以内的")):
        return Bound.UNCLEAR
    if after.startswith(("以上", "及以上")) or re.search(r"(不少于|至少|满|达到|年满)$", before):
        return Bound.LOWER
    if after.startswith(("以下", "以内", "内", "之内")) or re.search(
        r"(不得超过|不超过|最长|最多|低于)$", before
    ):
        return Bound.UPPER
    if re.search(r"(超过|多于)$", before):
        return Bound.UNCLEAR
    return Bound.EXACT


_DIGITS = "零一二三四五六七八九"


def chinese(n: int) -> str:
    """25 → 二十五, 105 → 一百零五, 10 → 十, 2000 → 二千 (as statutes write them)."""
    if n < 0 or n >= 10**8:
        return str(n)
    if n >= 10_000:
        high, low = divmod(n, 10_000)
        return chinese(high) + "万" + (("零" if low < 1000 else "") + chinese(low) if low else "")
    parts, zero = [], False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, n = divmod(n, value)
        if digit:
            if zero:
                parts.append("零")
            parts.append(_DIGITS[digit] + unit)
            zero = False
        elif parts:
            zero = True
    text = "".join(parts) or "零"
    return text[1:] if text.startswith("一十") else text
