"""The rule-based understander on the issue's own messages: intents, and the fields one message states."""

from __future__ import annotations

from datetime import date

import pytest

from bot.understanding.model import Intent
from bot.understanding.rules import RuleUnderstander

TODAY = date(2026, 12, 2)
rules = RuleUnderstander()


def read(text: str):
    return rules.understand(text, today=TODAY)


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("今天上午开了个座谈会，来了三十人", Intent.ACTIVITY),
        ("帮我记一下昨天开的动员会", Intent.ACTIVITY),
        ("请列出登记库中全部竞赛的联系人和联系电话", Intent.MY),
        ("我们厂6月1日起搞安康杯竞赛，二百人参加", Intent.REGISTER),
        ("我想登记一个竞赛", Intent.REGISTER),
        ("什么是五小竞赛？", Intent.QUESTION),
        ("每天最多能加几个小时班？", Intent.QUESTION),
        ("工会经费有哪些来源", Intent.QUESTION),
        ("一共登记了多少个竞赛", Intent.STATS),
        ("把今年的竞赛导出成Excel", Intent.EXPORT),
        ("怎么用", Intent.HELP),
    ],
)
def test_intents(text, intent):
    assert read(text).intent is intent


def test_a_registration_in_one_message_fills_every_stated_field():
    u = read(
        "哈尔滨锅炉厂有限责任公司工会组织2027年3月1日到9月30日开展“五晓”竞赛，国企，"
        "计划三百人参加，全厂一千二百人，联系人王丽，电话13904511234"
    )
    assert u.intent is Intent.REGISTER
    f = u.fields
    assert f["type"] == "五小" and "五晓" in u.notes["type"]
    assert f["union_name"] == "哈尔滨锅炉厂有限责任公司工会" and f["unit"] == "哈尔滨锅炉厂有限责任公司"
    assert f["ownership"] == "公有"
    assert (f["start"], f["end"]) == (date(2027, 3, 1), date(2027, 9, 30))
    assert (f["planned"], f["total"]) == (300, 1200)
    assert (f["contact"], f["phone"]) == ("王丽", "13904511234")


def test_a_yearless_start_in_the_past_is_next_year_with_a_note():
    u = read("我们厂6月1日起搞安康杯竞赛，二百人参加")
    assert u.fields["start"] == date(2027, 6, 1) and u.notes["start"] == "2027-06-01，按明年理解"
    assert u.fields["planned"] == 200 and "total" not in u.fields and "unit" not in u.fields


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2027.3.15-2027.11.15开展技术比武", date(2027, 3, 15), date(2027, 11, 15)),
        ("2027年5月10日至5月20日搞岗位练兵竞赛", date(2027, 5, 10), date(2027, 5, 20)),
        ("2027年5月10日至20日搞岗位练兵竞赛", date(2027, 5, 10), date(2027, 5, 20)),
        ("2027年4月起开展五小竞赛，到年底结束", date(2027, 4, 1), date(2027, 12, 31)),
        ("2027年3月到6月开展安康杯竞赛", date(2027, 3, 1), date(2027, 6, 30)),
        ("2027年3月1日到月中开展安康杯竞赛", date(2027, 3, 1), date(2027, 3, 15)),  # the start's month
        ("岗位练兵，下周三开始，到月底", date(2026, 12, 9), date(2026, 12, 31)),
        ("优质服务竞赛，12.10-明年6.30", date(2026, 12, 10), date(2027, 6, 30)),
    ],
)
def test_ranges_and_month_only_ends(text, start, end):
    f = rules.competition(text, today=TODAY).fields
    assert f["start"] == start
    assert f.get("end") == end


def test_everyone_taking_part_fills_planned_and_total():
    f = rules.competition("技术比武，全员参加共2400人", today=TODAY).fields
    assert (f["planned"], f["total"]) == (2400, 2400)


def test_ownership_words():
    assert rules.competition("我们是民营企业，搞五小竞赛", today=TODAY).fields["ownership"] == "非公"
    assert rules.competition("私营企业搞安康杯", today=TODAY).fields["ownership"] == "非公"
    assert rules.competition("国有企业搞安康杯", today=TODAY).fields["ownership"] == "公有"


def test_landline_with_area_code():
    f = rules.competition("联系人张强，电话0451-84661234", today=TODAY).fields
    assert (f["contact"], f["phone"]) == ("张强", "0451-84661234")


@pytest.mark.parametrize(
    ("said", "value"),
    [
        ("六比一创", "六比一创"),
        ("三保一促", "三保一促"),
        ("五创", "五创"),
        ("N个一", "节能减排/N个一"),
        ("四新", "四新合理化建议"),
        ("安康杯", "安康杯"),
        ("五小", "五小"),
        ("岗位练兵", "岗位练兵"),
        ("技术比武", "技术比武"),
        ("优质服务", "优质服务"),
        ("安康悲", "安康杯"),
        ("五晓", "五小"),
    ],
)
def test_the_seed_vocabulary_and_typos(said, value):
    assert rules.competition(f"今年开展{said}竞赛", today=TODAY).fields["type"] == value


