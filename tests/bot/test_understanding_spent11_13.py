"""Registration fields the rules missed or filled wrongly on the spent blind sets 11 and 13, each class
fixed in general and checked here on messages of our own (not the sets' lines)."""

from __future__ import annotations

from datetime import date

import pytest

from bot.understanding.activity import extract_activity
from bot.understanding.competition import extract_competition
from bot.understanding.form import half_width

TODAY = date(2026, 12, 2)


def fields(text: str, today: date = TODAY) -> dict:
    return extract_competition(text, today=today)[0]


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("计划：1,500人", "计划：1500人"),
        ("名称：甲 ｜ 工会：乙", "名称：甲；工会：乙"),
        ("名称：甲 / 工会：乙", "名称：甲；工会：乙"),
        ("计划：80人/总数：120人", "计划：80人；总数：120人"),
        ("时间 2027/3/1", "时间 2027/3/1"),  # a date's slash stays
        ("3.5万元", "3.5万元"),
    ],
)
def test_separators_and_digit_groups_read_as_the_rules_know_them(typed: str, read: str) -> None:
    assert half_width(typed) == read


def test_a_numbered_form_is_read_label_by_label() -> None:
    got = fields(
        "申报竞赛\n1.竞赛名称：2027年度焊工技能比武\n2.牵头工会：龙江建工集团工会\n"
        "3.计划参与：1,200人\n4.单位职工：3,400人\n5.联系：孙海 13845671234"
    )
    assert got["name"] == "2027年度焊工技能比武"
    assert got["union_name"] == "龙江建工集团工会"
    assert (got["planned"], got["total"]) == (1200, 3400)
    assert got["contact"] == "孙海"


def test_a_label_typed_without_its_colon_is_not_part_of_the_value() -> None:
    got = fields("登记竞赛，类型五小，主办单位市四建公司工会，项目就是群力新区道路工程，2027年3月1日开始")
    assert got["union_name"] == "市四建公司工会"
    assert got["unit"] == "市四建公司"
    assert got["project"] == "群力新区道路工程"


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("优质服务竞赛，兴华商城工会组织，10月8号开始", "兴华商城"),
        ("五小竞赛报一下，市五建工会，下周一开始", "市五建"),
        ("五创竞赛 主办：香坊区总工会 计划五百人", None),  # a federation names no unit
        ("安康杯 道里区工会 二百人", None),  # nor does a district's union
    ],
)
def test_a_unit_named_only_in_its_union(text: str, unit: str | None) -> None:
    assert fields(text).get("unit") == unit


@pytest.mark.parametrize(
    ("text", "planned", "total"),
    [
        ("安康杯竞赛，计划300，全员900", 300, 900),
        ("五小竞赛 全院职工 640 参加的估计四百多", 400, 640),
        ("我们公司总共五百出头，一线两百来人参加", 200, 500),
        ("岗位练兵 员工一共86人，都参加", 86, 86),
        ("技术比武 下周一到周五 十几个焊工参加", 10, None),  # 十几 as 10, as the writers count it
        ("技术比武 下周三 二十多个电工参加", 20, None),
        ("岗位练兵，人不多，四十来个", 40, None),
        ("三保一促 员工总共三百二，大概两百人参加", 200, 320),
    ],
)
def test_head_counts_as_cadres_type_them(text: str, planned: int | None, total: int | None) -> None:
    got = fields(text)
    assert (got.get("planned"), got.get("total")) == (planned, total)


@pytest.mark.parametrize(
    ("text", "contact"),
    [
        ("五小竞赛，下周一开始，联系我就行，我叫周敏 13912345678", "周敏"),
        ("安康杯，联系人还是我，李秋月，电话13812345678", "李秋月"),
        ("名称：车工比武；联系人：吴刚（0451-86001234）", "吴刚"),
    ],
)
def test_the_cadre_as_contact(text: str, contact: str) -> None:
    got = fields(text)
    assert got["contact"] == contact
    assert got["phone"][0] in "01"  # the bracket is no part of the number


