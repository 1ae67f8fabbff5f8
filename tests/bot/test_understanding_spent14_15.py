"""Fields the rules missed or filled wrongly on the spent blind sets 14 and 15 (after their one scoring),
each class fixed in general and checked on messages of our own."""

from __future__ import annotations

from datetime import date

import pytest

from bot.understanding.activity import extract_activity
from bot.understanding.competition import extract_competition

TODAY = date(2026, 12, 2)


def fields(text: str, today: date = TODAY) -> dict:
    return extract_competition(text, today=today)[0]


def activity(text: str, today: date = TODAY) -> dict:
    return extract_activity(text, today=today)[0]


@pytest.mark.parametrize(("text", "typ"), [("报个五晓", "五小"), ("报一下三包一促，10月开始", "三保一促")])
def test_a_misspelt_type_right_after_a_registry_verb(text: str, typ: str) -> None:
    assert fields(text)["type"] == typ


@pytest.mark.parametrize(
    ("text", "contact"),
    [
        ("你好，我是龙江化工有限公司工会的孙海，想登记一个五小竞赛，电话13845678901", "孙海"),
        ("五创竞赛，联系人是工会的王主席 13845001111", "王主席"),
        ("我是电机厂工会的小刘，想报个五小竞赛", None),  # a nickname is no contact to store
    ],
)
def test_contacts_said_as_who_one_is(text: str, contact: str | None) -> None:
    assert fields(text).get("contact") == contact


def test_a_labelled_collective_is_public() -> None:
    got = fields("竞赛名称：车工比武 类型：技术比武 工会：华兴配件厂工会 所有制：集体 计划参加人数：40")
    assert got["ownership"] == "公有"
    assert "ownership" not in fields("安康杯竞赛，表彰先进集体，二百人参加")


def test_people_written_as_a_pair() -> None:
    got = fields("名称：供电服务竞赛；类型：安康杯；工会：某供电公司工会；人数：800/1500；联系人：罗斌")
    assert (got["planned"], got["total"]) == (800, 1500)


@pytest.mark.parametrize(
    ("text", "key", "value"),
    [
        ("报竞赛：类型五小，工会名称呼兰区机械厂工会，2027年2月1日开始", "union_name", "呼兰区机械厂工会"),
        ("报竞赛：类型五小，工会名称呼兰区机械厂工会，2027年2月1日开始", "unit", "呼兰区机械厂"),
        ("我们是道外区的非公企业哈尔滨远达物流有限公司想报安康杯", "unit", "哈尔滨远达物流有限公司"),
        ("首届青工五小成果评比，松北区经济开发区工会组织，二百人", "union_name", "松北区经济开发区工会"),
        ("优质服务竞赛，哈尔滨和平饭店有限公司，民营，一百人", "unit", "哈尔滨和平饭店有限公司"),
        ("我们医院工会准备弄个四新竞赛 市第三人民医院工会 下个月启动", "union_name", "市第三人民医院工会"),
    ],
)
def test_organisations_without_the_words_typed_before_them(text: str, key: str, value: str) -> None:
    assert fields(text)[key] == value


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("新增竞赛：叉车工岗位技能比武，国有，12月15号开始", "叉车工岗位技能比武"),
        ("新竞赛：名称——“节能班组”节能减排竞赛，国有", "“节能班组”节能减排竞赛"),
        ("帮我们登记一下吧，我们搞的是“隐患随手拍”活动，属于安康杯的", "“隐患随手拍”活动"),
        ("下周三有个钳工比武 帮我报上 一百人", "钳工比武"),
        ("优质服务竞赛 名称：微笑窗口创建 哈尔滨银行南岗支行工会 计划50人", "微笑窗口创建"),
    ],
)
def test_names_without_what_came_before(text: str, name: str) -> None:
    assert fields(text)["name"] == name


@pytest.mark.parametrize(
    ("text", "project"),
    [
        ("报下我们的六比一创 依托的是呼兰河大桥改造工程 明年三月开始", "呼兰河大桥改造工程"),
        ("咱们新区的哈尔滨数据中心一期项目 他们想搞六比一创", "哈尔滨数据中心一期项目"),
        (
            "项目名称：松北大桥工程劳动竞赛 类型：六比一创 依托重点工程：松北大桥工程 参赛人数：300",
            "松北大桥工程",
        ),
    ],
)
def test_projects_without_the_words_before_them(text: str, project: str) -> None:
    got = fields(text)
    assert got["project"] == project
    if text.startswith("项目名称"):
        assert got["name"] == "松北大桥工程劳动竞赛"


