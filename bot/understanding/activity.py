"""The activity fields a message states: kind, date, place, participants, summary, linked competition."""

from __future__ import annotations

import re
from datetime import date

from bot.understanding import form, spans, when
from bot.understanding.naming import names_more_than_a_type
from bot.understanding.summary import content
from bot.understanding.vocabulary import KIND_WORDS, TYPE_WORDS, Found, find_kind, find_type

_PLACE = re.compile(
    r"(?:地点|地址|场地)\s*(?:[:：]|在|是|为)?\s*(?P<a>[^，,。；;\n\s]{2,30})"
    # (not across a space: 在工会活动室 三十来人 听取…对… is held in the 活动室)
    r"|(?<![现存实])在(?P<b>[^，,。；;\n\s在]{2,24}?)(?:上|里)?(?=召开|举行|举办|开展|组织|开了|开的|搞了|进行|开|搞|办了|办(?!公)|集中|为|给|对|"
    r"向|发了|发|贴|挂|念|拉|设|摆|出|放|(?<!直)播|签|做|推送|发布)"
    # 去哈尔滨新区科创园参观学习: where they went to
    r"|(?:去|到|赴)(?P<e>[\u4e00-\u9fff]{2,16}?)(?=参观|学习|观摩|考察|调研|慰问|走访)"
    # `…，在食堂二楼` / `在项目部，六十人`: a place said at the end of its clause
    r"|(?<![现存实正])在(?P<d>[\u4e00-\u9fffA-Za-z0-9]{2,14})(?=[，,。；;\s]|$)"
    # (not across a verb: 在三号楼会议室组织了劳模进车间分享会 is held in the 会议室)
    r"|(?P<c>(?:(?!在|了|组织|召开|举办)[\u4e00-\u9fffA-Za-z0-9]){0,16}(?:会议室|办公室|学校|礼堂|大礼堂|报告厅|多功能厅|活动中心|职工之家|培训中心|培训室|"
    r"调度室|值班室|控制室|接待室|车间|食堂|广场|现场|工地|厂区|厂房|活动室|阅览室|职工书屋|营业厅|餐厅|操场|体育馆|会场|会议中心|大厅|展厅|教室|实训基地|基地|中心|项目部|"
    r"宣传栏|公告栏|收银区|仓库|训练场|实训室|考场|赛场|文化宫|文化馆|图书馆|示教室|"
    r"(?:实训|教学|办公|综合|科研|行政|培训|生产|调度)楼|大楼|"
    r"腾讯会议|钉钉|微信群|视频号|公众号|视频会议|直播间|"
    r"门口|大门口|门前|楼前|大院|园区|码头|公园|纪念馆|博物馆|展览馆|会堂|剧场|体育场|球场|"
    r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})(?:楼|层)))"
    # not whose or whom (车间班组长, 食堂的意见)
    r"(?!的|班组|班长|组长|主任|职工|工人|员工|主席|代表|同志|干部)"
)
# how it was held, not where (线上培训, 在线上开了): the cadres who labelled the blind sets leave such a place out
# (5 of 6), a named platform is one (腾讯会议, 钉钉)
_ONLINE = ("线上", "网上", "在线")
_CHANNEL = re.compile(r"(?:公众号|抖音|视频号|微博|朋友圈)$")
_PARTICIPANTS = re.compile(
    rf"(?:来了|到了|参加|参会|出席|到场|到会|参与|参赛|参培|共有|有|组织|动员|培训|覆盖|参训|共|约|近)(?:了)?(?:职工|人员|员工|工人)?(?:约|大约|近|共)?{spans.COUNT}"
    rf"|{spans.COUNT}(?:选手|职工|员工|工人|女工|人员|队员)?(?:参加|参会|出席|到场|参与|参训|参赛|受训|受益|观看|签名)"
    rf"|{spans.NUM}个(?:女工|职工|员工|工人|选手|队员)(?:参加|参与|参赛|参训)"
    r"|(?:参加人数|参会人数|人数|参训人数)\s*(?:[:：]|为|是|约|共|达|大概是|大约是|约是|大概|大约)?\s*"
    + spans.COUNT_OPT
)
_JUST_NOW = re.compile(
    r"刚(?:刚|才)?(?:开完|搞完|办完|开了|搞了|结束|开过)|刚才"
    # 下午在一楼大厅开了启动会: a part of a day with no day named is today's
    r"|^(?:今天)?(?:上午|下午|中午|晚上|早上)(?=在|开|搞|办|组织|召开|举行|举办|[，,\s])"
)
# people and a number without 人 (`工人一百二十多`)
_PEOPLE_NUMBER = re.compile(
    r"(?:职工|工人|员工|人员|学员|选手|到会|参会|参加)(?:约|大约|近|共)?(?:\d+|[一二两三四五六七八九十百千]+)(?:多|余|来|几)?(?:个人|个)?(?=[，,。；;\s]|$)"
    r"|(?:^|(?<=[，,。；;\s]))(?:大概|大约|约|差不多)?(?:\d+|[一二两三四五六七八九十百千]+)(?:多|余|来|几)个?人(?=[，,。；;\s]|$)"
    # 来了八十多个, 参加的十八个人, 人来的挺全 大概三百: a count of those who came, its noun left out
    r"|(?:来了|到了|参加的|参会的|到会的|听的人|看的人|来的人|到的人|现场)(?:有|是)?(?:约|大约|大概|近|共|得有)?(?:\d+|[一二两三四五六七八九十百千]+)(?:多|余|来)?"
    r"(?:个人|个|人|位|名)?(?:居民|群众|职工|工人|员工|观众)?(?=[，,。；;\s和]|$)"
    # 人不多，二十个左右
    r"|人(?:数)?不多[，,\s]*(?:就|也就|大概|大约|约|估计)?(?:\d+|[一二两三四五六七八九十百千]+)(?:多|来)?个?(?:人)?(?:左右)?(?=[，,。；;\s]|$)"
    # 18 people
    r"|\d+\s*(?i:people|persons|participants|ppl)\b"
    # 十五个劳模代表, 二十来个一线职工谈了…: a count of the people named after it
    r"|(?:\d+|[一二两三四五六七八九十百千]+)(?:多|余|来)?个(?=[\u4e00-\u9fff]{0,4}?(?:代表|职工|工人|员工|劳模|选手|学员|师傅|会员|骨干|班组长|组长|青工|护士|老师|司机|居民))"
    r"|(?<=人)[^，,。；;]{0,6}[，,\s](?:大概|大约|约|差不多)(?:\d+|[一二两三四五六七八九十百千]+)(?:多|余|来)?(?=[，,。；;\s]|$)"
)
# those honoured, counted right after the verb (表彰安全生产先进个人20名; not 表彰会 今天 五十人)
_HONOURED = re.compile(r"(?:表彰(?!会|大会)了?|奖励了?|评选出|评出了?|授予|获得)[^，,。；;\s]{0,12}$")
_DATE_LABEL = ("活动日期", "活动时间", "时间", "日期")