@pytest.mark.parametrize(
    ("text", "typ"),
    [
        ("要搞个职工象棋赛，不算安康杯吧，就算其他类", "其他"),
        ("有个竞赛 类型算其他吧 叫班组读书会", "其他"),
        ("领导让报一下安康悲，十二月开始", "安康杯"),
        ("想报一个，是那个三包一促的", "三保一促"),
        ("安康杯竞赛，不是其他类", "安康杯"),
    ],
)
def test_types_said_around_the_word(text: str, typ: str) -> None:
    assert fields(text)["type"] == typ


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("登记一个其他类型的，叫“节水小能手”评选活动，3月开始", "“节水小能手”评选活动"),
        ("其他类，叫“光盘行动”倡议，下周开始", "“光盘行动”倡议"),
        ("叫“微笑服务月”，1月1号开始", "微笑服务月"),
        ("报个其他类，叫春季职工运动会，4月", "春季职工运动会"),
        ("报的是技术比武，是叉车工技能比武，明年4月", "叉车工技能比武"),
        ("技能比武，题目是“匠心杯”钳工大赛，明年5月", "“匠心杯”钳工大赛"),
        ("报一下：道里区总工会组织全区环卫工人岗位练兵竞赛，下个月开始", "全区环卫工人岗位练兵竞赛"),
        ("麻烦登记：我们准备开展“五小”竞赛，名称就叫“金点子”创新竞赛", "“金点子”创新竞赛"),
    ],
)
def test_names_as_said(text: str, name: str) -> None:
    assert fields(text)["name"] == name


@pytest.mark.parametrize(
    "text",
    [
        "下周一启动安康杯竞赛 二百人",
        "想登记今年冬季的五小竞赛，二百人",
        "我们新开个岗位练兵竞赛，一百人",
    ],
)
def test_a_time_or_a_verb_before_the_type_is_no_name(text: str) -> None:
    assert "name" not in fields(text)


@pytest.mark.parametrize(
    ("text", "today", "start", "end"),
    [
        ("岗位练兵 下个月月中开始 到3月底", TODAY, date(2027, 1, 15), date(2027, 3, 31)),
        ("技术比武 下周一到周五", date(2027, 3, 10), date(2027, 3, 15), date(2027, 3, 19)),
        ("技术比武 下周三到周日", TODAY, date(2026, 12, 9), date(2026, 12, 13)),
        ("五小竞赛 开始4月1号 结束10月底", TODAY, date(2027, 4, 1), date(2027, 10, 31)),
        ("技术比武 结束时间 2027/4/30", TODAY, None, date(2027, 4, 30)),
        ("比武 2027-04-10 to 2027-04-20", TODAY, date(2027, 4, 10), date(2027, 4, 20)),
        ("五创竞赛 明年上半年搞完", TODAY, None, date(2027, 6, 30)),
        ("健步走挑战赛，明年5月搞完", TODAY, None, date(2027, 5, 31)),
    ],
)
def test_dates_as_said(text: str, today: date, start: date | None, end: date | None) -> None:
    got = fields(text, today)
    assert (got.get("start"), got.get("end")) == (start, end)


# activities: the same classes on the activity side


def activity(text: str, today: date = TODAY) -> dict:
    return extract_activity(text, today=today)[0]


@pytest.mark.parametrize(
    ("text", "competition"),
    [
        ("记一下：昨天下午安康杯竞赛座谈会 职工之家 三十人", "安康杯"),
        ("今天上午五创竞赛启动会在项目现场开的，六十人", "五创"),
        ("前天向全体会员发出倡议，号召积极参与三保一促竞赛", "三保一促"),
    ],
)
def test_a_time_or_a_verb_before_the_competition_is_not_part_of_it(text: str, competition: str) -> None:
    assert activity(text)["competition"] in (competition, competition + "竞赛")


@pytest.mark.parametrize(
    "text",
    [
        "工会今天发了安康杯竞赛倡议书，全厂都发到了",
        "3号发了五小竞赛倡议书",
        "今天上午六比一创竞赛启动会在项目部开的，参建单位代表六十人到会",
        "上周五在公众号做了优质服务宣传，线上观看两千多人",
    ],
)
def test_a_message_of_facts_only_has_no_summary(text: str) -> None:
    assert "summary" not in activity(text)


@pytest.mark.parametrize(
    ("text", "summary"),
    [
        ("今天发了节约用水倡议书", "发了节约用水倡议书"),
        ("前天在车间搞了安康杯宣传 发了宣传单 挂了横幅", "发了宣传单"),
        ("昨天在实训楼办了钳工技能比武，30人上场，评出一等奖3名", "评出一等奖3名"),
        ("我们昨天发了一份倡议书，倡议大家节约用电", "倡议大家节约用电"),
    ],
)
def test_what_was_done_beyond_the_facts_is_the_summary(text: str, summary: str) -> None:
    assert summary in activity(text)["summary"]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("昨天在站前广场向职工发了节能倡议书", "站前广场"),
        ("昨天下午开了个座谈会 在工会活动室 三十来人 听取一线职工对食堂的意见", "工会活动室"),
        ("上周五在抖音直播间做了安康杯宣传", "抖音直播间"),
        ("上周五组织了一次节能知识宣讲 去了五个车间", None),
        ("上周四在3号车间做了一次岗位技能培训", "3号车间"),
    ],
)
def test_places_as_said(text: str, place: str | None) -> None:
    assert activity(text).get("place") == place


