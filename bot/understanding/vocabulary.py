"""The registry's choices as cadres name them in running text: competition types, activity kinds and
ownership, found exactly, by alias, or despite a typo (edit distance and pinyin: 安康悲 → 安康杯, 五晓 → 五小).

`near_choice` is also what a form can use for `您是不是指“五小”？`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from registry.model import ACTIVITY_KINDS, COMPETITION_TYPES

# spelling in running text → legal value; longest spellings are tried first
TYPE_WORDS: dict[str, str] = {
    "安康杯": "安康杯",
    "五小": "五小",
    "六比一创": "六比一创",
    "6比1创": "六比一创",
    "三保一促": "三保一促",
    "五创": "五创",
    "节能减排": "节能减排/N个一",
    "N个一": "节能减排/N个一",
    "N个1": "节能减排/N个一",
    "n个一": "节能减排/N个一",
    "四新合理化建议": "四新合理化建议",
    "合理化建议": "四新合理化建议",
    "四新": "四新合理化建议",
    "4新": "四新合理化建议",  # typed with a digit
    "四新建议": "四新合理化建议",
    "岗位练兵": "岗位练兵",
    "练兵": "岗位练兵",
    "技术比武": "技术比武",
    "技能比武": "技术比武",
    "比武": "技术比武",
    "技能大赛": "技术比武",
    "优质服务": "优质服务",
}
KIND_WORDS: dict[str, str] = {
    "动员大会": "动员会",
    "动员会": "动员会",
    "誓师大会": "动员会",
    "动员部署会": "动员会",
    "座谈会": "座谈会",
    "座谈": "座谈会",
    "交流会": "座谈会",
    "恳谈会": "座谈会",
    "启动仪式": "启动会",
    "启动大会": "启动会",
    "启动会": "启动会",
    "开幕式": "启动会",
    "倡议书": "倡议书",
    "倡议": "倡议书",
    "宣传": "宣传",
    "宣讲": "宣传",
    "标语": "宣传",
    "板报": "宣传",
    "专栏": "宣传",
    "宣传栏": "宣传",
    "公众号": "宣传",
    "横幅": "宣传",
    "展板": "宣传",
    "海报": "宣传",
    "培训": "培训",
    "讲座": "培训",
    "授课": "培训",
    "培训班": "培训",
    "岗位练兵": "岗位练兵",
    "练兵": "岗位练兵",
    "技术比武": "技术比武",
    "技能比武": "技术比武",
    "比武": "技术比武",
    "技能大赛": "技术比武",
    # of no listed kind: 其他, so the form need not ask (推进会, 参观学习, 知识竞答)
    "其他活动": "其他",
    "其它活动": "其他",
    "推进会": "其他",
    "分享会": "其他",
    "演练": "其他",
    "慰问": "其他",
    "报告会": "其他",
    "参观": "其他",
    "观摩": "其他",
    "知识竞答": "其他",
    "知识答题": "其他",
    "表彰大会": "表彰",
    "表彰会": "表彰",
    "表彰": "表彰",
    "颁奖": "表彰",
    "总结表彰": "表彰",
    # events of no listed kind
    "运动会": "其他",
    "健步走": "其他",
    "文艺汇演": "其他",
    "联欢会": "其他",
    "知识竞赛": "其他",
    "发布会": "其他",
    "演讲": "其他",
    "调研": "其他",
    "摄影展": "其他",
    "书画展": "其他",
    "展览": "其他",
    "拔河": "其他",
    "评审": "其他",
    "答题": "其他",
    "结对": "其他",
    "沙龙": "其他",
    "献血": "其他",
    "观影": "其他",
}
OWNERSHIP_WORDS: dict[str, str] = {
    "非公有制": "非公",
    "非公": "非公",
    "民营": "非公",
    "民企": "非公",
    "私营": "非公",
    "私企": "非公",
    "外资": "非公",
    "日资": "非公",
    "韩资": "非公",
    "美资": "非公",
    "港资": "非公",
    "台资": "非公",
    "private": "非公",
    "state-owned": "公有",
    "合资": "非公",
    "个体": "非公",
    "国有": "公有",
    "国营": "公有",
    "国企": "公有",
    "央企": "公有",
    "外企": "非公",
    "公有制": "公有",
    "公有": "公有",
    "集体企业": "公有",
    "事业单位": "公有",
    "机关": "公有",
}

# a typo'd type is only believed where a type is expected: right before 竞赛/杯/活动 …
_TYPE_CONTEXT = re.compile(r"(劳动和技能竞赛|劳动竞赛|竞赛|比赛|活动|杯|赛|报名|登记|备案|申报)")
_OTHER = re.compile(
    r"其[他它]类|类型(?:就|也)?(?:选|是|为|算|[:：])?其[他它]|其[他它](?:类型)?的?(?:竞赛|比赛)|算(?:是|作|成)?其[他它]|归(?:到|为|入)?其[他它]"
)
# 不属于安康杯吧，就算其他类: the type named only to be denied
_DENIED = re.compile(r"(?:不属于|不算|不是|不归|不在)(?:那个|是)?$")
# … or right after a registry verb (帮我报个岗位连兵)
# (报五晓 typed alone: a bare 报 at the start is the same verb)
_TYPE_BEFORE = re.compile(
    r"(?:报个|报一个|报一下|报下|^报|登记个|登记一个|登记|报名|搞个|搞一个|开展|申报|备案|是那个)"
)


@dataclass(frozen=True)
class Found:
    value: str  # the legal value
    said: str  # what the text had
    start: int
    exact: bool


def find_word(text: str, words: dict[str, str]) -> Found | None:
    """The first (leftmost, then longest) spelling of `words` in `text`."""
    best: Found | None = None
    for said in sorted(words, key=len, reverse=True):
        i = text.find(said)
        if i >= 0 and (best is None or i < best.start):
            best = Found(words[said], said, i, True)
    return best


def find_type(text: str) -> Found | None:
    """The competition type a text names; a typo counts only where a type is expected."""
    # words apart stay apart (`技术比五 维修电工的`): a space ends a word like a comma
    text = re.sub(r"\s+", "，", re.sub(r"[“”\"'‘’《》「」]", "", text.strip()))
    exact = find_word(text, TYPE_WORDS)
    other = _OTHER.search(text)
    if exact is not None and not (other and _DENIED.search(text[max(0, exact.start - 4) : exact.start])):
        return exact
    if other:  # 类型选其他, 报个其他类的竞赛
        return Found("其他", other.group(), other.start(), True)
    for m in _TYPE_CONTEXT.finditer(text):
        for n in (7, 5, 4, 3, 2):
            begin = m.start() - n + (1 if m.group() == "杯" else 0)
            said = text[max(begin, 0) : m.start() + (1 if m.group() == "杯" else 0)]
            if len(said) < 2 or not re.fullmatch(r"[\u4e00-\u9fffNn]+", said):
                continue
            value = near_choice(said, COMPETITION_TYPES, extra=TYPE_WORDS)
            if value is not None:
                return Found(value, said, max(begin, 0), False)
    for m in _TYPE_BEFORE.finditer(text):
        for n in (4, 3, 2):
            said = text[m.end() : m.end() + n]
            if len(said) == n and re.fullmatch(r"[\u4e00-\u9fffNn]+", said):
                value = near_choice(said, COMPETITION_TYPES, extra=TYPE_WORDS)
                if value is not None:
                    return Found(value, said, m.end(), False)
    # a type written alone between commas (`技术比舞，2027年…`)
    for m in re.finditer(r"[\u4e00-\u9fffNn]{2,6}", text):
        value = near_choice(m.group(), COMPETITION_TYPES, extra=TYPE_WORDS)
        if value is not None:
            return Found(value, m.group(), m.start(), False)
    return None


_MEETINGS = ("动员会", "座谈会", "启动会", "表彰")


# a meeting said by its verb alone (`搞了三保一促的动员，`, `N个一竞赛启动 在…`)
_BARE_MEETING = re.compile(
    r"(?P<w>动员)(?=[，,。；;！!\s]|$)|(?:竞赛|比武|活动)(?P<s>启动)(?=[，,。；;\s]|$)|(?P<t>启动了)[“\"]"
)
# 其他类, 算其他吧, a bare 其他 between spaces: the kind said to be 其他
_OTHER_KIND = re.compile(r"其[他它]类|算其[他它]|(?:^|(?<=[，,。；;\s]))其[他它](?=[，,。；;\s吧]|$)")


def find_kind(text: str) -> Found | None:
    """The activity's form; a meeting named with its subject (`技术比武动员会`) is the meeting."""
    meetings = {k: v for k, v in KIND_WORDS.items() if v in _MEETINGS}
    found = find_word(text, meetings) or _head_kind(text, find_word(text, KIND_WORDS))
    if found is None and (m := _BARE_MEETING.search(text)):
        said = m["w"] or m["s"] or m["t"]
        return Found("动员会" if m["w"] else "启动会", said, m.start(m.lastgroup or 0), False)
    if found is None and (m := _OTHER_KIND.search(text)):
        return Found("其他", m.group(), m.start(), True)
    return found