def extract_activity(text: str, *, today: date) -> tuple[dict[str, object], dict[str, str]]:
    fields: dict[str, object] = {}
    notes: dict[str, str] = {}
    flat = form.unnumbered(form.half_width(text.strip()))
    # a building named for training (培训楼, 培训中心) is a place, not the kind of what was held there
    kind = find_kind(re.sub(r"培训(?=楼|中心|室|基地|学校|教室|部|处)", "··", flat))
    if kind is not None:
        fields["kind"] = kind.value
    mentions = when.find_dates(flat, today=today)
    # 11月份的培训补录一下 11月18号: the day, when a month alone is said first
    dated = [m for m in mentions if m.day is not None or m.fixed is not None] or mentions
    if dated:
        try:
            value, _note = when.resolve(dated[0], role="date", today=today)
            fields["date"] = _not_ahead(value, dated[0], today)
        except ValueError:
            pass
    elif _JUST_NOW.search(flat):  # 刚开完启动会: today
        fields["date"] = today
    place = _place(flat)
    if place:
        fields["place"] = place
    m = _PARTICIPANTS.search(flat)
    if m:
        number = spans.number_in(m.group())
        if number is not None:
            fields["participants"] = number
    if "participants" not in fields and (m := _PEOPLE_NUMBER.search(flat)):
        fields["participants"] = spans.number_in(m.group())
    if "participants" not in fields:
        # those honoured (表彰了十名技术能手) are not those who came
        found = [
            c
            for c in spans.counts(flat)
            if not _HONOURED.search(flat[max(0, c[1] - 14) : c[1]])
            and not re.match(
                r"[^，,。；;\s]{0,6}(?:受表彰|获表彰|获奖|受奖)", flat[c[2] :]
            )  # 二十名技术能手受表彰
        ]
        if len(found) == 1 and found[0][0] > 1:  # (一人一小时一度电: no head count)
            fields["participants"] = found[0][0]
    comp = _competition(flat, kind)
    if comp:
        fields["competition"] = comp
    # (an event of no listed kind, 义务献血, 插花沙龙, is itself what was done: its word stays in the summary)
    summary = content(flat, fields, kind.said if kind and kind.value != "其他" else None)
    if summary:
        fields["summary"] = summary
    return fields, notes


