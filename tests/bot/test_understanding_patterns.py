"""The general patterns of the rule-based understander, each on messages of its own (not the bench's):
kinds of words that make an intent, and the spans that fill a field."""

from __future__ import annotations

from datetime import date

import pytest

from bot.understanding.model import Intent
from bot.understanding.rules import RuleUnderstander
from bot.understanding.vocabulary import find_type

TODAY = date(2026, 12, 2)
rules = RuleUnderstander()


def intent(text: str) -> Intent:
    return rules.understand(text, today=TODAY).intent


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the assistant itself asked about, a lone question mark, a first-time user
        ("你都能帮我做什么", Intent.HELP),
        ("还能干点啥", Intent.HELP),
        ("有什么命令", Intent.HELP),
        ("?", Intent.HELP),
        ("第一次用这个", Intent.HELP),
        ("活动怎么录，要填什么，教教我", Intent.HELP),
        # … but what a union can do is a question for the documents
        ("工会能做啥", Intent.QUESTION),
        ("合同无效怎么办", Intent.QUESTION),
        ("工会会费按什么比例交", Intent.QUESTION),
        # a registry word next to a competition type, or a typo'd type
        ("备案五创", Intent.REGISTER),
        ("六比一闯报名", Intent.REGISTER),
        ("帮我报个安康杯", Intent.REGISTER),
        ("五小竞赛可以在这报吗 可以就直接在这报吧", Intent.REGISTER),
        ("五小竞赛登记需要哪些条件", Intent.QUESTION),
        ("岗位练兵的参赛对象是谁", Intent.QUESTION),
        ("报名技术比武需要提供身份证吗", Intent.QUESTION),
        ("计划参赛人数和单位职工总数有什么区别", Intent.QUESTION),
        # something done at a date already gone (or today) is a record, even when it is a competition type
        ("11月30日组织了技术比武，参赛二十人", Intent.ACTIVITY),
        ("今天在食堂搞了岗位练兵，四十人", Intent.ACTIVITY),
        ("昨儿个开了座谈会", Intent.ACTIVITY),
        ("帮我记录：前天下午钳工技术比武决赛，在实训车间，参赛选手二十名", Intent.ACTIVITY),
        ("上个月搞了五创竞赛，想登记一下", Intent.REGISTER),  # the competition, not an activity, was run
        ("昨天开了五创动员会，帮我登记一下", Intent.ACTIVITY),
        # stored records referred to, checked or corrected
        ("我前天录的那个培训打开看看", Intent.MY),
        ("五创竞赛登记了没", Intent.MY),
        ("删除刚才那条记录", Intent.MY),
        ("联系人写错了，是李四", Intent.MY),
        ("那个安康杯的开始日期改成3月5日", Intent.MY),
        ("show my records", Intent.MY),
        # rates, shares and counts of records
        ("道里区参赛率多少", Intent.STATS),
        ("非公和公有的比重", Intent.STATS),
        ("香坊区登记了几个", Intent.STATS),
        ("各类型竞赛分别有多少家", Intent.STATS),
        ("把汇总表发给我", Intent.EXPORT),
        ("我这有个比武要报", Intent.REGISTER),
        ("本月开了几场座谈会", Intent.STATS),
        ("全区有多少家企业参加了竞赛", Intent.STATS),
        ("参加竞赛的职工有多少人能评先进", Intent.QUESTION),
        ("怎样使用这个机器人", Intent.HELP),
        ("我是新来的，这个咋用", Intent.HELP),
        ("工伤这个怎么弄", Intent.QUESTION),
        ("帮忙录一个劳动竞赛，五创的", Intent.REGISTER),
        ("厂里搞了个技术比武的竞赛活动，明年二月到四月", Intent.REGISTER),  # a future span: it will run
        ("六比一创竞赛，明年开始，中铁九局", Intent.REGISTER),  # 明年 is a time said
        ("记录一下五创推进会", Intent.ACTIVITY),  # 记录 is no 录入 of a competition
        ("今年座谈活动开了多少次", Intent.STATS),
        ("把全部活动导成表格", Intent.EXPORT),
        ("来一份台账", Intent.EXPORT),
        ("你还会什么", Intent.HELP),
        ("岗位练兵第一名能给多少奖金", Intent.QUESTION),
        ("我们的安康杯怎么报？帮我报一下吧", Intent.REGISTER),
        ("新竞赛：五创，松花江大桥", Intent.REGISTER),
        ("我想备案", Intent.REGISTER),
        ("我们车间都录了哪些", Intent.MY),
        ("介绍一下你的功能", Intent.HELP),
    ],
)
def test_intent_patterns(text, expected):
    assert intent(text) is expected


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("三宝一促 报名", "三保一促"),  # a typo alone between spaces
        ("帮我报个岗位连兵 单位是哈尔滨机床厂", "岗位练兵"),  # a typo right after a registry verb
        ("安康悲报名", "安康杯"),  # a typo right before one
    ],
)
def test_typed_types_found_in_more_places(text, value):
    found = find_type(text)
    assert found is not None and found.value == value and not found.exact