def _head_kind(text: str, found: Found | None) -> Found | None:
    """In a compound the last kind word is its head (叉车技能比武赛前培训 is a 培训): the kind that ends
    last in the same piece of text as the first one found."""
    if found is None:
        return None
    piece = re.match(r"[^，,。；;！!？?\s]*", text[found.start :])
    end = found.start + (piece.end() if piece else len(found.said))
    best = found
    for said, value in KIND_WORDS.items():
        at = text.rfind(said, found.start + len(found.said), end)
        if at >= 0 and at + len(said) > best.start + len(best.said):
            best = Found(value, said, at, True)
    return best


def find_ownership(text: str) -> Found | None:
    return find_word(text, OWNERSHIP_WORDS)


@lru_cache(maxsize=4096)
def _pinyin(text: str) -> tuple[str, ...]:
    from pypinyin import lazy_pinyin

    return tuple(p.casefold() for p in lazy_pinyin(text))


def _distance(a: Sequence[str], b: Sequence[str]) -> int:
    prev = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        cur = [i]
        for j, y in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x != y)))
        prev = cur
    return prev[-1]


def near_choice(said: str, options: Sequence[str], *, extra: dict[str, str] | None = None) -> str | None:
    """The one option (or alias target) `said` is a near miss of, else None.

    Same pinyin (安康悲 → 安康杯, 五晓 → 五小) or one character off for names of three or more characters
    (六比一闯 → 六比一创); two options equally near → None, the caller asks.
    """
    said = said.strip()
    if len(said) < 2:
        return None
    spellings = {o: o for o in options} | dict(extra or {})
    hits: set[str] = set()
    for spelling, value in spellings.items():
        if value not in options or len(spelling) < 2:
            continue
        if said == spelling:
            return value
        if len(said) != len(spelling):
            continue
        # same sound (an IME slip) or, for longer names, one character off
        if _pinyin(said) == _pinyin(spelling) or (len(spelling) >= 3 and _distance(said, spelling) == 1):
            hits.add(value)
    return hits.pop() if len(hits) == 1 else None


ALL_TYPES = COMPETITION_TYPES
ALL_KINDS = ACTIVITY_KINDS