def test_a_pasted_plan_reads_each_field_from_its_heading():
    plan = "\n".join(
        [
            "关于开展2027年“安康杯”竞赛的实施方案",
            "一、竞赛名称",
            "2027年哈尔滨电机厂“安康杯”安全生产竞赛",
            "二、竞赛时间",
            "2027年3月1日至2027年11月30日",
            "三、参赛范围",
            "哈尔滨电机厂有限责任公司全体职工，计划参赛职工800人，单位职工总数1500人。",
            "四、竞赛内容",
            "开展隐患排查、安全知识答题和应急演练。",
            "五、联系方式",
            "联系人：刘洋，电话：0451-82871234",
            "哈尔滨电机厂工会",
            "2026年12月1日",
        ]
    )
    f = rules.competition(plan, today=TODAY).fields
    assert f["name"] == "2027年哈尔滨电机厂“安康杯”安全生产竞赛"
    assert f["type"] == "安康杯"
    assert (f["start"], f["end"]) == (date(2027, 3, 1), date(2027, 11, 30))
    assert (f["planned"], f["total"]) == (800, 1500)
    assert f["unit"] == "哈尔滨电机厂有限责任公司"
    assert (f["contact"], f["phone"]) == ("刘洋", "0451-82871234")
    assert f["description"] == "开展隐患排查、安全知识答题和应急演练。"


def test_an_activity_told_in_words():
    u = read("昨天下午在三楼会议室开了安康杯竞赛动员大会，来了八十多人")
    f = u.fields
    assert u.intent is Intent.ACTIVITY
    assert f["kind"] == "动员会" and f["date"] == date(2026, 12, 1)
    assert f["place"] == "三楼会议室" and f["participants"] == 80
    assert (
        f["competition"] == "安康杯"
    )  # the type word as said: the form matches it to the cadre's competitions


def test_unsure_readings_say_so():
    u = read("安康杯")
    assert u.confidence < 1.0 and u.alternatives


def test_a_year_said_once_is_the_year_of_the_dates_without_one():
    f = rules.competition("2027年搞三保一促劳动竞赛，起止时间3月1日至12月31日", today=TODAY).fields
    assert (f["start"], f["end"]) == (date(2027, 3, 1), date(2027, 12, 31))
    u = rules.competition("搞三保一促劳动竞赛，起止时间3月1日至12月31日", today=TODAY)
    assert u.notes["start"] == "2027-03-01，按明年理解"


def test_labels_with_spaces_names_before_numbers_and_bracketed_ownership():
    f = rules.competition(
        "竞赛名称 2027年度“五小”创新竞赛；主办单位 哈尔滨市总工会；参赛单位 哈尔滨龙江化工有限公司（民营）；"
        "联系我就行，张志强13945678901",
        today=TODAY,
    ).fields
    assert f["name"] == "2027年度“五小”创新竞赛" and f["union_name"] == "哈尔滨市总工会"
    assert f["unit"] == "哈尔滨龙江化工有限公司" and f["ownership"] == "非公"
    assert (f["contact"], f["phone"]) == ("张志强", "13945678901")


def test_a_name_that_only_says_the_type_is_not_a_name():
    assert "name" not in rules.competition("我要登记一个竞赛，我们的安康杯", today=TODAY).fields
    assert "name" not in rules.competition("开展技能比武", today=TODAY).fields


PLAN = """哈尔滨市道里区总工会
关于开展2027年“六比一创”劳动竞赛的实施方案

为深入贯彻落实市总工会工作部署，决定在全区重点项目中开展“六比一创”劳动竞赛。现制定方案如下：

一、指导思想
以习近平新时代中国特色社会主义思想为指导，围绕全区重点项目建设……
二、竞赛时间
竞赛自2027年3月1日开始，至2027年11月30日结束。
三、竞赛范围
哈尔滨地铁3号线二期工程项目参建单位中铁十九局集团有限公司，该公司为国有企业，参赛职工约450人，职工总数1300人。
四、竞赛内容
比安全、比质量、比进度、比效益、比技术、比管理，创一流工程。
五、组织领导
成立竞赛领导小组，办公室设在区总工会。联系人：刘佳，联系电话：0451-84556677。

哈尔滨市道里区总工会
2026年12月1日
"""


def test_a_plan_with_a_title_preamble_and_a_signature():
    f = rules.competition(PLAN, today=TODAY).fields
    assert f["name"] == "2027年“六比一创”劳动竞赛" and f["union_name"] == "哈尔滨市道里区总工会"
    assert f["unit"] == "中铁十九局集团有限公司" and f["ownership"] == "公有"
    assert f["project"] == "哈尔滨地铁3号线二期工程项目"  # not 全区重点项目, which names no project
    assert (f["start"], f["end"]) == (date(2027, 3, 1), date(2027, 11, 30))  # not the date it was signed
    assert (f["planned"], f["total"], f["contact"]) == (450, 1300, "刘佳")


def test_from_today_mid_month_and_a_labelled_contact_first():
    f = rules.competition(
        "即日起至2027年3月中旬，国营企业，联系电话：0451—86661234 联系人：欧阳明", today=TODAY
    ).fields
    assert (f["start"], f["end"]) == (TODAY, date(2027, 3, 20))
    assert f["ownership"] == "公有" and f["phone"] == "0451-86661234" and f["contact"] == "欧阳明"