def _not_ahead(day: date, said: when.Mention, today: date) -> date:
    """An activity took place (or takes place today): 3号那天 said on 12-02 is last month's 3rd, and a month
    and day without a year ahead of today are last year's."""
    if day <= today or said.fixed is not None or said.year is not None:
        return day
    if said.month is None:
        back = date(day.year - (day.month == 1), 12 if day.month == 1 else day.month - 1, 1)
        try:
            return back.replace(day=day.day)
        except ValueError:
            return day
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day


def _place(text: str) -> str | None:
    found = list(_PLACE.finditer(text))
    said = [m for m in found if m["a"]] or [m for m in found if m["b"] or m["d"] or m["e"]]
    said = said or [m for m in found if m["c"]]
    for m in said:
        if _quoted_at(text, m.start()):
            continue  # “绿色工地”竞赛: a name in quotes, not a place
        place = (m["a"] or m["b"] or m["d"] or m["e"] or m["c"]).strip()
        place = re.sub(r"^(?:地点|地址|场地)(?:在|是|为)?", "", place) or place
        # 组织职工到红色教育基地, 征求对食堂…: the place starts after the verb or preposition
        place = re.sub(r"^.*(?:在|到|去|赴|对|向|给|为|了)", "", place) if m["c"] else place
        place = re.sub(r"^(?:了|在|于|用|通过|借助)(?=..)", "", place)  # 用钉钉: the platform
        place = re.sub(
            r"^(?:上周.|本周.|这周.|今天|昨天|前天|上午|下午|晚上|\d{1,2}月\d{1,2}[日号]|\d{1,2}[日号](?=那天|当天)|那天|当天)+",
            "",
            place,
        )
        place = re.sub(r"(?<=..)(?:上|里)$", "", place)  # 班前会上, 公众号上
        # 在实训中心比的, 在实训基地比完了
        place = re.sub(
            r"(?<=..)(?:比的|练的|开的|搞的|办的|举行的|比完了?|办完了?|开完了?|搞完了?)$", "", place
        )
        place = re.sub(r"(?<=..)(?:班前会|班后会|例会|晨会)$", "", place)  # 在车间班前会上
        # 在生产调度室听取了情况汇报: the place ends at the verb
        place = re.split(r"(?<=..)(?:听取|召开|举行|举办|开展|组织|进行|搞了|开了|汇报)", place)[0]
        place = re.sub(r"^(?:就在|就是|在)(?:我们|咱们)?|^(?:我们|咱们)(?=.{4})", "", place) or place
        # 在二楼小会议室和十几个技术员开了个座谈会: with whom, not where
        place = re.split(
            r"(?:和|跟|同)(?=[\d一二两三四五六七八九十几]+(?:多|来)?个|[\u4e00-\u9fff]{0,6}(?:职工|员工|技术员|代表|班组长))",
            place,
        )[0]
        if re.search(r"竞赛|比武|活动(?!室|中心)|向|[\d零〇一二两三四五六七八九十百千]+人", place):
            continue  # 在N个一竞赛中向全体职工…: a competition, not a place
        # (where a post was published, 公众号, 抖音, is no place to the writers of the spent sets: 6 of 7)
        if place in _ONLINE or re.match(r"^[\d一二两三四五六七八九十几]+个", place) or _CHANNEL.search(place):
            continue  # 去了五个车间: how many were visited, not where
        if len(place) >= 2 and not re.search(r"(?:今天|昨天|前天|上午|下午|晚上|月|日|怎么|如何)$", place):
            return place
    # a unit named on its own (`本周一 动员会 哈尔滨电机厂 七十人`): where it was held
    for org in spans.organisations(text):
        if re.search(rf"(?:^|[，,；;\s]){re.escape(org)}(?:[，,；;\s]|$)", text):
            return org
    return None


