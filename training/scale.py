"""Whether a value fits a quiz item about a quantity: of the same scale as the true one, not computable
from the stem (an evenly stepping series, a count of a list the stem gives), and which words tie it to
what it counts when other documents are searched for it."""

from __future__ import annotations

import re

from training.quantities import Kind, Quantity

_LISTED = re.compile(r"、|或者|以及|和|及")


def counts_the_list(stem: str, q: Quantity) -> bool:
    """A count the stem itself enumerates (完全不能自理、大部分不能自理或者部分不能自理3个不同等级): the blank
    is read off the list before it."""
    if q.kind is not Kind.COUNT:
        return False
    clause = re.split(r"[，,；;。]", stem[: q.start])[-1]
    return len(_LISTED.findall(clause)) + 1 >= q.value


MAX_RATIO = 3  # a distractor or false value within a third to three times the true one


def plausible(true: int, other: int) -> bool:
    """A value of the same scale as the true one: 四年 or 六年 for 任期五年, not 十五年 or 十六年; a value
    an order of magnitude off gives the answer away."""
    return max(true, other) < MAX_RATIO * min(true, other)


def in_series(q: Quantity, qs: list[Quantity]) -> bool:
    """Whether the quantity is one of three or more of its kind in a row that step evenly (13, 11, 9, 7
    个月): the stem then computes its blank, or shows a changed value at once."""
    values = [o.value for o in qs if o.kind is q.kind and o.unit == q.unit]
    at = [n for n, o in enumerate(o for o in qs if o.kind is q.kind and o.unit == q.unit) if o is q]
    if len(values) < 3 or not at:
        return False
    k = at[0]
    for first in range(max(0, k - 2), min(k, len(values) - 3) + 1):
        a, b, c = values[first : first + 3]
        if b - a == c - b != 0:
            return True
    return False


_WORDS = re.compile(r"[^，,。；;：:、！？!?（）()“”]+")


_BOUND_WORDS = re.compile(r"^(?:及?以上|以下|以内|之内|内|前|后|的)+")


def beside(stem: str, q: Quantity, written: str) -> str:
    """The quantity as written with the words it is about: the next three characters (九十八天的产假),
    or, when those are only bound words or punctuation (会员二十五人以上的，; 任期五年。), the three before
    as well (有会员二十五人以上的, 届任期五年): `二十人以上` alone says nothing about what is counted."""
    end = q.start + len(q.text)
    m = _WORDS.match(stem[end : end + 3])
    after = m.group(0) if m else ""
    if len(_BOUND_WORDS.sub("", after)) >= 2:
        return written + after
    head = stem[max(0, q.start - 3) : q.start]
    words = _WORDS.findall(head)
    before = words[-1] if words and head.endswith(words[-1]) else ""
    return before + written + after