@pytest.mark.parametrize(
    ("text", "day", "participants"),
    [
        ("昨晚在宿舍区搞了节能宣传 来了五十多人", date(2026, 12, 1), 50),
        ("下午在一楼大厅开了启动会，来了两百人", TODAY, 200),
        ("今天搞了一场岗位练兵 参加的有七十八个", TODAY, 78),
        ("昨天下午组织了座谈，二十来个一线职工谈了建议", date(2026, 12, 1), 20),
        ("前天开了个座谈会，十五个劳模代表", date(2026, 11, 30), 15),
    ],
)
def test_days_and_head_counts_as_said(text: str, day: date, participants: int) -> None:
    got = activity(text)
    assert (got.get("date"), got.get("participants")) == (day, participants)


@pytest.mark.parametrize(
    ("text", "union", "unit"),
    [
        ("我们学校工会想报个岗位练兵，下周三开始", None, None),
        ("咱们医院工会准备搞优质服务竞赛，明年1月开始", None, None),
        ("我们物业公司想搞个技能比武，民营的，四十个人", None, None),
        ("市建工集团工会报送：六比一创竞赛，依托松北大桥工程，国有企业", "市建工集团工会", "市建工集团"),
    ],
)
def test_a_unit_named_by_its_kind_only_is_none(text: str, union: str | None, unit: str | None) -> None:
    got = fields(text)
    assert (got.get("union_name"), got.get("unit")) == (union, unit)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("竞赛名称 2027年“安康杯”知识竞赛 主办 道里区总工会 时间 明年6月起", "2027年“安康杯”知识竞赛"),
        ("申报六比一创，名称“比学赶超 争创一流”劳动竞赛，国企", "“比学赶超 争创一流”劳动竞赛"),
        ("报个竞赛 就叫 2027年度“巾帼建功”岗位练兵竞赛 计划二百人", "2027年度“巾帼建功”岗位练兵竞赛"),
        ("想登记巾帼文明岗位练兵竞赛", "巾帼文明岗位练兵竞赛"),
    ],
)
def test_names_end_where_they_end(text: str, name: str) -> None:
    assert fields(text)["name"] == name


@pytest.mark.parametrize(
    "text",
    [
        "我们要搞个职工跳绳赛 不知道算啥类 先算其他吧 估计来四十多人",
        "帮我登记上，准备明年三月开展节能减排竞赛，人数还不确定，联系人胡静",
    ],
)
def test_chatter_about_the_registration_is_no_description(text: str) -> None:
    assert "description" not in fields(text)


@pytest.mark.parametrize(
    ("text", "competition"),
    [
        ("我们今天发了个倡议 号召全体职工积极参与合理化建议征集", None),
        ("我们昨天在厂区宣传栏更新了节能减排宣传展板", None),
        ("今天发了倡议书，号召积极参与节能减排竞赛", "节能减排"),
        ("昨天表彰了安康杯先进班组 在职工之家 六十人", "安康杯"),
    ],
)
def test_a_common_noun_type_spoken_of_as_a_topic_links_no_competition(
    text: str, competition: str | None
) -> None:
    got = activity(text).get("competition")
    assert got == competition or (competition and got == competition + "竞赛")


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("今天在公众号上发了五小竞赛倡议书", None),
        ("昨天晚上 线上动员会 腾讯会议 九百多人在线", "腾讯会议"),
    ],
)
def test_where_a_post_was_published_is_no_place(text: str, place: str | None) -> None:
    assert activity(text).get("place") == place


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("我总共登记了几个活动", "my"),
        ("我的活动统计一下一共多少人参加", "my"),
        ("我们区一共多少竞赛", "stats"),
        ("全市一共登记了几个竞赛", "stats"),
        ("给个使用示例吧", "help"),
        ("我该怎么跟你提问", "help"),
        ("这儿能干啥", "help"),
        ("登记竞赛要怎么输入 格式有要求吗", "help"),
        ("把所有国企的竞赛清单出个文件给我", "export"),
        ("我录的那些竞赛按开始时间排一下给我看", "my"),
    ],
)
def test_intents_of_the_spent_sets_classes(text: str, intent: str) -> None:
    from bot.understanding.rules import RuleUnderstander

    assert RuleUnderstander().understand(text, today=TODAY).intent.value == intent
