"""A correction typed in words: `结束日期改成12月31日`, `人数写错了，是250人`, `把单位名称改为…`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.parsing.text import normalise

_WHAT = r"(?:把|将)?(?P<what>[\u4e00-\u9fffA-Za-z]{2,10}?)"
_PATTERNS = (
    # 结束日期改成12月31日 / 把单位名称改为… / 人数应该是250
    re.compile(
        _WHAT
        + r"(?:应该|应)?(?:改成|改为|改作|更正为|更改为|修改为|换成|应为|应该是|应是)[：:\s]*(?P<value>.+)$"
    ),
    # 人数写错了，是250人 / 电话不对，应该是…
    re.compile(
        _WHAT
        + r"(?:写错了|填错了|打错了|错了|有误|不对)[，,。；;！!\s]*(?:应该|应当|应)?(?:是|为)?[：:\s]*(?P<value>.+)$"
    ),
)


@dataclass(frozen=True)
class Correction:
    what: str  # how the user named the field ("人数", "结束日期")
    value: str  # the new value as typed ("250人")


def correction_of(text: str) -> Correction | None:
    """The field named and its new value, or None when the text is not a correction."""
    s = normalise(text)
    if len(s) > 200:
        return None
    for pattern in _PATTERNS:
        m = pattern.match(s)
        if m:
            value = m.group("value").strip(" 。.！!")
            if value:
                return Correction(m.group("what"), value)
    return None