def test_a_common_word_that_sounds_like_a_type_is_no_type():
    assert find_type("合同无效了怎么办") is None


def comp(text: str) -> dict:
    return dict(rules.competition(text, today=TODAY).fields)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("搞个五小，名字就叫 机修车间五小攻关竞赛，联系人张三", "机修车间五小攻关竞赛"),
        ("名称叫2027年叉车工技能比武，国企", "2027年叉车工技能比武"),
        ("技术比武，叫 铸造工技术比武大赛，6月开始", "铸造工技术比武大赛"),
        ("五创 2027年度智能制造五创竞赛 民营", "2027年度智能制造五创竞赛"),
    ],
)
def test_names_said_in_words(text, name):
    assert comp(text)["name"] == name


@pytest.mark.parametrize(
    "text",
    [
        "单位名称：哈尔滨机床厂，搞安康杯",  # a unit's name, not the competition's
        "名称就叫安康杯竞赛",  # says only the type
        "2027年4月起开展五小竞赛",  # a date and a verb, not a title
        "我们厂2027年技术比武，计划100人",  # unsaid as a name, a year and a type say only the type
    ],
)
def test_no_name_where_none_is_stated(text):
    assert "name" not in comp(text)


def test_a_label_value_ends_at_a_space():
    f = comp("三保一促 组织单位 道外区总工会 非公 计划参加一百人")
    assert f["union_name"] == "道外区总工会" and f["planned"] == 100


def test_projects_said_and_kept_out_of_the_unit():
    f = comp("六比一创 项目：松花江大桥维修工程 中铁九局 国企")
    assert f["project"] == "松花江大桥维修工程" and f["unit"] == "中铁九局"
    assert comp("五创竞赛 哈尔滨二环快速路改造工程 计划200人")["project"] == "哈尔滨二环快速路改造工程"
    f = comp("四新合理化建议 依托项目：锅炉厂数字化车间项目 联系人 李明")
    assert f["project"] == "锅炉厂数字化车间项目" and "unit" not in f
    assert "project" not in comp("竞赛项目：焊接、钳工、电工")


def test_units_without_a_legal_suffix():
    assert comp("帮我报个五小 我们是个小厂 叫鸿运印务 30人")["unit"] == "鸿运印务"
    assert comp("我们是建筑公司 叫龙建 搞六比一创")["unit"] == "龙建"  # the name, not the kind of unit
    assert comp("民营企业 哈尔滨天顺物流 安康杯 联系电话 13900001111")["unit"] == "哈尔滨天顺物流"
    assert "contact" not in comp("民营企业 哈尔滨天顺物流 安康杯 联系电话 13900001111")
    assert "unit" not in comp("六比一创 基础设施建设 计划100人")  # a trade without a place names no unit
    assert "unit" not in comp("五小 单位叫我来报的 30人")


