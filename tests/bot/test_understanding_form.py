"""A registration pasted as a filled-in form (bot/understanding/form.py); examples written here."""

from __future__ import annotations

from datetime import date

from bot.understanding.form import half_width, labelled
from bot.understanding.rules import RuleUnderstander

TODAY = date(2026, 12, 2)


def fields(text: str) -> dict:
    return RuleUnderstander().competition(text, today=TODAY).fields


def test_a_form_with_colons_fills_each_field_from_its_label():
    f = fields(
        "名称：2027年度职工技能提升竞赛\n类型：其他\n单位：哈尔滨量具刃具有限公司\n所有制：国有企业\n"
        "开始：2027年3月1日\n结束：2027年6月30日\n人数：计划300/总数900\n联系人：孙丽 13904512345"
    )
    assert f["name"] == "2027年度职工技能提升竞赛" and f["unit"] == "哈尔滨量具刃具有限公司"
    assert f["ownership"] == "公有" and f["start"] == date(2027, 3, 1) and f["end"] == date(2027, 6, 30)
    assert f["planned"] == 300 and f["total"] == 900
    assert f["contact"] == "孙丽" and f["phone"] == "13904512345"


def test_a_form_with_spaces_and_a_union_gives_its_unit():
    f = fields(
        "名称 钳工技能比武；工会 东安发动机有限公司工会；性质 国企；时间 2027.4.1-2027.4.30；参赛 八十人"
    )
    assert f["union_name"] == "东安发动机有限公司工会" and f["unit"] == "东安发动机有限公司"
    assert f["ownership"] == "公有" and f["planned"] == 80
    assert f["start"] == date(2027, 4, 1) and f["end"] == date(2027, 4, 30)


def test_an_ownership_label_is_never_a_unit():
    f = fields("名称：平安工地竞赛；工会：龙建路桥工会；所有制：国有；时间：2027年3月1日到9月30日")
    assert f.get("unit") != "所有制" and f["ownership"] == "公有"


def test_one_label_is_no_form_and_full_width_digits_read_as_digits():
    assert labelled("联系人：王丽，我们厂搞安康杯") == {}
    assert half_width("２０２７年３月１日") == "2027年3月1日"
    assert fields("名称：２０２７年度安康杯竞赛；时间：２０２７年３月１日至１１月３０日")["start"] == date(
        2027, 3, 1
    )


def test_holidays_and_a_whole_month():
    assert fields("五创竞赛 从元旦开始 一直到明年六月")["start"] == date(2027, 1, 1)
    f = fields("优质服务竞赛 七月一整个月")
    assert f["start"] == date(2027, 7, 1) and f["end"] == date(2027, 7, 31)


def test_a_bare_head_count_and_the_name_after_a_request():
    assert fields("四新合理化建议竞赛登记一下 私企 人数七十多")["planned"] == 70
    assert fields("安康杯竞赛报名 单位 龙江化工有限公司 人数1500 全厂3200")["planned"] == 1500
    assert (
        fields("报竞赛：松花江大桥维修工程劳动竞赛，12月5日-次年1月20日")["name"]
        == "松花江大桥维修工程劳动竞赛"
    )
    f = fields("报竞赛：松花江大桥维修工程劳动竞赛，12月5日-次年1月20日")
    assert f["start"] == date(2026, 12, 5) and f["end"] == date(2027, 1, 20)
    assert fields("我们民营企业 搞个技术比武 下个月中旬开始")["start"] == date(2027, 1, 15)