def _quoted_at(text: str, at: int) -> bool:
    return text[:at].count("“") > text[:at].count("”")


# a competition named in full: a run of words ending in 竞赛/大赛 that says more than its type and holds a
# type or a year (`地铁3号线二期六比一创竞赛`, `2027年度安全生产安康杯竞赛`, `金点子五小创新大赛`)
_FULL_NAME = re.compile(r"(?P<n>[\u4e00-\u9fffA-Za-z0-9“”]{2,30}?(?:竞赛|大赛))")
_BEFORE_NAME = re.compile(
    r"^.*(?:开了个|开了|开的|召开了?|开展了?|举办了?|组织了?|搞了|举行了?|参加了?|号召|推进|围绕|部署|宣传|讲话|动员|"
    # (a place word, not 场 alone: 哈尔滨机场二期扩建工程劳动竞赛 is one name)
    r"室|厅|堂|会场|广场|现场|操场|赛场|在|为|给|是|的|了|篇|征求|属于|谈谈|听取|对|算|关于|介绍|推介|去年|今年|发放|一期|做了|"
    r"开完|刚|宣讲|宣传|今天|昨天|前天|上午|下午|晚上|早上|参与|表彰|所属|观摩|参观|讨论|播放|张贴|发布|推送|上一?年度|上一?届|响应|"
    r"\d{1,2}月\d{1,2}[日号])"
)
# a contest named by what is contested (带电作业技术比武, 护理岗位练兵): when the activity is that contest,
# the contest is the competition it belongs to
_NAMED_CONTEST = re.compile(
    r"(?P<n>[\u4e00-\u9fffA-Za-z0-9]{2,14}?(?:技术比武|技能比武|岗位练兵|技能大赛|操作比武|技能竞赛|讲课比武|比武))"
)
_NOT_CONTEST_WORDS = re.compile(
    r"今天|昨天|前天|上周|本周|上午|下午|晚上|搞了|开了|组织|举办|开展|进行|参加|在|记|录|登记|我们|一下|个|了|室|场|次|"
    r"表彰|去年|今年|\d{1,2}[月日号]|对|上半年|下半年"
)
# the types that are also activity kinds (岗位练兵, 技术比武) are what was done, not the competition
_KIND_TYPES = {w for w, v in TYPE_WORDS.items() if v in KIND_WORDS.values()}
_TYPE_SPELLINGS = sorted((w for w in TYPE_WORDS if w not in _KIND_TYPES), key=len, reverse=True)


# a type that is also a common noun (合理化建议, 节能减排) spoken of as a topic (号召大家参与合理化建议征集,
# 表彰了合理化建议优秀提案人): the writers of the spent sets link no competition to 8 of the 10 such messages
_COMMON_NOUNS = ("合理化建议", "节能减排")
_TOPIC_ONLY = re.compile(
    r"(?:参与|积极提|围绕|聊了?聊?|表彰了?|更新了|优秀)▲(?!竞赛|劳动竞赛|活动|的)|▲(?:征集|优秀|怎么|技术推广|宣传展板)"
)
# any type talked about as an idea (聊了聊五小创新的想法, 倡议全体职工立足岗位搞五小创新): no competition named
_TALKED_OF = re.compile(
    r"(?:聊了?聊|讨论|谈了?谈|立足岗位搞)▲(?!竞赛|劳动竞赛|活动)|讲了?▲(?:创新)?的?(?:政策|想法|课题)"
)