def test_the_units_own_head_count_and_everyone():
    assert comp("安康杯 车间参加120人 医院共900人")["total"] == 900
    assert comp("岗位练兵，参加的有五十人，总共八十人")["total"] == 80
    f = comp("五小 我们小厂 25个人全参加")
    assert (f["planned"], f["total"]) == (25, 25)
    assert "total" not in comp("安康杯 区里20家企业一块搞 计划参加三千人")


def test_contacts_after_a_title_or_an_office():
    assert comp("搞五小 联系人是工会主席张文")["contact"] == "张文"
    assert comp("优质服务 联系人 办公室刘主任")["contact"] == "刘主任"


def test_type_other_and_a_relative_month_part():
    assert comp("报个其他类的竞赛 职工健步走")["type"] == "其他"
    assert comp("登记竞赛：类型选其他，是拔河比赛")["type"] == "其他"
    assert comp("下个月底结束的技术比武")["end"] == date(2027, 1, 31)


@pytest.mark.parametrize(
    ("text", "description"),
    [
        ("五小竞赛，内容主要是小发明小革新，联系人王丽", "小发明小革新"),
        ("优质服务竞赛，计划50人。主要是比服务态度、办事效率", "比服务态度、办事效率"),
        ("五小竞赛，国企，以技术革新为主，职工总数两千", "以技术革新为主"),
    ],
)
def test_the_content_said_in_a_message(text, description):
    assert comp(text)["description"] == description


def test_no_content_where_none_is_said():
    assert "description" not in comp("安康杯，国企，计划三百人参加，联系人王丽")


def act(text: str) -> dict:
    return dict(rules.activity(text, today=TODAY).fields)


@pytest.mark.parametrize(
    ("text", "competition"),
    [
        ("昨天在车间开了五创推进会", "五创"),  # the type word as said
        (
            "前天开了哈电集团2027年度节能降耗N个一竞赛动员会",
            "2027年度节能降耗N个一竞赛",
        ),  # a full name from its year
        ("上周启动会开完了，松花江大桥六比一创竞赛正式启动", "松花江大桥六比一创竞赛"),
    ],
)
def test_the_competition_an_activity_belongs_to(text, competition):
    assert act(text)["competition"] == competition


def test_a_kind_that_is_also_a_type_is_no_competition():
    assert "competition" not in act("今天在三车间搞了钳工技术比武，二十人")
    assert "competition" not in act("交流劳动竞赛经验，座谈会，十人")


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("上周二开的座谈会，四十人，在办公楼三楼", "办公楼三楼"),  # at the end of a clause
        ("今天在微信群里发了倡议书", "微信群"),
        ("昨天线上培训 钉钉 一百人", "钉钉"),  # a named platform beats 线上
        ("本周三 座谈会 哈尔滨轴承集团 二十人", "哈尔滨轴承集团"),  # a unit said on its own
    ],
)
def test_places(text, place):
    assert act(text)["place"] == place


def test_spoken_days_bare_meetings_and_people_without_a_unit():
    f = act("昨儿个在车间搞了安康杯的动员，工人八十多")
    assert f["date"] == date(2026, 12, 1) and f["kind"] == "动员会" and f["participants"] == 80
    assert act("刚开完启动会，五十人")["date"] == TODAY
    assert act("今早在班前会上念了倡议书")["date"] == TODAY
    assert act("上周六搞了场职工运动会")["kind"] == "其他"
    assert "participants" not in act("上个月20号表彰了十五名优秀班组长")


@pytest.mark.parametrize(
    ("text", "summary"),
    [
        ("昨天在会议室搞了岗位练兵，焊接实操，三十人", "焊接实操"),
        ("上周开了座谈会，二十人，聊明年的工作计划", "聊明年的工作计划"),
        ("今天开了表彰会，表彰了12名安全标兵", "表彰了12名安全标兵"),
        # what was handed out is what was done: four blind writers of five labelled it so
        ("做了次宣传，在厂区发了三千份宣传单", "在厂区发了三千份宣传单"),
    ],
)
def test_a_summary_is_the_clause_that_says_more_than_the_facts(text, summary):
    assert act(text)["summary"] == summary


