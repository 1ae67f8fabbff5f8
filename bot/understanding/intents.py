"""What a message is for, by rules: each intent scores the signals it has, the best one wins, and a
close second makes the reading unsure (the engine then asks with buttons).

The signals are kinds of words (asking, stating, registry verbs, record nouns), not sentences: a message
that states facts (a date, a head count, something done) and asks nothing is a record; a request to
list or look up records is `my`, even when it says 登记.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from bot.parsing import looks_like_question
from bot.understanding import commands, cues, phrasings
from bot.understanding.model import Intent
from bot.understanding.spans import COUNT_RE
from bot.understanding.vocabulary import KIND_WORDS, TYPE_WORDS, find_type
from bot.understanding.when import find_dates, is_range

# how to use the assistant's own forms (怎么登记竞赛啊，要填哪些东西？教教我), not how a policy works
_HOW_TO_USE = re.compile(r"要填(?:哪些|什么)|填哪些|需要填|教教我|手把手|怎么操作")
_FORM_VERB = re.compile(r"登记|录入|录|报名|填报|导出|使用|用")
_EXPORT = re.compile(
    r"^/?export|^导(?:个)?表|导出|下载.{0,10}(?:表|excel|Excel|EXCEL|数据|清单|台账|名单)|(?:excel|Excel|EXCEL|xlsx|csv|CSV)|"
    r"(?:生成|做|出|拉|给我).{0,6}(?:表格|台账|报表|汇总表|清单)|发.{0,4}(?:表格|台账)给我|"
    r"(?:登记表|统计表|汇总表|台账|表格|报表|清单)(?:文件)?(?:发|传|给)(?:给)?(?:我|一下|一份)|"
    r"导成|导为|(?:要|来)(?:个|一个|一份)(?:台账|汇总表|表格|报表|登记表)"
)
_STATS = re.compile(
    r"^/?stats|统计|汇总|多少(?:名|位)?(?:职工|人|家企业|家单位|个单位|家)(?:参加|参赛|参与)|(?:多少|几)(?:个|场|次)[\u4e00-\u9fff]{0,4}?(?:会|培训|宣传|倡议书)$|(?:一共|总共)[\u4e00-\u9fff]{0,4}?多少|共(?:有|登记了)多少|(?:多少|几)(?:个|项|家|场|次)[\u4e00-\u9fff]{0,6}?(?:竞赛|活动|比武)|"
    r"(?:竞赛|活动)(?:总数|数量|有多少|多少个|几个)|参赛(?:职工|人数).{0,4}(?:多少|总数|合计)|"
    r"覆盖(?:率|了多少)|占比|分布|排名|进度怎么样|完成情况|整体情况|数据概况|概况|"
    # rates, shares and counts of records (参与率多少, 公有和非公的比例, 南岗区报了几个, 各类竞赛分别多少人)
    r"(?:参与|参赛|参加)率|(?:公有|非公|各区|各类|类型|区县)[\u4e00-\u9fff]{0,6}?(?:比例|比重)|"
    r"(?:竞赛|活动|比武|登记)[\u4e00-\u9fff]{0,4}?(?:有|是)?多少(?:家|个|项|场|次)|(?:报|登记|录|搞)了(?:几|多少)(?:个|项|家|场)|"
    r"分别(?:有|是)?多少|出个数|要个数|总人数(?:是|有)?多少|人次"
)
_FIELD_WORDS = r"(?:联系电话|电话|手机号?|联系人|名称|开始日期|结束日期|开始时间|结束时间|日期|时间|人数|地点|单位|职工总数|类型)"
_MY = re.compile(
    r"^/?my$|我的(?:竞赛|登记|活动|记录|申报)|我们?[\u4e00-\u9fff]{0,4}?(?:登记|报|录入|填|提交)(?:的|过的|了哪些|过)|"
    r"(?:竞赛|登记|活动|记录)[\u4e00-\u9fff]{0,4}?(?:能|要|想|怎么|如何)?(?:改|修改|更改|删除|撤回|撤销)(?:吗|一下|不)?$|"
    r"^(?:我)?(?:要|想)?(?:改|修改|更改)(?:一下)?(?:联系人|联系电话|电话|名称|日期|人数|单位|开始日期|结束日期)|"
    r"(?:列出|列一下|查看|看看|看一下|查一下|查查|查询|调出|显示|打开|找一下|找找|翻一下)(?:一下)?.{0,12}(?:登记|记录|竞赛|活动|台账|库|JS-)|"
    r"登记库|登记(?:过)?的(?:那个|那些|这个)?(?:竞赛|活动)|已登记|JS-\d{4}-\d+|"
    r"(?:修改|更改|改一下|编辑|删除|撤回|更新)(?:一下)?.{0,10}(?:竞赛|登记|活动|记录)(?!.*(?:规定|办法))|"
    r"(?:竞赛|登记|活动|记录)(?:信息|内容)?(?:写错了|填错了|有误|要改)|"
    # a stored record referred to (我上周录的, 刚才登记的), checked (登记了吗) or corrected (电话改成…, 人数填错了)
    r"(?:我|刚才|刚刚|之前|上次|上周|昨天|前天|上个月)[\u4e00-\u9fff]{0,4}?(?:录|录入|报|登记|填|提交)(?:的|过的|过)|"
    r"(?:登记|报|录入|录|提交)(?:了|过)(?:吗|没有|没)|(?:都|已经)?(?:报|登记|录)了(?:什么|哪些|啥)|(?:删掉|删除|删了|撤销|撤回|作废|取消)(?:一下)?(?:我|刚才|刚刚|上周|之前|那个|这个|那条)|"
    rf"{_FIELD_WORDS}的?(?:改成|改为|更正为|换成|应该是)|{_FIELD_WORDS}(?:写错了|填错了|记错了|录错了|错了|有误|不对)|"
    r"(?i:myrecord|mycompetition|myactivit)"
)
_REGISTER_VERB = re.compile(
    r"^/register|(?:登记|报名|备案|申报|录入|(?<!记)录|上报|报备|注册|填报|新建|新增|添加)(?:一下|一个|一项|个|下)?.{0,16}(?:竞赛|比武|练兵|大赛|比赛)|"
    r"(?:竞赛|比武|练兵|大赛)(?:要|想|需要)?(?:登记|备案|报名|申报|录入|上报)|我要登记|想登记|要登记|帮我登记|登记竞赛|^登记[!！。.]*$|"
    r"(?<![汇举申情])报(?:个|一个|一下|下)?(?:竞赛|劳动竞赛)|register|^新(?:增|建|登记)?(?:一个|个)?竞赛|"
    r"^(?:我)?(?:要|想)(?:申报|报名|备案|登记)[!！。.]*$|(?:竞赛|比武|练兵|大赛)(?:要|想|需要|得)报(?:一下|上去|上)?$"
)
# told to go ahead (直接在这报吧, 就帮我报上): a registration even after a question about it
_GO_AHEAD = re.compile(
    r"(?:直接|就)(?:在这|在这里|这里)?(?:帮我)?(?:报|登记)(?:吧|上)|帮我(?:报|登)上|帮我(?:报|登记)(?:一下|下)?吧"
)
# a registry word next to a competition type (登记安康杯, 安康悲报名, 新登记 优质服务): register, unless asked
_REGISTRY_WORD = re.compile(
    r"登记|报名|备案|申报|录入|上报|报备|注册|填报|新建|新增|报个|报一个|报一下|报上去|(?<!记)录(?:个|一个|一下)"
)
_RUN_VERB = re.compile(
    r"(?:搞|开展|举办|组织|启动|举行|发起|开始|准备|打算|计划|拟|将|要|想)(?:了|一个|一场|一次|一项|个)?.{0,20}"
    r"(?:竞赛|比武|练兵|大赛|比赛|杯|" + "|".join(sorted(TYPE_WORDS, key=len, reverse=True)) + ")"
)
_ACTIVITY_VERB = re.compile(
    r"^/activity|记一下|记录一下|记下|记个|录一下|^(?:请|麻烦)?(?:帮我|给我)?记录(?:一下)?[：:，,]|(?:登记|记录|录入|录|上报|报|记)(?:一下|一个|个|下|一次|一条)?.{0,8}(?:活动|(?<!工)会)|"
    r"活动内容|活动地点|参加人数|参会人数|"
    r"(?:开了|召开了|举行了|举办了|组织了|搞了|开展了|办了|发了|发出了|贴了|出了|做了|进行了)"
)
_DONE = re.compile(r"(?:了|过)(?:个|一个|一场|一次|一期)?|(?:开过|已经|刚刚|刚才|刚)")
_TIME_WORD = re.compile(
    r"今天|昨天|前天|前几天|这几天|明天|后天|上午|下午|晚上|上周|本周|这周|下周|上个月|下个月|明年|年底|年初|上半年|下半年|\d{1,2}月\d{1,2}[日号]|\d{1,2}[日号]|[一二三四五六七八九十]+月"
)
_FUTURE_RUN = re.compile(r"起|开始|至|到|截止|结束|期间|为期|计划|预计|拟|打算|准备|将")
_POLICY = re.compile(
    r"结果|名单|获奖|评选|规定|办法|条例|政策|文件|法|要求|标准|条件|程序|流程|依据|意见|通知|怎么(?:开展|组织|搞|申报|登记)|如何|是什么|什么是|"
    r"能不能|可以吗|可不可以|是否|需要什么|要什么|多少钱|经费|补贴|补助|待遇|权益|加班|工资|休假|合同|奖金|奖励|奖品|限制|盖章|资格|评优|评先|"
    r"截止时间|截止日期|期限|"
    r"需要(?:提供|准备|提交|满足|哪些)|要不要|有没有|必须|能否|区别|什么意思|含义|定义"
)
# asking words bot.parsing leaves out because answers contain them too (几, 多少); whole phrases here
_ASKS = re.compile(
    r"多久|多长时间|多少钱|多少天|几天|几年|几次|几个小时|几小时|多大|哪[一二三四五六七八九十几]|有多少|多少人|几场|几个|几项|几家|多少[场个次项家]|"
    r"谁|哪个|哪家|在哪|何时|为什么|为何|是多少"
)
_ANY_DAY = date(2026, 1, 1)  # dates are only counted here, so any reference day will do
_REQUEST = re.compile(r"帮我|给我|麻烦|请你|帮忙|替我")
_REPORT_UP = re.compile(r"报上去|报一下|报个|报一个|上报|报备|报给")
_EXPLICIT_RECORD = re.compile(r"记一下|记录|登记|录入|帮我记|备案|报名|申报|上报|^/")
_PAST = re.compile(
    r"开完|搞完|办完|组织完|举办完|比完|练完|完了|刚结束|昨天|前天|昨日|昨儿|前儿|上周|上个月|上星期|上礼拜|刚才|刚刚|刚开完|刚开了|今天上午|今天下午|今早|上午|下午"
)
_DONE_VERB = re.compile(r"(?:开|召开|举行|举办|组织|搞|开展|办|发|进行|做|参加)(?:了|完|过)")
_FACTS = (
    re.compile(r"1[3-9]\d{9}|0\d{2,3}-?\d{7,8}"),
    re.compile(r"联系人|负责人"),
    re.compile(r"20\d{2}[.\-/年]|\d{1,2}月\d{1,2}[日号]?(?:到|至|-|—|~)|年底|起止"),
    re.compile(r"国企|国有|民营|民企|私营|非公|公有"),
    re.compile(r"全员参|计划|参赛|参加"),
    # who runs it or what it is called (龙兴钢铁的, 松北区总工会, 名称叫…)
    re.compile(r"工会|公司|集团|项目部|[厂局]|的$|名称|名字叫|叫“"),
)
_ACTIVITY_NOUNS = tuple(sorted(KIND_WORDS, key=len, reverse=True)) + ("活动", "会议", "大会", "仪式")
_COMP_NOUNS = ("竞赛", "比武", "练兵", "大赛", "比赛", "擂台赛", "杯")


@dataclass(frozen=True)
class Scored:
    intent: Intent
    confidence: float
    alternatives: tuple[Intent, ...]
    # every intent's score, for a second reader to weigh (bot.understanding.learned.settle)
    scores: Mapping[Intent, float] = field(default_factory=dict, compare=False)


def classify(text: str, *, today: date | None = None) -> Scored:
    score = scores(text, today=today)
    ranked = sorted(score.items(), key=lambda kv: kv[1], reverse=True)
    (best, top), (second, runner) = ranked[0], ranked[1]
    margin = top - runner
    confidence = round(min(1.0, 0.5 + margin / 4), 2)
    alternatives = (second,) if margin < 1.25 else ()
    return Scored(best, confidence, alternatives, score)


def scores(text: str, *, today: date | None = None) -> dict[Intent, float]:
    """Each intent's score for one message; a tie goes to the intent listed first (a question)."""
    s = re.sub(r"\s+", "", text)
    plain_days = re.sub("(?:前|这|那)几天", "", s)  # 前几天 is a time, not a question
    asks = looks_like_question(plain_days) or bool(_ASKS.search(plain_days))
    asks = asks or bool(cues.GRIEVANCE.search(s) and not _EXPLICIT_RECORD.search(s))
    asks = asks or bool(cues.ASKED_NOT.search(s))
    policy = bool(_POLICY.search(s))
    score = dict.fromkeys(Intent, 0.0)
    score[Intent.QUESTION] = 1.0 + (1.5 if asks else 0) + (1.0 if policy else 0)

    if cues.HELP_WORDS.search(s) or cues.HELP_SAID.search(s):
        score[Intent.HELP] += 4.0 if len(s) <= 30 else 1.5
    if _HOW_TO_USE.search(s) and _FORM_VERB.search(s):
        score[Intent.HELP] += 4.0
    go_ahead = bool(_GO_AHEAD.search(s) or cues.GO_AHEAD_MORE.search(s))  # 直接在这报吧: do it
    helped = commands.about_assistant(s, asks=asks) and not go_ahead
    if helped:  # 这个机器人能查法律吗, 日期格式怎么写
        score[Intent.HELP] += 4.5
    if cues.ASKING_OPENS.search(s):  # 问下 安康杯是哪年开始搞的
        score[Intent.QUESTION] += 3.0
    if cues.ARTICLE_ASKED.search(s) or cues.DOCS_ASKED.search(s):  # 第几条讲试用期, 文件上有没有说
        score[Intent.QUESTION] += 3.0
    said = cues.EXPORT_SAID.search(s) and (cues.REGISTRY_NOUN.search(s) or not asks)
    exported = bool(_EXPORT.search(s) or said or cues.EXPORT_MORE.search(s))
    if exported:
        score[Intent.EXPORT] += 3.5 + (
            1.0 if re.search("导出|下载|表格|[表账](?:文件)?(?:发|传|给)|excel|Excel|xlsx", s) or said else 0
        )
    counting = re.sub(cues.TABLE_NOUN, "表", s)  # 汇总表 names a file, 汇总一下 asks for a count
    counting = cues.STAT_TOPIC.sub("", counting)  # 统计口径, 统计年报: a topic, no count asked
    counted_asked = bool(
        (cues.COUNT_ASKED.search(s) or cues.COUNT_MORE.search(counting))
        and cues.REGISTRY_NOUN.search(s)
        and not cues.NORM_ASKED.search(s)
        and not policy
    )
    stated = bool(_STATS.search(counting))
    if stated:
        score[Intent.STATS] += 3.0 - (1.5 if policy and not re.search("统计|汇总", counting) else 0)
        if asks and cues.NORM_ASKED.search(s) and not re.search("统计|汇总", counting):
            score[Intent.STATS] -= 1.5  # 一般开几次推进会: how often it should be, asked of the documents
        if cues.WHAT_ASKED.search(s) and not cues.REGISTRY_NOUN.search(s):
            score[Intent.STATS] -= 2.5  # 统计年报有哪些表: a topic asked about, no records named
    elif counted_asked:  # 今年动员会开了几场, 公有和非公各占多少, 各单位参赛人数排个名
        score[Intent.STATS] += 3.0
    if _MY.search(s) or cues.MY_MORE.search(s):
        score[Intent.MY] += 3.5
    corrected = cues.CORRECTED.search(s) or cues.CORRECTED_MORE.search(s)
    if cues.REFERRED.search(s) and corrected:  # 刚才那条登错了, 我录的…少了一位
        score[Intent.MY] += 3.5
    if counted_asked and not re.search(
        "我[\u4e00-\u9fff]{0,4}?(?:的|录|报|登记|填|提交|上传)|我名下", s
    ):  # 新登记的竞赛有几个: a count
        score[Intent.MY] -= 2.0

    # (the text as typed: 报一下 安康悲 500人 — a typo'd type stands between spaces)
    comp = any(n in s for n in _COMP_NOUNS) or find_type(s) is not None or find_type(text) is not None
    plain = re.sub(r"(?:竞赛|比武|练兵|比赛)活动", "竞赛", s)  # 岗位练兵的竞赛活动 is the competition
    kind_named = any(n in plain for n in _ACTIVITY_NOUNS if n not in TYPE_WORDS)
    counted = bool(COUNT_RE.search(s))
    timed = bool(_TIME_WORD.search(s))
    if _REGISTER_VERB.search(s):
        score[Intent.REGISTER] += 3.0
    past = bool(_PAST.search(s)) or _past_date(text, today)
    done = bool(past and _DONE_VERB.search(s))
    if comp and _RUN_VERB.search(s) and not asks and not done:
        score[Intent.REGISTER] += (
            1.5 + (1.0 if counted else 0) + (1.0 if timed or _FUTURE_RUN.search(s) else 0)
        )
    if _ACTIVITY_VERB.search(s):
        score[Intent.ACTIVITY] += 1.5 + (1.5 if kind_named else 0)
    if kind_named and not asks:
        score[Intent.ACTIVITY] += 1.0 + (1.0 if counted else 0) + (0.5 if timed else 0)
        if _DONE.search(s):
            score[Intent.ACTIVITY] += 1.0
    # a statement of facts that asks nothing is a record, not a question
    if not asks and (counted or timed) and not policy:
        score[Intent.QUESTION] -= 1.0
    if asks and not _REGISTER_VERB.search(s) and not _ACTIVITY_VERB.search(s):
        score[Intent.REGISTER] -= 1.0
        score[Intent.ACTIVITY] -= 1.0
    elif asks and not _EXPLICIT_RECORD.search(s):  # 我们厂开了动员会吗: asked about, not told
        score[Intent.REGISTER] -= 1.5
        score[Intent.ACTIVITY] -= 1.5
    # an event told by its time and head count (今天组织职工参观学习，共40人) is a record
    if not asks and timed and counted and not comp and not policy:
        score[Intent.ACTIVITY] += 2.0
    # both a competition being run and a meeting held: the meeting is what was done (动员会 of a 竞赛)
    if score[Intent.ACTIVITY] > 0 and score[Intent.REGISTER] > 0 and _DONE.search(s) and kind_named:
        score[Intent.ACTIVITY] += 1.0
    # a request to register (帮我登记…, 能不能帮我登记…) is one, even when it is phrased as a question
    if _REQUEST.search(s) and _REGISTER_VERB.search(s):
        score[Intent.REGISTER] += 1.5
    if _REQUEST.search(s) and _EXPLICIT_RECORD.search(s) and kind_named:
        score[Intent.ACTIVITY] += 1.5
    lookup = score[Intent.MY] > 0 or stated or counted_asked or exported
    if not asks and not lookup:
        if cues.RECORD_ADDED.search(s):  # 新增活动, 添加动员会记录, 记一个竞赛活动
            score[Intent.ACTIVITY] += 3.0
        elif cues.NEW_COMPETITION.search(s):  # 有个新竞赛要填
            score[Intent.REGISTER] += 3.0
    if comp and _REGISTRY_WORD.search(s) and not asks and not lookup:
        if not done:
            score[Intent.REGISTER] += 2.0
        elif not kind_named and not re.search("比武|练兵", s):  # 上个月搞了五小竞赛，想登记一下
            score[Intent.REGISTER] += 4.0
    if go_ahead:
        # 上周的表彰大会要登记吗 帮我登上: what goes ahead is the meeting named, not a competition
        # (能帮我登上吗: asked politely, still a go-ahead)
        score[Intent.ACTIVITY if kind_named and not comp else Intent.REGISTER] += 4.5 if asks else 3.0
    phrasings.adjust(
        score,
        phrasings.Reading(
            s,
            asks=asks,
            policy=policy,
            comp=comp,
            kind_named=kind_named,
            past=past,
            helped=helped,
            exported=exported,
        ),
    )
    if comp and _REPORT_UP.search(s):  # 搞了个安康杯，想报上去
        score[Intent.REGISTER] += 2.0
    # a competition with its dates and no question (安康杯 从下周一开始 到明年6月30日) is being registered
    gone = past and not _FUTURE_RUN.search(s)  # told of a day gone by, nothing planned
    if comp and not asks and not past and _date_range(s):  # 明年一月到三月: the time it will run
        score[Intent.REGISTER] += 2.0
    if comp and not asks and not done and not gone and not kind_named and find_dates(s, today=_ANY_DAY):
        score[Intent.REGISTER] += 2.0
    # a competition stated by its facts (dates, head counts, phone, contact) without a verb is a registration
    facts = sum(bool(p.search(s)) for p in _FACTS) + counted + timed
    if (
        comp
        and not asks
        and not policy
        and not gone
        and (facts >= 2 or (facts and len(s) <= 30))
        and not kind_named
    ):
        score[Intent.REGISTER] += 1.0 + 0.5 * facts
    if score[Intent.STATS] > 0 or score[Intent.EXPORT] > 0:  # counting or exporting records is not adding one
        score[Intent.REGISTER] -= 3.0
        score[Intent.ACTIVITY] -= 3.0
        if re.search("统计|汇总", counting):
            score[Intent.STATS] += 1.0
    # something done at a past time (前天 … 组织了岗位练兵) is a record, even when it is also a competition type
    # a contest that is also an activity kind (技术比武, 岗位练兵) held on a day gone by: a record of it
    if past and not asks and re.search("比武|练兵", s) and not _FUTURE_RUN.search(s):
        score[Intent.ACTIVITY] += 2.5
    # something done told in the past tense (宣讲了竞赛方案, 设了咨询台宣传…): a record, its topic words
    # (权益, 工资) no policy question when nothing is asked
    if (
        not done
        and not asks
        and not lookup
        and cues.done_something(s, past=past)
        and score[Intent.REGISTER] < 3
    ):
        score[Intent.ACTIVITY] += 2.5
        score[Intent.QUESTION] -= 1.0 if policy else 0
    if done and not asks:
        score[Intent.ACTIVITY] += 2.0
        score[Intent.REGISTER] -= 1.0
    # a requirement asked of a competition (报名…需要单位盖章吗): the documents, not a registration
    if asks and policy and not _REQUEST.search(s) and not cues.GO_AHEAD_MORE.search(s):
        score[Intent.REGISTER] -= 2.5
        score[Intent.ACTIVITY] -= 2.5
    if helped and asks:  # asked how to do it (导出功能在哪, 在这个助手里怎么修改), not doing it
        for intent in (Intent.EXPORT, Intent.MY, Intent.STATS, Intent.REGISTER, Intent.ACTIVITY):
            score[intent] -= 3.0
    if score[Intent.MY] > 0:  # looking records up is not registering or recording them
        score[Intent.REGISTER] -= 2.0
        score[Intent.ACTIVITY] -= 2.0
        score[Intent.QUESTION] -= 1.0 if not policy else 0
    bare = commands.bare_command(s) or commands.english(text)  # 报五创, 看下我的, how many …
    if bare is not None:
        score[bare] += 5.0
    return score


def _past_date(text: str, today: date | None) -> bool:
    """A date already gone (`11.28搞了岗位练兵`, 今天 counts): something done, not planned."""
    if today is None:
        return False
    for m in find_dates(text, today=today):
        if m.fixed is not None:
            if m.fixed <= today:
                return True
            continue
        if m.month is None or m.day is None:
            continue
        try:
            d = date(m.year or today.year, m.month, m.day)
        except ValueError:
            continue
        if d <= today and (today - d).days <= 92:
            return True
    return False


def _date_range(text: str) -> bool:
    mentions = find_dates(text, today=_ANY_DAY)
    return any(is_range(text, a, b) for a, b in zip(mentions, mentions[1:], strict=False))
