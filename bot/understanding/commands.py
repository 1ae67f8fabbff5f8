"""Two kinds of message the scoring in `intents.py` reads badly, found on spent blind sets (blind3,
blind4) and written as classes of words, never as sentences:

- a bare command: a verb and its object only (报五创, 录个倡议书, 活动登记, 看下我的, 开始登记), typed the way
  one types into a search box; nothing in it is asked, so it is no question;
- a question about the assistant itself (这个机器人能查法律吗, 日期格式怎么写, 能用语音吗, 导出功能在哪,
  是发什么命令): how to use it, what it accepts, where a function is; help, not a policy question.
"""

from __future__ import annotations

import re

from bot.understanding.model import Intent
from bot.understanding.vocabulary import KIND_WORDS, TYPE_WORDS, find_kind, find_type

_ASKED = re.compile(r"[?？吗呢么]|哪|什么|啥|怎么|如何|咋|多少|几")
MAX_BARE = 14  # characters: a command is short; anything longer says more than a verb and an object

_TYPES = "|".join(sorted(TYPE_WORDS, key=len, reverse=True))
_KINDS = "|".join(sorted(KIND_WORDS, key=len, reverse=True))
_POLITE = r"(?:请|麻烦|帮我|给我|我要|我想|要|想|得|需要)?"
_AMOUNT = r"(?:一下|一个|一条|一笔|一项|一次|个|条|笔|项|下)?"
_END = r"[!！。.~～吧啊呀哈]*$"

# 报五创, 登记个安康杯, 开始登记, 新建竞赛, 报个竞赛: a competition to register
_REGISTER = re.compile(
    rf"^{_POLITE}(?:开始|现在)?(?:报|登记|报名|申报|填报|上报|备案|新建|新增|登|录)(?:一下|一个|个|下)?"
    rf"(?P<what>[\u4e00-\u9fffNn]{{0,8}}?)(?:竞赛|比赛)?(?:登记|报名)?{_END}"
)
# 录个倡议书, 记一笔：公众号推文宣传劳动竞赛, 活动登记, 录一条：12月1日 启动会: an activity to record
_ACTIVITY_VERB = re.compile(
    rf"^{_POLITE}(?:记|录|记录|录入|补录|补记|新增|添加|登记){_AMOUNT}(?:[：:，,]|$|(?={_KINDS}|活动))"
)
_ACTIVITY_NOUN_FIRST = re.compile(
    rf"^(?:[\u4e00-\u9fff]{{0,6}}?(?:{_KINDS})(?:活动)?|活动)(?:记录|登记|录入|记一下|登记一下|录一下|记录一下){_END}"
)
# 我的, 看下我的, 打开我的第二条, 我的记录: the user's own records
_MY = re.compile(
    r"^(?:看|看看|看下|看一下|查|查查|查下|查一下|打开|显示|列出|翻翻)?(?:一下)?我(?:的|名下的?)"
    r"(?:竞赛|登记|活动|记录|东西|数据)?(?:第[一二三四五六七八九十\d]+(?:条|个|项))?(?:竞赛|活动|记录)?"
    r"(?:详情|情况|信息|内容)?[!！。.?？]*$"
    r"|^我的[\u4e00-\u9fff]{1,8}?(?:竞赛|活动|记录)(?:详情|情况|信息|内容)$"
)
# a help page asked for by its name (操作指南, 功能列表, 使用手册)
_HELP_NOUN = re.compile(
    r"^/menu$|"
    r"^(?:查看|看看|给我|发我|有没有|有)?(?:操作|使用|功能|帮助|用户|新手)(?:指南|列表|手册|说明书?|文档|清单|介绍|帮助|教程)[?？。!！]*$"
)
# English, which some cadres type (log an activity: kickoff meeting today, how many competitions …)
_ENGLISH = (
    (Intent.HELP, re.compile(r"(?i)\b(?:help|what can you do|how (?:do i|to) use|hello|hi there|menu)\b")),
    (Intent.EXPORT, re.compile(r"(?i)\b(?:export|download|excel|spreadsheet|csv)\b")),
    (Intent.STATS, re.compile(r"(?i)\b(?:how many|statistics|stats|in total|total number)\b")),
    (Intent.ACTIVITY, re.compile(r"(?i)\b(?:log|record|add) an? (?:activity|meeting|event)\b")),
    (Intent.REGISTER, re.compile(r"(?i)\b(?:register|sign up|new competition)\b")),
    (Intent.MY, re.compile(r"(?i)\bmy (?:records|competitions|registrations|activities)\b")),
)


