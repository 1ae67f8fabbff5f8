"""Turn what a cadre types into form values: dates, counts, choices and conversational intents.

Pure functions, no I/O and no channel types, so the conversation engine can call them from any
channel and tests can run them in bulk. Anything the user must correct raises `ParseError`, whose
`message` is polite Simplified Chinese ready to be shown as-is.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Mapping, Sequence
from datetime import date, timedelta

from bot.parsing_numbers import NUMERAL_CHARS, parse_int, parse_number

__all__ = [
    "ParseError",
    "intent_of",
    "looks_like_question",
    "match_choice",
    "normalise",
    "parse_count",
    "parse_date",
]


class ParseError(ValueError):
    """The input cannot be used; `message` tells the user (in Chinese) what to type instead."""

    message: str

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# --------------------------------------------------------------------------- normalise

# Chinese full-width punctuation that NFKC would turn into ASCII. We keep it because the engine
# may echo text back, and free-text answers should look the way the user typed them.
_KEEP_PUNCT = frozenset("，；：？！（）～")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """NFKC (full-width digits/latin → ASCII, ① → 1), drop zero-width marks, strip, and collapse
    every whitespace run (newlines included) to one space. Chinese punctuation such as ，？！（）
    is kept; callers that compare punctuation must accept both forms."""
    text = _ZERO_WIDTH.sub("", text)
    # NFKC segment by segment so the kept punctuation is never touched.
    out: list[str] = []
    start = 0
    for i, ch in enumerate(text):
        if ch in _KEEP_PUNCT:
            out.append(unicodedata.normalize("NFKC", text[start:i]))
            out.append(ch)
            start = i + 1
    out.append(unicodedata.normalize("NFKC", text[start:]))
    return _SPACES.sub(" ", "".join(out)).strip()


# Punctuation that may wrap an answer without changing it ("“二百人”。", "6月1日！").
_EDGE_PUNCT = " \t。．.，,、；;：:！!？?～~…·\"'“”‘’「」『』《》【】()（）[]"


def _strip_edges(text: str) -> str:
    return text.strip(_EDGE_PUNCT)


def _compact(text: str) -> str:
    """normalise + drop all spaces: "2026 年 5 月" and "300 人" read the same as without spaces."""
    return normalise(text).replace(" ", "")


# --------------------------------------------------------------------------- parse_count

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
    s = _strip_edges(_compact(text))
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


# --------------------------------------------------------------------------- parse_date

_DATE_HINT = "没能识别这个日期，请按“2026年6月1日”或“6月1日”的格式输入。"
_WEEKDAYS = "一二三四五六日"
_WEEKDAY_INDEX = {**{ch: i for i, ch in enumerate(_WEEKDAYS)}, "天": 6, "七": 6} | {
    str(i + 1): i for i in range(7)
}
_RELATIVE_DAYS = {
    "今天": 0,
    "今日": 0,
    "明天": 1,
    "明日": 1,
    "后天": 2,
    "大后天": 3,
    "昨天": -1,
    "昨日": -1,
    "前天": -2,
    "大前天": -3,
}
_WEEK_OFFSETS = {"上上": -2, "上": -1, "本": 0, "这": 0, "今": 0, "": 0, "下": 1, "下下": 2}
_MONTH_OFFSETS = {"上": -1, "本": 0, "这": 0, "当": 0, "下": 1, "下下": 2}
_YEAR_OFFSETS = {"前年": -2, "去年": -1, "今年": 0, "本年": 0, "明年": 1, "后年": 2}

_WD = "[一二三四五六日天七1-7]"
_WEEK_RE = re.compile(rf"^(?P<rel>上上|下下|上|下|本|这|今)?个?(?:周|星期|礼拜|週)(?P<wd>{_WD})$")
_MONTH_REL_RE = re.compile(
    r"^(?P<rel>上|本|这|当|下下|下)个?月(?:(?P<d>\d{1,2})[日号]?|(?P<edge>初|底|末))?$"
)
_YEAR_REL_RE = re.compile(
    r"^(?P<rel>前年|去年|今年|本年|明年|后年)(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})[日号]?|(?P<edge>初|底|末))?$"
)
_ABSOLUTE_RES = (
    re.compile(r"^(?P<y>\d{4}|\d{2})年(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})[日号]?|(?P<edge>初|底|末))?$"),
    re.compile(r"^(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})[日号]?$"),
    re.compile(r"^(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})$"),
    re.compile(r"^(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})[日号]?|(?P<edge>初|底|末))?$"),
    re.compile(r"^(?P<m>\d{1,2})[-/.](?P<d>\d{1,2})$"),
    re.compile(r"^(?P<d>\d{1,2})[日号]$"),
)
_WEEK_ONLY_RE = re.compile(r"^(?:上上|下下|上|下|本|这)?个?(?:周|星期|礼拜|週)$")
_YEAR_ONLY_RE = re.compile(r"^(?:\d{2}|\d{4})年$|^(?:前年|去年|今年|明年|后年)$")
# A Chinese numeral directly before 年/月/日/号 is a date part; elsewhere (周一, 星期三) it is not.
_CN_DATE_PART = re.compile(rf"([{re.escape(NUMERAL_CHARS)}]+)(?=[年月日号])")
# "2026年5月26日（星期二）", "5月26日 周二": a weekday the user added, which we double-check.
_TRAILING_WEEKDAY = re.compile(
    r"^(?P<body>.*[\d日号])[(（]?(?:星期|周|礼拜)(?P<wd>[一二三四五六日天七])[)）]?$"
)
_TRAILING_WORDS = ("开始", "起")
_MIN_YEAR, _MAX_YEAR = 1900, 2100


def parse_date(text: str, *, today: date) -> date:
    """A calendar date from how people write it in Chinese.

    Relative words ("明天", "下周一", "下个月1号", "明年一月") are resolved against `today`; weeks
    start on Monday, so with today = Wed 2026-11-25, "本周一" is 11-23 and "下周一" 11-30; a bare
    "周三" means this week's. A date without a year ("5月26日") is always in `today`'s year, even
    if that is months ago; without a day ("一月", "明年一月") it is the 1st of the month; a day
    alone ("15号") is in the current month. Nonexistent dates raise ParseError saying so.
    """
    s = _strip_edges(_compact(text))
    for word in _TRAILING_WORDS:
        if s.endswith(word) and len(s) > len(word):
            s = s[: -len(word)]
    if not s:
        raise ParseError("还没有收到日期，请按“2026年6月1日”或“6月1日”的格式输入。")

    stated_weekday: int | None = None
    m = _TRAILING_WEEKDAY.match(s)
    if m:
        s, stated_weekday = m.group("body"), _WEEKDAY_INDEX[m.group("wd")]

    s = _CN_DATE_PART.sub(_arabic_date_part, s)
    result = _parse_date_core(s, today)
    if stated_weekday is not None and result.weekday() != stated_weekday:
        raise ParseError(
            f"{_format_date(result)}是星期{_WEEKDAYS[result.weekday()]}，"
            f"不是星期{_WEEKDAYS[stated_weekday]}，请核对后重新输入。"
        )
    return result


def _arabic_date_part(m: re.Match[str]) -> str:
    try:
        return str(parse_int(m.group(1)))
    except ValueError:
        raise ParseError(_DATE_HINT) from None


def _parse_date_core(s: str, today: date) -> date:
    if s in _RELATIVE_DAYS:
        return today + timedelta(days=_RELATIVE_DAYS[s])

    m = _WEEK_RE.match(s)
    if m:
        monday = today - timedelta(days=today.weekday())
        weeks = _WEEK_OFFSETS[m.group("rel") or ""]
        return monday + timedelta(weeks=weeks, days=_WEEKDAY_INDEX[m.group("wd")])

    m = _MONTH_REL_RE.match(s)
    if m:
        year, month = _add_months(today.year, today.month, _MONTH_OFFSETS[m.group("rel")])
        return _build(year, month, m.group("d"), m.group("edge"))

    m = _YEAR_REL_RE.match(s)
    if m:
        year = today.year + _YEAR_OFFSETS[m.group("rel")]
        return _build(year, int(m.group("m")), m.group("d"), m.group("edge"))

    for pattern in _ABSOLUTE_RES:
        m = pattern.match(s)
        if not m:
            continue
        parts = m.groupdict()
        year = today.year
        if parts.get("y"):
            year = int(parts["y"])
            if year < 100:  # "26年5月" — two-digit years are this century
                year += 2000
        month = int(parts["m"]) if parts.get("m") else today.month
        return _build(year, month, parts.get("d"), parts.get("edge"))

    if _WEEK_ONLY_RE.match(s):
        raise ParseError("请说明是星期几，例如“下周一”或“本周五”。")
    if _YEAR_ONLY_RE.match(s):
        raise ParseError("请把日期写到月份或具体哪一天，例如“2026年6月”或“2026年6月1日”。")
    raise ParseError(_DATE_HINT)


def _build(year: int, month: int, day_text: str | None, edge: str | None) -> date:
    """Validate and build; missing day → the 1st, 初 → the 1st, 底/末 → the last day."""
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        raise ParseError(f"年份“{year}”看起来不对，请输入{_MIN_YEAR}年到{_MAX_YEAR}年之间的日期。")
    if not 1 <= month <= 12:
        raise ParseError(f"这个日期不存在：一年只有12个月，没有{month}月。请重新输入。")
    last = calendar.monthrange(year, month)[1]
    if edge in ("底", "末"):
        return date(year, month, last)
    day = int(day_text) if day_text else 1
    if not 1 <= day <= last:
        raise ParseError(f"这个日期不存在：{year}年{month}月没有{day}日（这个月只有{last}天）。请重新输入。")
    return date(year, month, day)


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _format_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


# --------------------------------------------------------------------------- match_choice

_ORDINAL_RE = re.compile(
    rf"^(?:选|选择|选第|第)?(?P<n>\d{{1,3}}|[{re.escape(NUMERAL_CHARS)}]{{1,4}})(?:个|项|种|条|号|类)?$"
)


def _choice_key(text: str) -> str:
    """Comparison form: width- and case-insensitive, no spaces, no wrapping punctuation."""
    return _strip_edges(_compact(text).casefold())


def match_choice(
    text: str,
    options: Sequence[str],
    *,
    aliases: Mapping[str, str] | None = None,
) -> str | None:
    """The option the user meant, or None if there is none or more than one candidate.

    Tried in order: exact (case/width-insensitive) match; alias (key → option); option number,
    1-based ("2", "2.", "第二个", "②", "(2)"); then a unique substring either way ("六比一创竞赛"
    → "六比一创", "N个一" → "节能减排/N个一"). The user's text must be at least two characters to
    be looked up inside an option, so "五" does not pick "五小".
    """
    key = _choice_key(text)
    if not key or not options:
        return None
    keyed = [(_choice_key(opt), opt) for opt in options]

    for opt_key, opt in keyed:
        if key == opt_key:
            return opt

    alias_targets: list[tuple[str, str]] = []  # (alias key, resolved option)
    for alias, target in (aliases or {}).items():
        resolved = _resolve_option(target, keyed)
        if resolved is not None:
            alias_targets.append((_choice_key(alias), resolved))
    for alias_key, resolved in alias_targets:
        if key == alias_key:
            return resolved

    number = _ordinal(key)
    if number is not None:
        return options[number - 1] if 1 <= number <= len(options) else None

    return _unique_substring(key, keyed, alias_targets)


def _resolve_option(target: str, keyed: list[tuple[str, str]]) -> str | None:
    # An alias table may spell its target differently from the option list; tolerate that.
    target_key = _choice_key(target)
    for opt_key, opt in keyed:
        if opt_key == target_key:
            return opt
    return None


def _ordinal(key: str) -> int | None:
    # Wrapping punctuation ("(2)", "2.", "2、") is already gone: _choice_key strips it.
    body = key
    m = _ORDINAL_RE.match(body)
    if not m:
        return None
    n = m.group("n")
    if not n.isdigit() and not body.startswith(("第", "选")):
        # A bare Chinese numeral ("五") is too likely to be part of an option name ("五小").
        return None
    try:
        return int(n) if n.isdigit() else parse_int(n)
    except ValueError:
        return None


_NEGATED = re.compile(r"(不|没|别|并非|未)(是|搞|要|选|有|属于|参加|开展)?$")


def _unique_substring(
    key: str, keyed: list[tuple[str, str]], alias_targets: list[tuple[str, str]]
) -> str | None:
    # Options named inside the answer ("六比一创竞赛"); keep only the longest such names, so
    # "非公企业" picks "非公" even though "公" might also be an option.
    inside = [(opt_key, opt) for opt_key, opt in keyed if opt_key in key]
    inside += [(alias_key, opt) for alias_key, opt in alias_targets if alias_key and alias_key in key]
    maximal = {opt for k, opt in inside if not any(k != other and k in other for other, _ in inside)}
    if len(maximal) == 1:
        # "不是五小" / "我们没搞安康杯" name an option to rule it out: ask again rather than pick it
        named = min((key.find(k) for k, opt in inside if opt in maximal), default=0)
        return None if _NEGATED.search(key[:named]) else maximal.pop()
    if maximal:
        return None
    # The answer inside an option name ("N个一" → "节能减排/N个一").
    if len(key) < 2:
        return None
    around = {opt for opt_key, opt in keyed if key in opt_key}
    around |= {opt for alias_key, opt in alias_targets if key in alias_key}
    return around.pop() if len(around) == 1 else None


# --------------------------------------------------------------------------- intent_of

_INTENT_PHRASES: dict[str, tuple[str, ...]] = {
    "skip": (
        "跳过",
        "略过",
        "先跳过",
        "跳过这一项",
        "跳过此项",
        "跳过这个",
        "这个跳过",
        "没有",
        "无",
        "没",
        "暂无",
        "暂时没有",
        "目前没有",
        "还没有",
        "不填",
        "不用填",
        "不需要填",
        "先不填",
        "空",
        "略",
        "-",
        "--",
        "—",
        "——",
        "/",
        "skip",
        "/skip",
        "none",
        "n/a",
        "na",
    ),
    "back": (
        "上一步",
        "返回",
        "后退",
        "返回上一步",
        "回到上一步",
        "退回",
        "回退",
        "上一个",
        "上一题",
        "上一项",
        "back",
        "/back",
    ),
    "cancel": (
        "/cancel",
        "cancel",
        "取消",
        "取消登记",
        "确认取消",
        "不登记了",
        "不填了",
        "不弄了",
        "不要了",
        "算了",
        "退出",
        "退出登记",
        "放弃",
        # not "结束": it is also how people pick the status "已结束"
        "quit",
        "exit",
        "/quit",
        "/exit",
        "/stop",
    ),
    "confirm": (
        "确认",
        "确定",
        "确认无误",
        "确认提交",
        "确定提交",
        "提交",
        "是",
        "是的",
        "对",
        "对的",
        "对了",
        "好",
        "好的",
        "行",
        "可以",
        "没问题",
        "没有问题",
        "正确",
        "没错",
        "无误",
        "嗯",
        "嗯嗯",
        "ok",
        "okay",
        "yes",
        "y",
        "/confirm",
        "/submit",
    ),
    "edit": (
        "修改",
        "改一下",
        "要改",
        "我要改",
        "我要修改",
        "需要修改",
        "改",
        "更正",
        "重填",
        "重新填",
        "不对",
        "不是",
        "不正确",
        "错了",
        "有误",
        "有错",
        "edit",
        "/edit",
    ),
}
_PHRASE_TO_INTENT = {phrase: intent for intent, phrases in _INTENT_PHRASES.items() for phrase in phrases}
# Softeners that do not change the intent: "跳过吧", "好的呀", "请返回".
_TRAILING_PARTICLES = "吧啊呀哦噢嘛啦哈"
_LEADING_WORDS = ("请", "那就", "那", "就")
_INTENT_EDGE = "。.，,！!～~…、 "
_BOT_COMMAND = re.compile(r"^(/[a-z]+)@\w+$")


def intent_of(text: str) -> str | None:
    """ "skip", "back", "cancel", "confirm", "edit" or None.

    Only a whole answer counts ("没有" is skip; "无锡市总工会" and "没有参加过" are not), after
    dropping edge punctuation, a leading 请/那就 and trailing particles like 吧/啊. A "?" makes it
    a question, not an intent ("确认？" → None). "否"/"no" are left to the engine (None).
    """
    s = normalise(text).casefold()
    s = _BOT_COMMAND.sub(r"\1", s)  # Telegram group commands: "/cancel@GonghuiBot"
    if s in _PHRASE_TO_INTENT:  # before stripping, so "-" and "/" survive
        return _PHRASE_TO_INTENT[s]
    if "?" in s or "？" in s:
        return None
    s = s.strip(_INTENT_EDGE)
    for _ in range(2):
        if s in _PHRASE_TO_INTENT:
            return _PHRASE_TO_INTENT[s]
        for word in _LEADING_WORDS:
            if s.startswith(word) and len(s) > len(word):
                s = s[len(word) :]
                break
        s = s.rstrip(_TRAILING_PARTICLES + _INTENT_EDGE) or s
    return _PHRASE_TO_INTENT.get(s)


# --------------------------------------------------------------------------- looks_like_question

# Words that almost only appear in questions. Kept specific: "几" and "多少" also occur in answers
# ("二十几人"), and "不清楚" is an answer (the user does not know), not a request for help.
_QUESTION_WORDS = (
    "什么",
    "啥",
    "怎么",
    "怎样",
    "如何",
    "为什么",
    "为何",
    "哪些",
    "哪个",
    "哪种",
    "哪里",
    "哪儿",
    "是否",
    "能否",
    "可否",
    "可不可以",
    "能不能",
    "是不是",
    "要不要",
    "需不需要",
    "算不算",
    "有没有",
    "请问",
    "意思",
    "指的是",
    "解释",
    "区别",
    "举个例子",
    "不懂",
    "不明白",
    "不知道怎么",
)
_QUESTION_ENDINGS = ("吗", "呢", "么", "嘛")


def looks_like_question(text: str) -> bool:
    """True when the user answers a form question with a question of their own
    ("什么是五小竞赛？", "六比一创是什么意思", "怎么算职工总数"), so the engine can answer it
    instead of storing it as a value."""
    s = normalise(text)
    if not s:
        return False
    if s.rstrip(" 。.!！~～").endswith(("?", "？")):
        return True
    if any(word in s for word in _QUESTION_WORDS):
        return True
    return s.rstrip(" 。.!！~～").endswith(_QUESTION_ENDINGS)