@pytest.mark.parametrize(
    "text",
    [
        "昨天下午给新来的学徒工搞了消防培训 四十人",  # who it was for and what kind: no content
        "上周五在二楼会议室开了安康杯启动仪式，厂领导都来了，六十人",
        "做了次宣传，在厂区，八十人",
    ],
)
def test_no_summary_from_the_facts_alone(text):
    assert "summary" not in act(text)


def test_whom_and_whose_are_no_place():
    assert "place" not in act("今天上午 安全培训 车间班组长 二十五人")
    assert "summary" not in act("今天上午 安全培训 车间班组长 二十五人")
    assert "place" not in act("刚才开完座谈会，十二人，征求对食堂的意见")


def test_a_unit_after_chatter_and_a_project_after_its_label():
    assert comp("道外区总工会 帮哈尔滨红星机械厂报个安康杯")["unit"] == "哈尔滨红星机械厂"
    assert comp("六比一创 依托项目哈尔滨新机场高速公路工程")["project"] == "哈尔滨新机场高速公路工程"
    assert comp("报个岗位练兵 单位哈尔滨国际饭店 私营")["unit"] == "哈尔滨国际饭店"


def test_quotes_inside_a_name_stay_and_quotes_around_it_go():
    assert comp("帮我登记：名称“平安工地”三保一促竞赛，国有")["name"] == "“平安工地”三保一促竞赛"
    assert comp("竞赛名称：“2027年安康杯竞赛”，国企")["name"] == "2027年安康杯竞赛"


def test_a_project_after_its_level_and_a_count_that_takes_part():
    f = comp("六比一创，依托省百大项目哈尔滨至肇源高速公路，龙建路桥股份有限公司")
    assert f["project"] == "哈尔滨至肇源高速公路"
    f = comp("优质服务竞赛 松北区政务中心 事业单位 100人参加 比服务态度比办事效率")
    assert f["planned"] == 100 and "total" not in f and f["description"] == "比服务态度比办事效率"


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("安康杯 明年全年", date(2027, 1, 1), date(2027, 12, 31)),
        ("三保一促 2027年上半年", date(2027, 1, 1), date(2027, 6, 30)),
        ("六比一创 2027年二季度", date(2027, 4, 1), date(2027, 6, 30)),
        ("安康杯 3-10月", date(2027, 3, 1), date(2027, 10, 31)),  # a span already gone this year: next year's
        ("岗位练兵，从下个月1号开始，搞三个月", date(2027, 1, 1), date(2027, 3, 31)),
        ("技术比武 2027年3月1日开始 为期半年", date(2027, 3, 1), date(2027, 8, 31)),
        ("五小 2027年5月1日开始 为期一年", date(2027, 5, 1), date(2028, 4, 30)),
    ],
)
def test_spans_said_as_one_phrase_and_durations(text, start, end):
    f = comp(text)
    assert (f["start"], f["end"]) == (start, end)


def test_a_span_with_other_dates_around_is_left_to_them():
    f = comp("五创 上半年开始，2027年12月31日结束")
    assert f["end"] == date(2027, 12, 31)


def test_who_came_the_hour_and_other_meetings_are_no_content():
    f = act("昨天上午九点在公司会议室召开了五创竞赛推进会，各车间负责人参加，共计25人")
    assert "summary" not in f and f["place"] == "公司会议室" and f["participants"] == 25


def test_a_floor_is_a_place_and_a_banner_is_promotion():
    f = act("今天下午 启动会 办公楼5楼 八十人 领导讲话部署任务")
    assert f["place"] == "办公楼5楼" and f["summary"] == "领导讲话部署任务"
    assert act("上周在厂门口挂了横幅")["kind"] == "宣传"


def test_a_contest_that_is_the_activity_names_its_competition_by_type():
    assert act("今天参加了区总工会组织的五创知识竞赛，十个人")["competition"] == "五创"
    assert act("上周开展了“安康杯”安全知识竞赛，200人参加")["competition"] == "安康杯"
    assert "summary" not in act("昨天开了全区劳动竞赛推进会")
