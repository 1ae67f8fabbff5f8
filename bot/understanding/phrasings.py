"""Phrasings the spent blind sets 5–9 showed (`bench/data/blind*/`), scored after the base signals of
`intents.py`: each rule is a class of words (`cues.py`), never a sentence. Kept apart so the base scoring stays
readable and these later rules can be read, and weighed, as one stage."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.understanding import commands, cues
from bot.understanding.model import Intent


@dataclass(frozen=True)
class Reading:
    """What the base stage found in one message (its text without whitespace, and the signals it set)."""

    s: str
    asks: bool
    policy: bool
    comp: bool
    kind_named: bool
    past: bool
    helped: bool
    exported: bool


def adjust(score: dict[Intent, float], r: Reading) -> None:
    """Add the later phrasings' weights to `score` in place."""
    s, asks, policy, comp, kind_named, past = r.s, r.asks, r.policy, r.comp, r.kind_named, r.past
    helped, exported = r.helped, r.exported
    if cues.HOW_TO_RECORD.search(s) and kind_named:  # 今天发了倡议书，怎么记进去
        score[Intent.ACTIVITY] += 3.0
    if comp and cues.INTO_SYSTEM.search(s) or cues.NEW_FILE.search(s):  # 报到系统里, 建个竞赛档案
        score[Intent.REGISTER] += 3.0
    if cues.THIS_ACTIVITY.search(s) or (past and cues.HOW_IT_WENT.search(s) and not asks):
        score[Intent.ACTIVITY] += 3.0  # 帮我登记这次活动, 报一下前天的比武情况
    if cues.RANKED.search(s) and cues.REGISTRY_NOUN.search(s) and not policy:  # 哪个类型的竞赛最多
        score[Intent.STATS] += 3.5
        score[Intent.REGISTER] -= 3.0
    if cues.DOCUMENT_ASKED.search(s) or cues.MEANING_ASKED.search(s):  # 通知里…哪天, 职工总数是指…
        score[Intent.QUESTION] += 3.0
        score[Intent.REGISTER] -= 2.0
    if cues.ADDED_IN_WORDS.search(s) and (comp or "竞赛" in s) and not cues.MEANING_ASKED.search(s):
        score[Intent.REGISTER] += 4.0  # 再添一个竞赛 优质服务类, 把我们这个五小竞赛加进库里
    if cues.COUNT_WORDS.search(s):  # 国企和民企各登记了多少, 职工总数合计
        score[Intent.STATS] += 4.0
        score[Intent.REGISTER] -= 3.0
    if cues.FILE_WORDS.search(s):  # 下载登记库, 我要一份竞赛台账, 出个表 所有五小竞赛
        score[Intent.EXPORT] += 5.0
    if cues.HELP_MORE.search(s):  # 功能列表发一下, 你除了回答问题还能干嘛
        score[Intent.HELP] += 5.0
    if cues.STATE_ASKED.search(s) and (cues.REFERRED.search(s + "的") or "我报的" in s):
        score[Intent.MY] += 3.0  # 我报的那个安康杯现在是什么状态
    if cues.COUNT_WORDS.search(s) and not re.search("我(?:一共|总共|共)?(?:自己|的|报|登记|录)", s):
        score[Intent.MY] -= 2.0  # 我们区里报的竞赛一共多少人参加: everyone's, counted
    if cues.DO_IT.search(s):  # 我上个月录的活动能撤回吗 帮我删了
        score[Intent.MY] += 3.0
        score[Intent.HELP] -= 3.0
    if (
        s.startswith(("记一笔", "记录一下：", "记录一下:"))
        and (past or kind_named)
        or re.search("(?:已经|圆满|顺利)结束了?|结束了", s)
        and past
    ):
        score[Intent.ACTIVITY] += 3.0  # 记一笔：前天技术比武决赛结束了, 今天的岗位练兵已经结束了
        score[Intent.REGISTER] -= 2.0
    if cues.SAVE_IT.search(s) and (comp or kind_named) and not asks:  # 帮我存一下, 报送竞赛信息
        score[Intent.ACTIVITY if past or kind_named and not comp else Intent.REGISTER] += 3.0
    # 名单表格 打印出来用, 把数据发成文件给我 (not: 表格填报是哪个文件规定的)
    if cues.EXPORT_WORDS.search(s) and not re.search("规定|条例|办法|哪个文件|什么文件|哪份文件", s):
        score[Intent.EXPORT] += 4.0
        if not past:  # 要一个所有登记竞赛的表，发文件给我: a file of the registry, not a new registration
            score[Intent.REGISTER] -= 3.0
    if cues.MY_SEARCHED.search(s):  # 我报的竞赛里有没有六比一创的, 我一共报了几个竞赛
        score[Intent.MY] += 4.0
    if cues.OWN_COUNTED.search(s) and not policy:
        score[Intent.MY] += 2.0
        score[Intent.STATS] -= 2.0
    if cues.STATS_MORE.search(s) and not policy:  # 安康杯和五小哪个参加的人多, 全市多少家, 看总数
        score[Intent.STATS] += 3.5
    if cues.EXPORT_DATA.search(s):  # 导一份2027年的竞赛数据
        score[Intent.EXPORT] += 3.5
    done = re.search(r"(?:搞|开|办|组织|举办|举行)了", s)
    if cues.NOTE_IT.search(s) and (past or kind_named or done) and not asks:  # …三十多个选手，帮我记上
        score[Intent.ACTIVITY] += 3.0
        score[Intent.REGISTER] -= 2.0
    if cues.TALKED_ABOUT.search(s) and kind_named and past:  # 座谈会刚结束…聊了怎么带徒弟
        score[Intent.ACTIVITY] += 4.0
        score[Intent.QUESTION] -= 2.0
    if cues.FIELD_WRONG.search(s):  # 我上周录的活动地点写错了，帮我改成…
        score[Intent.MY] += 2.0
    # 怎么修改已经登记的信息 (not: 劳动合同写错了怎么改, 工伤这个怎么弄)
    if (
        cues.HOW_TO_FIX.search(s)
        and not cues.FIELD_WRONG.search(s)
        and not commands.names_a_topic(s)
        and not policy
    ):
        score[Intent.HELP] += 4.5
        score[Intent.MY] -= 1.5
    if cues.LISTED.search(s) and cues.REGISTRY_NOUN.search(s) and not exported and not policy:
        score[Intent.MY] += 1.0  # 请列出登记库中全部竞赛的联系人和联系电话
    if cues.FILE_VERB.search(s) and not helped and (exported or not policy):
        score[Intent.EXPORT] += 4.0  # 把登记库里…导成一张表, 能不能打包成文件发我
