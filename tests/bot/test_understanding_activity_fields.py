"""Activity fields read in general ways found on spent blind sets; examples written here."""

from __future__ import annotations

from datetime import date

import pytest

from bot.understanding.rules import RuleUnderstander

TODAY = date(2026, 12, 2)


def fields(text: str) -> dict:
    return RuleUnderstander().activity(text, today=TODAY).fields


def test_a_place_is_not_read_across_a_verb():
    f = fields("上周三在二号楼会议室组织了劳模进班组分享会，三十人")
    assert f["place"] == "二号楼会议室" and f["kind"] == "其他"


def test_where_they_went_is_the_place():
    assert fields("昨天组织职工去市科技馆参观学习，四十人")["place"] == "市科技馆"


@pytest.mark.parametrize(
    ("text", "competition"),
    [
        ("昨天开了座谈会，征求三保一促竞赛方案的意见", "三保一促"),  # the verb before is no part of it
        ("上周四 叉车技能比武赛前培训 二十人", "叉车技能比武"),  # the training belongs to that contest
        ("技能比武 启动仪式 体育馆 三百人", "技能比武"),
        ("我们昨天召开了冬季保供劳动竞赛推进会", "冬季保供劳动竞赛"),
    ],
)
def test_the_competition_an_activity_belongs_to(text, competition):
    assert fields(text)["competition"] == competition


def test_a_contest_held_is_no_competition_of_itself():
    assert "competition" not in fields("前天搞了场焊工技术比武，在实训基地，五十人参加")


@pytest.mark.parametrize(
    ("text", "summary"),
    [
        ("前天在项目部搞了六比一创宣传 发了宣传单", "发了宣传单"),
        ("培训 上周五 职工学校 电工取证培训 四十人", "电工取证培训"),
        ("今天上午表彰了技术能手十名，在礼堂", "表彰了技术能手十名"),
    ],
)
def test_what_was_done_is_the_summary(text, summary):
    assert summary in fields(text)["summary"]


@pytest.mark.parametrize("text", ["昨天发了倡议书，全厂职工都收到了", "记一下 上周三线上培训 一百八十人参加"])
def test_the_kind_alone_is_no_summary(text):
    assert "summary" not in fields(text)


def test_a_bare_day_and_a_date_long_ahead_of_an_activity_held():
    today = date(2027, 3, 10)
    f = RuleUnderstander().activity("3号在培训中心给新员工做了岗前安全培训 一共45人", today=today).fields
    assert f["date"] == date(2027, 3, 3) and f["participants"] == 45
    assert "岗前安全培训" in f["summary"]
    held = RuleUnderstander().activity("12月30号在礼堂进行了表彰，300人参会", today=date(2027, 1, 5)).fields
    assert held["date"] == date(2026, 12, 30)
    assert fields("下周三在工会活动室开技术比武动员会")["place"] == "工会活动室"


def test_the_kind_said_to_be_other_and_a_quoted_competition():
    assert fields("前天组织了一次消防应急演练 其他类 二百人")["kind"] == "其他"
    f = fields("6月15号 启动了“文明驾驶百日行”竞赛 在车队调度室 司机六十人")
    assert f["kind"] == "启动会" and f["competition"] == "文明驾驶百日行"


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("昨天在线上开了职工座谈会，二十人", None),  # how it was held, not where
        ("上周三网上搞了劳动法知识竞答 三百人参与", None),
        ("昨天线上培训 用钉钉 一百人", "钉钉"),
        ("11.20 岗位练兵 机务段实训楼 四十人", "机务段实训楼"),
    ],
)
def test_online_is_no_place_a_platform_or_a_building_is(text, place):
    assert fields(text).get("place") == place


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("昨天在车间开了安全座谈会，来了二十多个", 20),
        ("上周三开了劳模座谈会，参加的十二个人", 12),
        ("刚开完表彰会 大礼堂 人来得挺齐 大约四百", 400),
        ("今天发了倡议书 大概三百份", None),  # copies, not people
    ],
)
def test_a_count_of_those_who_came_without_its_noun(text, count):
    assert fields(text).get("participants") == count
