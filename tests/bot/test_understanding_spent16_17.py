"""Fields the rules missed or filled wrongly on the spent blind sets 16 and 17 (after their one scoring),
each class fixed in general and checked on messages of our own."""

from __future__ import annotations

from datetime import date

import pytest

from bot.understanding.activity import extract_activity
from bot.understanding.competition import extract_competition
from bot.understanding.rules import RuleUnderstander

TODAY = date(2026, 12, 2)


def fields(text: str, today: date = TODAY) -> dict:
    return extract_competition(text, today=today)[0]


def activity(text: str, today: date = TODAY) -> dict:
    return extract_activity(text, today=today)[0]


@pytest.mark.parametrize(
    ("text", "competition"),
    [
        ("昨天下午组织了个座谈会 班组长们聊了聊五创创新的想法 三十来人", None),
        ("今天表彰2026年度优秀合理化建议 获奖20项", None),
        ("昨天搞了个职工座谈 十二个人 聊三保一促咋推进", "三保一促"),
        ("记一下：今天在实训中心办了钳工技术比武，属于“巧手杯”钳工技能大赛", "“巧手杯”钳工技能大赛"),
        ("焊工比武上周五办的，四十名焊工参赛，是焊工技能比武的初赛", "焊工技能比武"),
    ],
)
def test_the_competition_an_activity_belongs_to(text: str, competition: str | None) -> None:
    assert activity(text).get("competition") == competition


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("钳工技能比武昨天在实训基地比完了，六十名选手", "实训基地"),
        ("刚开完座谈会，就在工会办公室，来了十二个人", "工会办公室"),
        ("前天开的“平安工地”竞赛启动会，项目部会议室，四十人到会", "项目部会议室"),
    ],
)
def test_places_as_said(text: str, place: str) -> None:
    assert activity(text)["place"] == place


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("3号那天我们开了动员会", date(2026, 11, 3)),
        ("12月15日在食堂开了座谈会", date(2025, 12, 15)),
        ("11月份的培训补录一下 11月18号 仓库 12个人", date(2026, 11, 18)),
        ("昨天开了动员会", date(2026, 12, 1)),
    ],
)
def test_an_activity_took_place(text: str, day: date) -> None:
    assert activity(text)["date"] == day


def test_a_round_of_a_competition_is_no_summary_and_an_event_of_no_kind_is_other() -> None:
    assert "summary" not in activity("技术比武上周五办的，在焊接中心，属于电焊工技能比武的初赛")
    assert "summary" not in activity("昨天在二号车间举办了叉车技术比武，参赛选手18名，围观职工不少")
    assert activity("刚搞完职工书画展 在文化长廊 来看的有两百多人")["kind"] == "其他"
    assert "摆摊" in activity("昨儿在食堂门口摆摊宣传工会会员卡 大概一百五十人")["summary"]


@pytest.mark.parametrize(
    ("text", "key", "value"),
    [
        ("我们厂的技能比武，就是那个叉车工技能大赛，明年4月份开始", "name", "叉车工技能大赛"),
        (
            "请登记：哈尔滨锅炉集团工会明年的安康杯竞赛，国有，计划参加1800人",
            "union_name",
            "哈尔滨锅炉集团工会",
        ),
        ("你好！我是市热力集团的，集团工会要报“六比一创”劳动竞赛", "union_name", None),
        ("报一个技能比武 名称是第五届电工技能大赛 市总工会主办 4月20日到4月22日", "union_name", "市总工会"),
        (
            "想登个四新竞赛 主要是征集工艺改进建议 明年全年 全厂一千六 计划一千人",
            "description",
            "征集工艺改进建议",
        ),
    ],
)
def test_registration_fields_as_said(text: str, key: str, value: object) -> None:
    assert fields(text).get(key) == value


def test_no_name_from_the_union_said_first() -> None:
    assert "name" not in fields("请登记：哈尔滨锅炉集团工会明年的安康杯竞赛，国有")


@pytest.mark.parametrize(
    ("text", "planned", "total"),
    [
        ("合理化建议竞赛，国企，职工四千多，参加的估计三千人", 3000, 4000),
        ("物业服务竞赛 保安保洁一共六百来人 准备四百人参加", 400, 600),
        ("优质服务竞赛，营业员八百多人全上", 800, 800),
        ("四新竞赛 全库职工六十人 预计都参加", 60, 60),
    ],
)
def test_head_counts(text: str, planned: int, total: int) -> None:
    got = fields(text)
    assert (got.get("planned"), got.get("total")) == (planned, total)


@pytest.mark.parametrize(
    ("text", "description"),
    [
        ("ankangbei 不会打字 就是安康杯 报名 联系人张伟", None),
        ("我们公司搞了一个N个一活动 就是一人一条节能建议 明年开春 1月到3月", "一人一条节能建议"),
    ],
)
def test_chatter_is_no_description(text: str, description: str | None) -> None:
    assert fields(text).get("description") == description


def test_ones_own_records_counted() -> None:
    assert RuleUnderstander().understand("我报的活动一共有几个", today=TODAY).intent.value == "my"