def english(text: str) -> Intent | None:
    """The intent of a message written mostly in English, by its key phrase."""
    letters = len(re.findall(r"[A-Za-z]", text))
    if letters < 6 or letters < len(re.findall(r"[\u4e00-\u9fff]", text)):
        return None
    for intent, pattern in _ENGLISH:
        if pattern.search(text):
            return intent
    return None


def bare_command(text: str) -> Intent | None:
    """The intent of a short message that is only a command, else None."""
    s = re.sub(r"\s+", "", text)
    told = _ACTIVITY_VERB.search(s)  # 记一笔：… may go on with the facts
    if not s or (len(s) > MAX_BARE and not told) or _ASKED.search(s):
        return None
    kind, found = find_kind(s), find_type(s)
    # 技术比武 and 岗位练兵 are both a type and a kind: as the object alone they are the competition
    competition = found is not None and (kind is None or found.said == kind.said) and "活动" not in s
    if _MY.search(s):
        return Intent.MY
    if _HELP_NOUN.search(s):
        return Intent.HELP
    if _ACTIVITY_NOUN_FIRST.search(s) and not re.search("竞赛|比赛", s):
        return Intent.ACTIVITY
    if told and (kind is not None or "活动" in s) and not competition:
        return Intent.ACTIVITY
    m = _REGISTER.search(s)
    if m and len(s) <= MAX_BARE and (not m["what"] or found is not None) and (kind is None or competition):
        return Intent.REGISTER
    return None


# the assistant referred to (你, 机器人, 这里, 系统 …) as what does the thing asked about
_ASSISTANT = re.compile(
    r"机器人|助手|小助手|小程序|发[^，,。]{0,4}给你|教我(?:用|怎么)|功能怎么用|(?:这个|本)系统|(?:这个|本)(?:软件|程序|平台|应用)|跟你说|告诉你|给你发|发给你|问你|你才|你能|你会|你可以|"
    r"你(?:都|还)?支持|你(?:都|还)能|你是(?:干|做|谁|什么|啥)|人工还是|是人还是|真人|"
    r"(?:在这|在这里|这里|这儿)(?:怎么|咋|如何|能|可以)?(?:登记|输入|填|录|报|弄|操作|用)"
)
# what one types or taps: formats, templates, commands, voice, buttons, where a function sits
_INPUT = re.compile(
    r"(?<!csv)(?<!CSV)(?<!excel)(?<!Excel)格式|模板|命令|指令|语音|图片|按钮|菜单|界面|输入|认得|入口|功能在哪|"
    r"在哪(?:里)?(?:看|找|点|查|弄)|怎么(?:关联|绑定|切换|退出|返回|撤销|撤回|取消)|"
    r"(?:打|填|输|写)错了?(?:怎么|咋|如何)|(?:日期|时间|电话|人数)(?:要|该|应该)?(?:怎么|咋|如何)写"
)
_OWN = re.compile(r"我(?:的|[\u4e00-\u9fff]{0,3}?(?:报|录|登记|填|提交|上传)的)")
_NEW_USER = re.compile(r"第一次用|初次用|初次使用|刚开始用|刚用|新手|不会用|教我用|教我怎么用|教教我")
# a policy topic named: the question is about the documents even when it mentions the assistant
_TOPIC = re.compile(
    r"工资|加班|休假|经费|合同|补贴|待遇|工伤|社保|仲裁|条例|规定|(?<![啥么有没个])办法|免费|收费|费用|钱|"
    r"要求|总结|材料|报告|方案"
)
_WHAT_FOR = re.compile(r"干嘛|干啥|干什么|做什么|做啥|什么用|有啥用|是什么|还是|哪些")


def names_a_topic(text: str) -> bool:
    """A policy topic (工资, 合同, 工伤 …) named: what is asked is the documents' business."""
    return bool(_TOPIC.search(text))


def about_assistant(text: str, *, asks: bool) -> bool:
    """A question on how to use the assistant, what it accepts or can do."""
    s = re.sub(r"\s+", "", text)
    if len(s) <= 20 and _NEW_USER.search(s):
        return True  # 你好啊 第一次用
    asks = asks or bool(_WHAT_FOR.search(s))
    if not asks and not re.search(r"命令|指令|格式|模板|语音", s):
        return False
    if _ASSISTANT.search(s) and (asks or _INPUT.search(s)):
        return not _TOPIC.search(s) or bool(re.search("机器人|助手|你能|你会|你可以", s))
    m = _INPUT.search(s)
    if m and m.group().startswith("在哪") and (find_type(s) or find_kind(s) or _OWN.search(s)):
        return False  # 我之前报的安康杯在哪里看, 我报的东西在哪看: showing those records answers it
    return bool(m) and not _TOPIC.search(s)