# the contest held is a round or a part of a competition named after 属于/是
_PART_OF = re.compile(
    r"属于(?P<n>[^，,。；;\s]{2,30}?(?:竞赛|大赛|比武|练兵))(?:的)?(?:初赛|决赛|预赛|复赛|一项|一部分|一个项目)?(?=[，,。；;\s]|$|的)"
    # (是 only with the round: 主题是动员大家参加…竞赛 is no part of one)
    r"|是(?P<m>[^，,。；;\s]{2,30}?(?:竞赛|大赛|比武|练兵))的?(?:初赛|决赛|预赛|复赛|一项|一部分|一个项目)"
)


_QUOTED_COMPETITION = re.compile(r"[“\"](?P<n>[^”\"]{2,24})[”\"](?:劳动)?竞赛")


def _competition(text: str, kind: Found | None) -> str | None:
    """The competition an activity belongs to, as the text mentions it: its full name, else its type word
    as said (`安康杯`, `节能减排`), which the form matches against the cadre's competitions."""
    part = _PART_OF.search(text)  # 属于“匠心杯”电工技能大赛, 是电焊工技能比武的初赛
    if part:
        said = part["n"] or part["m"]
        return spans.unquote(said) if said.count("“") == said.count("”") else said
    quoted = _QUOTED_COMPETITION.search(text)  # 启动了“安全行车百日无事故”竞赛
    if quoted and not any(w in quoted["n"] for w in TYPE_WORDS):
        return quoted["n"]
    for m in _FULL_NAME.finditer(text):
        name = m["n"]
        year = re.search(r"20\d{2}年|二[〇零○][〇零○一二三四五六七八九]{2}年", name)  # 2026年, 二〇二六年
        name = name[year.start() :] if year else _BEFORE_NAME.sub("", name)
        name = (
            re.sub(r"^(?:上半年|下半年|全年|本年度|年度)", "", name) or name
        )  # 上半年五小竞赛: the competition
        name = (
            name.strip("“”") if name.count("“") == name.count("”") else name.replace("“", "").replace("”", "")
        )
        if re.fullmatch(r"20\d{2}年度?(?:劳动竞赛|劳动和技能竞赛)", name):
            continue  # 2026年度劳动竞赛总结表彰大会: every competition of a year, no one of them
        if name.endswith(tuple(KIND_WORDS)):  # 安康杯知识竞赛: the activity itself, not its competition
            continue
        # 冬季施工劳动竞赛 names one; 交流劳动竞赛怎么… only talks about competitions
        typed = any(w in name for w in TYPE_WORDS) or (
            name.endswith("劳动竞赛")
            and not re.search(r"交流|讨论|学习|宣传|部署|推进|关于|围绕|介绍|怎么|讲|组织实施", name)
        )
        if (typed or year) and names_more_than_a_type(name):
            return name
    # the activity that is itself a contest (叉车技能比武 on a day) belongs to no contest of that name
    contest = kind is not None and KIND_WORDS.get(kind.said) in ("技术比武", "岗位练兵")
    for m in _NAMED_CONTEST.finditer(text) if not contest else ():
        name = re.sub(r"^.*(?:，|,|\s|了|在|是|的|搞|开展|组织|举办|开|场|次|为|给)", "", m["n"])
        qualifier = re.sub(r"(?:技术比武|技能比武|岗位练兵|技能大赛|操作比武|技能竞赛|比武)$", "", name)
        if len(qualifier) >= 2 and not _NOT_CONTEST_WORDS.search(qualifier) and not qualifier.endswith("的"):
            return name
    for said in _TYPE_SPELLINGS:
        marked = text.replace(said, "▲")
        if (
            said in text
            and not (said in _COMMON_NOUNS and _TOPIC_ONLY.search(marked))
            and not _TALKED_OF.search(marked)
        ):
            return said
    for said in sorted(
        _KIND_TYPES, key=len, reverse=True
    ):  # 技能比武 启动仪式: the contest is the competition
        if said in text and kind is not None and not contest:
            return said
    typo = find_type(text)  # 安康悲的: a typo of a type, read as the type
    if typo is not None and not typo.exact and typo.value not in KIND_WORDS.values():
        return typo.value
    return None
