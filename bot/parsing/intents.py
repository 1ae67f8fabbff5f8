"""Conversational intents inside a form (跳过, 上一步, 取消, 确认, 修改) and questions typed instead of answers."""

from __future__ import annotations

import re

from bot.parsing.text import normalise

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