@pytest.mark.parametrize(
    ("text", "start", "end", "planned"),
    [
        ("六比一创 明年3月开始 一直到2028年底", date(2027, 3, 1), date(2028, 12, 31), None),
        (
            "名称：车工大赛；start 2027-05-10 end 2027-05-20；planned 120人",
            date(2027, 5, 10),
            date(2027, 5, 20),
            120,
        ),
        ("想register一个比武 名字叫装配工技能比武 plan 150 people", None, None, 150),
    ],
)
def test_years_of_year_ends_and_a_few_english_words(
    text: str, start: date | None, end: date | None, planned: int | None
) -> None:
    got = fields(text)
    assert (got.get("start"), got.get("end"), got.get("planned")) == (start, end, planned)


def test_content_after_shuoming_and_around_a_project_of_what_is_done() -> None:
    assert fields("五小竞赛，说明：围绕降低成本开展小改小革")["description"] == "围绕降低成本开展小改小革"
    got = fields("节能减排竞赛要登记一下，围绕降低能耗开展一个金点子、一个节能项目活动，4月开始")
    assert got["description"].startswith("围绕降低能耗")


@pytest.mark.parametrize(
    ("text", "day", "participants"),
    [
        ("今儿个开了个座谈会，一共来了十八个人", TODAY, 18),
        ("我们1号搞了一次宣讲 听的人有六十来个", date(2026, 12, 1), 60),
        ("上周五开了岗位练兵启动会，人不多，二十个左右", date(2026, 11, 27), 20),
        ("前天 表彰大会 表彰安全生产先进个人20名 礼堂 三百人左右", date(2026, 11, 30), 300),
        ("表彰会 今天 五十人", TODAY, 50),
        ("上周二 技术比武 钳工 十二人 决出前三名", date(2026, 11, 24), 12),
        ("昨儿个在社区广场搞了节能宣传，来了一百多居民和职工", date(2026, 12, 1), 100),
        ("1号那天在职工食堂开了个座谈会 十五个班组长参加", date(2026, 12, 1), 15),
        ("We had a 座谈会 yesterday, 18 people", date(2026, 12, 1), 18),
        ("今天 表彰会 二十名技术能手受表彰", TODAY, None),
    ],
)
def test_activity_days_and_head_counts(text: str, day: date, participants: int | None) -> None:
    got = activity(text)
    assert (got.get("date"), got.get("participants")) == (day, participants)


@pytest.mark.parametrize(
    ("text", "competition"),
    [
        ("记一笔：11月20日开展了一次安全知识培训，所属安康杯竞赛", "安康杯"),
        ("今天组织职工去施工现场观摩六比一创劳动竞赛 去了五十人", "六比一创"),
    ],
)
def test_a_verb_before_the_competition_is_not_part_of_it(text: str, competition: str) -> None:
    assert activity(text)["competition"] in (competition, competition + "竞赛", competition + "劳动竞赛")


@pytest.mark.parametrize(
    ("text", "kind", "summary"),
    [
        ("前天 五小成果发布会 在科技楼报告厅 参会150人", "其他", "五小成果发布会"),
        ("上周六组织职工义务献血 在公司门口 来了六十二人", "其他", "组织职工义务献血"),
        ("上个月28号 我们在厂门口拉横幅搞安康杯宣传 一百来人", "宣传", "拉横幅搞安康杯宣传"),
    ],
)
def test_events_of_no_listed_kind_keep_their_words_as_content(text: str, kind: str, summary: str) -> None:
    got = activity(text)
    assert got["kind"] == kind
    assert summary in got["summary"]


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("说明书", "help"),
        ("看不懂 下一步该干啥", "help"),
        ("你都支持哪些功能", "help"),
        ("请问这个从哪开始", "help"),
        ("能不能一次录好几个活动", "help"),
        ("忘了怎么查我的竞赛了", "help"),
        ("优质服务和岗位练兵哪个参赛的人多", "stats"),
        ("五创全区多少家", "stats"),
        ("导一份今年的活动数据", "export"),
        ("昨天的座谈会地点记错了 其实是二楼会议室", "my"),
        ("工会会员都有哪些权利？", "question"),
        ("职工都会享受什么待遇", "question"),
    ],
)
def test_intents_of_the_spent_sets_14_and_15(text: str, intent: str) -> None:
    from bot.understanding.rules import RuleUnderstander

    assert RuleUnderstander().understand(text, today=TODAY).intent.value == intent
