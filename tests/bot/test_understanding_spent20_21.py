"""Fields and intents the rules missed or read wrongly on the spent blind sets 20 and 21 (after their one
scoring), each class fixed in general and checked on messages of our own."""

from __future__ import annotations

from datetime import date

import pytest

from bot.understanding.activity import extract_activity
from bot.understanding.competition import extract_competition
from bot.understanding.rules import RuleUnderstander

TODAY = date(2026, 12, 2)


def fields(text: str) -> dict:
    return extract_competition(text, today=TODAY)[0]


@pytest.mark.parametrize(
    ("text", "key", "value"),
    [
        (
            "我们厂想搞个节能减排竞赛 主要是围绕降低单位产值能耗开展小改小革 下个月开始",
            "description",
            "围绕降低单位产值能耗开展小改小革",
        ),
        ("五小竞赛 民企 宏达电子 搞个岗位练兵 一千二参加", "planned", 1200),
        ("五小活动 私营企业 职工三百人 参与的八十人左右 联系人 何丽", "total", 300),
        (
            "1. 竞赛名称：窗口服务之星 2. 组织工会：哈尔滨市文化广电和旅游局工会",
            "unit",
            "哈尔滨市文化广电和旅游局",
        ),
        (
            "六比一创竞赛登记中建八局哈尔滨分公司工会依托音乐公园项目明年4月1日开赛",
            "union_name",
            "中建八局哈尔滨分公司工会",
        ),
        (
            "竞赛名称：大桥三保一促劳动竞赛 组织单位：黑龙江省交投集团有限公司 工会：省交投集团工会",
            "union_name",
            "省交投集团工会",
        ),
        (
            "竞赛名称：大桥三保一促劳动竞赛 组织单位：黑龙江省交投集团有限公司 工会：省交投集团工会",
            "unit",
            "黑龙江省交投集团有限公司",
        ),
        ("想登记个N个1的竞赛，每人提一条节能建议，12月15号开始", "type", "节能减排/N个一"),
        ("岗位练兵登记表 名称：营业厅岗位练兵 性质：国企 人数：260人（全公司职工3100人）", "planned", 260),
        ("岗位练兵登记表 名称：营业厅岗位练兵 性质：国企 人数：260人（全公司职工3100人）", "total", 3100),
        ("我们是金穗粮油储备库，国有，搞的是安康杯", "unit", "金穗粮油储备库"),
        ("安康杯，从下周一开始，联系人就写我吧，我叫丁宁，电话18904512233", "contact", "丁宁"),
        ("我们是通达路桥有限公司的，承建哈绥高速改扩建工程，想报个三保一促", "project", "哈绥高速改扩建工程"),
        ("你好 哈尔滨地铁4号线工程要搞劳动竞赛，六比一创的", "project", "哈尔滨地铁4号线工程"),
        ("我们是几家个体小饭店联合搞优质服务比赛 大概四十人", "unit", None),
        ("想搞个电工的比武，名字就叫电工技能比武吧，下周一开赛", "name", "电工技能比武"),
        ("hi，要register一个五创竞赛，公司是民营的", "name", None),
        ("四新合理化建议 明年上半年内完成", "start", None),
        (
            "登记：其他 青年突击队劳动竞赛 团委和工会联合 松北区城建集团工会 3月中开始",
            "union_name",
            "松北区城建集团工会",
        ),
    ],
)
def test_registration_fields(text: str, key: str, value: object) -> None:
    assert fields(text).get(key) == value


@pytest.mark.parametrize(
    ("text", "competition"),
    [
        ("昨天表彰了上一届五小竞赛优胜班组，到场一百五十人", "五小"),
        ("我们工会昨天发了一封倡议书，倡议大家节约用水，响应N个一竞赛", "N个一"),
        ("10月20日对上半年岗位练兵中的先进职工进行了表彰", "岗位练兵"),
        ("今天在食堂门口搞了个宣讲，讲安康杯的政策，大概两百人听了", None),
        ("上周四我们请了老师来讲劳动竞赛组织实施，培训了三十五人", None),
        ("2月28日 市总工会大礼堂 2026年度劳动竞赛总结表彰大会 参加人员 600", None),
    ],
)
def test_the_competition_an_activity_belongs_to(text: str, competition: str | None) -> None:
    got = extract_activity(text, today=TODAY)[0].get("competition")
    assert got == competition or (competition and got == competition + "竞赛")


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("嗨 有什么可以帮我的", "help"),
        ("我要报表文件", "export"),
        ("覆盖职工多少人", "stats"),
        ("统计报表里安康杯有几项", "stats"),
        ("领导让报的五小 今天必须登上", "register"),
        ("我名下一共登记了几个活动", "my"),
        ("取消我报名的那个安康杯竞赛", "my"),
        ("工会能帮我维权吗", "question"),
    ],
)
def test_intents_of_the_spent_sets_20_and_21(text: str, intent: str) -> None:
    assert RuleUnderstander().understand(text, today=TODAY).intent.value == intent
