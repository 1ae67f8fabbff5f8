"""Chinese and mixed numerals → numbers (二百, 1.2万, 二○二六). Pure functions, no I/O.

The `ValueError`s raised here are internal: `parse_count` and `parse_date` turn them into a
user-facing `ParseError`.
"""

from __future__ import annotations

import re
from decimal import Decimal

# 〇 (U+3007) and ○ (U+25CB, typed by many IMEs in "二○二六年") both mean zero in years.
DIGITS: dict[str, int] = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "一": 1,
    "壹": 1,
    "二": 2,
    "贰": 2,
    "貳": 2,
    "两": 2,
    "兩": 2,
    "三": 3,
    "叁": 3,
    "參": 3,
    "四": 4,
    "肆": 4,
    "五": 5,
    "伍": 5,
    "六": 6,
    "陆": 6,
    "陸": 6,
    "七": 7,
    "柒": 7,
    "八": 8,
    "捌": 8,
    "九": 9,
    "玖": 9,
}
SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS: dict[str, int] = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
# 廿/卅 still show up in dates ("廿六日"); rewriting them keeps the grammar below small.
_SHORTHANDS = {"廿": "二十", "卅": "三十"}

NUMERAL_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS) + "".join(_SHORTHANDS)

_CN_INT_PART = f"[{re.escape(NUMERAL_CHARS)}]+"
_CN_DECIMAL = re.compile(rf"({_CN_INT_PART}|\d+)点([{''.join(DIGITS)}\d]+)")
_TOKEN = re.compile(rf"\d+(?:\.\d+)?|[{re.escape(NUMERAL_CHARS)}]")


def parse_number(text: str) -> Decimal:
    """Value of a numeral such as "1200", "1.2万", "一千二", "三万五", "二〇二六", "一点五万".

    `text` must already be normalised (ASCII digits) and contain nothing but the numeral.
    Raises ValueError when it is not a well-formed numeral.
    """
    for short, full in _SHORTHANDS.items():
        text = text.replace(short, full)
    # "一点五万": rewrite the Chinese decimal as an Arabic one so the tokenizer sees one number.
    text = _CN_DECIMAL.sub(lambda m: f"{_integer_part(m.group(1))}.{_digit_string(m.group(2))}", text)
    tokens = _TOKEN.findall(text)
    if not tokens or "".join(tokens) != text:
        raise ValueError(f"not a numeral: {text!r}")
    return _evaluate(tokens)


def parse_int(text: str) -> int:
    """Like `parse_number` but the value must be a whole number."""
    value = parse_number(text)
    if value != value.to_integral_value():
        raise ValueError(f"not a whole number: {text!r}")
    return int(value)


def _integer_part(text: str) -> int:
    return int(text) if text.isdigit() else parse_int(text)


def _digit_string(text: str) -> str:
    return "".join(ch if ch.isdigit() else str(DIGITS[ch]) for ch in text)


def _evaluate(tokens: list[str]) -> Decimal:
    has_units = any(t in SMALL_UNITS or t in BIG_UNITS for t in tokens)
    if not has_units:
        if len(tokens) == 1:
            return Decimal(tokens[0]) if tokens[0][0].isdigit() else Decimal(DIGITS[tokens[0]])
        # Without units a run of Chinese digits is read digit by digit: 二〇二六 → 2026.
        if all(t in DIGITS for t in tokens):
            return Decimal("".join(str(DIGITS[t]) for t in tokens))
        raise ValueError("digits without units mixed with Arabic numbers")

    yi_total = Decimal(0)  # everything already closed by 亿
    wan_total = Decimal(0)  # the 万 group closed inside the current 亿 group
    part = Decimal(0)  # digit×unit sums inside the current 万 group
    pending: Decimal | None = None  # a number still waiting for its unit
    last_unit: int | None = None  # most recent unit, for the "一千二" = 1200 shorthand
    small_unit_in_group: int | None = None  # to reject "一百二百" (units must decrease)
    seen_wan = False
    after_unit = False  # pending directly follows a unit (no 零 in between)
    for i, tok in enumerate(tokens):
        if tok in DIGITS or tok[0].isdigit():
            value = Decimal(DIGITS[tok]) if tok in DIGITS else Decimal(tok)
            if tok in DIGITS and DIGITS[tok] == 0:
                # 零 is only a placeholder ("一百零五"); it cancels the shorthand rule.
                if pending is not None:
                    raise ValueError("零 after a bare digit")
                continue
            if pending is not None:
                raise ValueError("two numbers without a unit between them")
            pending = value
            after_unit = i > 0 and (tokens[i - 1] in SMALL_UNITS or tokens[i - 1] in BIG_UNITS)
        elif tok in SMALL_UNITS:
            unit = SMALL_UNITS[tok]
            if small_unit_in_group is not None and unit >= small_unit_in_group:
                raise ValueError("units out of order")
            if pending is None:
                # Only 十 may stand alone ("十二" = 12); "百人" is not a count.
                if unit != 10:
                    raise ValueError(f"{tok} without a number")
                pending = Decimal(1)
            part += pending * unit
            pending, last_unit, small_unit_in_group, after_unit = None, unit, unit, False
        else:  # a big unit
            unit = BIG_UNITS[tok]
            group = part + (pending or 0)
            if unit == 10**4:
                if seen_wan or group == 0:
                    raise ValueError("misplaced 万")
                wan_total, seen_wan = group * unit, True
            else:
                if group + wan_total == 0:
                    raise ValueError("misplaced 亿")
                yi_total += (wan_total + group) * unit
                wan_total, seen_wan = Decimal(0), False
            part, pending, last_unit, small_unit_in_group, after_unit = Decimal(0), None, unit, None, False

    tail = Decimal(0)
    if pending is not None:
        # "一千二" = 1200, "三万五" = 35000, "1万2" = 12000: a single trailing digit right after a
        # unit means "that digit of the next lower unit". "一百零五" (零 in between) stays 105.
        if (
            after_unit
            and last_unit is not None
            and last_unit > 10
            and pending < 10
            and pending == int(pending)
        ):
            tail = pending * (last_unit // 10)
        else:
            tail = pending
    return yi_total + wan_total + part + tail
