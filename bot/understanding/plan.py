"""The headed parts of a pasted 竞赛方案: `一、竞赛名称` … `二、竞赛时间` … (or `（一）…`, `1.…`), so a
field is read from its own part (the dates from 竞赛时间, not from the date the plan was issued)."""

from __future__ import annotations

import re

_HEADING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[)）]|\d{1,2}[、.．](?!\d))\s*"
    r"(?P<title>[\u4e00-\u9fff]{2,10})\s*(?:[:：]\s*(?P<rest>.*))?$"
)
# a heading title → the part it is (several spellings of one heading)
_CANONICAL = (
    ("竞赛名称", ("竞赛名称", "活动名称", "名称", "竞赛主题", "活动主题")),
    ("竞赛时间", ("竞赛时间", "活动时间", "时间安排", "起止时间", "竞赛期限", "时间")),
    ("竞赛内容", ("竞赛内容", "主要内容", "竞赛项目", "内容", "竞赛简介", "目标任务", "竞赛目标")),
    ("参赛单位", ("参赛单位", "参赛范围", "参加单位", "参赛对象", "竞赛范围", "参加范围")),
    ("主办单位", ("主办单位", "组织单位", "组织机构", "主办", "组织领导")),
    ("联系方式", ("联系方式", "联系人", "联系")),
)


def canonical(title: str) -> str:
    for name, spellings in _CANONICAL:
        if any(title.startswith(s) or s in title for s in spellings):
            return name
    return title


def sections(text: str) -> dict[str, str]:
    """{canonical heading: its body} for a text with at least two headings; {} otherwise."""
    parts: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        m = _HEADING.match(line)
        if m:
            parts.append((canonical(m["title"]), [m["rest"] or ""]))
        elif parts:
            parts[-1][1].append(line)
    if len(parts) < 2:
        return {}
    out: dict[str, str] = {}
    for title, lines in parts:
        body = "\n".join(x.strip() for x in lines if x.strip())
        if body and title not in out:
            out[title] = body
    return out
