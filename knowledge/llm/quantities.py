"""Numbers, dates and quoted terms in Chinese text, normalised so that a sentence and a passage that
write them differently still match: 二十五 = 25, 百分之二 = 2%, 百分之一百五十 = 150%, 二〇二一年 = 2021年,
第十一条 is the ordinal 11. A number is a whole value: 二十五 never supports 20.

Single-character numerals are words as often as numbers (一定, 统一, 一是, 十分): they count only
before a unit (一小时, 两年, 三人); longer ones (二十五, 三十六) count anywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from fractions import Fraction

_DIGIT = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_UNIT = {"十": 10, "百": 100, "千": 1000}
_BIG = {"万": 10**4, "亿": 10**8}
CN = "零〇一二三四五六七八九十百千万亿两"
_CN_RUN = f"[{CN}]+"
_ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?"
_NUM = rf"(?:{_ARABIC}|{_CN_RUN})"
# what may follow a number so that a one-character numeral counts as one (一小时, 两年, 三人)
UNITS = (
    "个月|个工作日|工作日|小时|分钟|周岁|星期|学时|课时|公里|公斤|千克|平方米|年|月|日|天|周|时|倍|元|岁|人|名|"
    "次|条|款|项|章|节|级|档|成|家|位|户|件|届|批|种|类|个|%|‰"
)
# 一 is also an article (一个工会, 一项制度): alone it counts only before a unit of time, money or people
UNITS_OF_ONE = "个月|个工作日|工作日|小时|分钟|周岁|年|月|日|天|周|倍|元|岁|人|名|%|‰"
_UNIT_AFTER = re.compile(rf"(?:{UNITS})")
_UNIT_AFTER_ONE = re.compile(rf"(?:{UNITS_OF_ONE})")
# words made of numerals that are not numbers
_WORDS = re.compile(
    # made only of numerals: words only when no other numeral touches them (一千万 is a number)
    rf"(?<![{CN}\d])(?:十分|万一|千万|一一)(?![{CN}\d])"
    "|一些|一切|一律|一旦|一致|一般|一并|一定|一起|一同|一道|一方|一样|一体|一线|一经|一向|一贯|一度|一味|一带|一直"
)
_FULL_WIDTH = str.maketrans("０１２３４５６７８９％（）．", "0123456789%().")


class Kind(Enum):
    CARDINAL = "cardinal"
    ORDINAL = "ordinal"  # 第十一条, 第3款
    RATIO = "ratio"  # 2%, 百分之二, 三分之二 (as a fraction of one)


@dataclass(frozen=True)
class Number:
    kind: Kind
    value: Fraction

    def __str__(self) -> str:
        v = self.value
        text = str(v.numerator) if v.denominator == 1 else f"{float(v):g}"
        return {Kind.ORDINAL: f"第{text}", Kind.RATIO: f"{float(v * 100):g}%"}.get(self.kind, text)


@dataclass(frozen=True)
class Date:
    year: int | None
    month: int | None
    day: int | None

    def within(self, other: Date) -> bool:
        """Every part this date names is the same in the other one (2021年 is within 2021年12月24日)."""
        return all(
            mine is None or mine == theirs
            for mine, theirs in ((self.year, other.year), (self.month, other.month), (self.day, other.day))
        )

    def __str__(self) -> str:
        parts = [(self.year, "年"), (self.month, "月"), (self.day, "日")]
        return "".join(f"{v}{u}" for v, u in parts if v is not None)


def normalise(text: str) -> str:
    """Full-width digits, %, brackets and dots to ASCII; spaces removed. (Not NFKC: it would turn the
    Chinese comma into a thousands separator, 25，100人 into 25,100.)"""
    return re.sub(r"\s+", "", text.translate(_FULL_WIDTH))


def chinese_value(run: str) -> int | None:
    """二十五 → 25, 一百零五 → 105, 三万五千 → 35000, 二〇二一 → 2021 (digit by digit)."""
    if not run or any(c not in _DIGIT and c not in _UNIT and c not in _BIG for c in run):
        return None
    if all(c in _DIGIT for c in run):
        if len(run) == 1:
            return _DIGIT[run]
        # 二〇二一 is read digit by digit; 三四天 ("three or four days") is no one number
        return int("".join(str(_DIGIT[c]) for c in run)) if len(run) == 4 or set(run) & {"〇", "零"} else None
    total = section = 0
    digit: int | None = None
    for c in run:
        if c in _DIGIT:
            digit = _DIGIT[c]
        elif c in _UNIT:
            section += (1 if digit is None else digit) * _UNIT[c]
            digit = None
        else:
            section += digit or 0
            total += (section or 1) * _BIG[c]
            section, digit = 0, None
    return total + section + (digit or 0)


def value_of(token: str) -> Fraction | None:
    token = token.replace(",", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", token):
        return Fraction(token)
    n = chinese_value(token)
    return None if n is None else Fraction(n)


_YEAR = r"(\d{4}|[零〇一二三四五六七八九]{4})"
_SMALL = r"(\d{1,2}|[一二三四五六七八九十]{1,3})"
_DATE = re.compile(
    rf"{_YEAR}年(?:{_SMALL}月(?:{_SMALL}[日号])?)?"
    rf"|(?<![\d{CN}]){_SMALL}月(?:{_SMALL}[日号])?"  # 5月1日, 五月 (a month: 5个月 is a duration)
    r"|(\d{4})[-/](\d{1,2})(?:[-/](\d{1,2}))?(?!\d)"
)
_RATIO = re.compile(rf"({_NUM})分之({_NUM})|({_ARABIC})\s*([%‰])")
_ORDINAL = re.compile(rf"第({_NUM})(?![{CN}\d])|(?<![\d.])(\d+)(?=条|款|项)")  # 第十一条, 41条
_DISCOURSE_ORDINAL = re.compile(rf"第[{CN}]{{1,2}}(?=[，、：；,:;])")  # 第一，…  第二、…
_ENUMERATION = re.compile(
    r"(?:^|(?<=\n))\s*\d{1,2}[.、](?!\d)|[(]\d{1,2}[)]|[(][一二三四五六七八九十]{1,3}[)]"
)
_NUMBER = re.compile(rf"({_ARABIC})([万亿])?|{_CN_RUN}")  # 3.5万 is 35000


def _small(token: str | None) -> int | None:
    if not token:
        return None
    value = value_of(token)
    return int(value) if value is not None else None


def dates(text: str) -> tuple[list[Date], str]:
    """The dates in the normalised text, and the text with them blanked out."""
    found: list[Date] = []

    def take(m: re.Match[str]) -> str:
        g = m.groups()
        if g[0] is not None:
            found.append(Date(_small(g[0]), _small(g[1]), _small(g[2])))
        elif g[3] is not None:
            month = _small(g[3])
            if month is None or not 1 <= month <= 12:
                return m.group()  # 36月: not a month
            found.append(Date(None, month, _small(g[4])))
        else:
            found.append(Date(int(g[5]), int(g[6]), _small(g[7])))
        return " " * len(m.group())

    return found, _DATE.sub(take, text)


def _blank(m: re.Match[str]) -> str:
    return " " * len(m.group())


def numbers(text: str) -> set[Number]:
    """Every number in the normalised text, dates excluded (blank them with `dates` first)."""
    text = _ENUMERATION.sub(_blank, _DISCOURSE_ORDINAL.sub(_blank, text))
    found: set[Number] = set()

    def ratio(m: re.Match[str]) -> str:
        if m.group(1) is not None:
            denominator, numerator = value_of(m.group(1)), value_of(m.group(2))
            if denominator and numerator is not None:
                found.add(Number(Kind.RATIO, numerator / denominator))
        else:
            value = value_of(m.group(3))
            if value is not None:
                found.add(Number(Kind.RATIO, value / (100 if m.group(4) == "%" else 1000)))
        return _blank(m)

    def ordinal(m: re.Match[str]) -> str:
        value = value_of(m.group(1) or m.group(2))
        if value is not None:
            found.add(Number(Kind.ORDINAL, value))
        return _blank(m)

    text = _WORDS.sub(_blank, _ORDINAL.sub(ordinal, _RATIO.sub(ratio, text)))
    for m in _NUMBER.finditer(text):
        token = m.group(1) or m.group()
        value = value_of(token)
        if value is None:
            continue
        if len(token) == 1 and not token.isdigit():
            unit = _UNIT_AFTER_ONE if token == "一" else _UNIT_AFTER
            if not unit.match(text, m.end()):
                continue  # 一是, 三保一促, 千方百计: a word, not a number
        if m.group(2):
            value *= _BIG[m.group(2)]
        found.add(Number(Kind.CARDINAL, value))
    return found


def quantities(text: str) -> tuple[set[Number], list[Date]]:
    """The numbers and the dates in a text (any form; normalised here)."""
    found_dates, rest = dates(normalise(text))
    return numbers(rest), found_dates


_QUOTED = re.compile(
    r"“([^”]{1,40})”|‘([^’]{1,40})’|「([^」]{1,40})」|『([^』]{1,40})』|\"([^\"]{1,40})\"|《([^》]{1,60})》"
)
_TITLE_PREFIX = re.compile(r"^中华人民共和国")


def quoted_terms(text: str) -> list[tuple[str, bool]]:
    """Quoted terms, each with whether it is a document title (in 《》)."""
    out = []
    for m in _QUOTED.finditer(text):
        term = next(g for g in m.groups() if g is not None)
        if term.strip():
            out.append((term.strip(), m.group(6) is not None))
    return out


def term_occurs(term: str, *, is_title: bool, support: str) -> bool:
    """A quoted term occurs verbatim (spaces ignored); a title also without 中华人民共和国, and with
    〈〉 inside it read as 《》 (nested titles)."""
    haystack = normalise(support)
    needle = normalise(term)
    if needle in haystack:
        return True
    if not is_title:
        return False
    short = _TITLE_PREFIX.sub("", needle.replace("〈", "《").replace("〉", "》"))
    return bool(short) and short in _TITLE_PREFIX.sub("", haystack).replace("中华人民共和国", "")
