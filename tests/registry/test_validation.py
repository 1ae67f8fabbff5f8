from __future__ import annotations

import datetime as dt

import pytest

from registry import InvalidValue, Registry


@pytest.mark.parametrize(
    ("field", "value", "draft", "fragment"),
    [
        ("start", "2026-02-30", {}, "不存在"),
        ("start", "下个月", {}, "请填写有效的开始日期"),
        (
            "end",
            dt.date(2026, 5, 1),
            {"start": dt.date(2026, 6, 1)},
            "结束日期（2026-05-01）早于开始日期（2026-06-01）",
        ),
        ("start", dt.date(2026, 12, 1), {"end": dt.date(2026, 6, 1)}, "早于开始日期"),
        ("planned", 0, {}, "必须是正整数"),
        ("planned", -5, {}, "必须是正整数"),
        ("planned", "二百", {}, "请填写整数"),
        ("planned", 1.5, {}, "请填写整数"),
        ("planned", True, {}, "请填写整数"),
        ("total", 100, {"planned": 200}, "计划参赛职工数（200）不能多于单位职工总数（100）"),
        ("planned", 500, {"total": 100}, "不能多于单位职工总数"),
        ("phone", "12345", {}, "联系电话“12345”格式不正确"),
        ("phone", "1381234567", {}, "格式不正确"),
        ("phone", "0451-0461123", {}, "格式不正确"),
        ("type", "职工运动会", {}, "竞赛类型“职工运动会”不在登记范围内"),
        ("type_other", "", {"type": "其他"}, "请写明具体的竞赛形式"),
        ("ownership", "外星", {}, "单位性质请选择“公有”或“非公”"),
        ("name", "  ", {}, "请填写竞赛名称"),
        ("kind", "吃饭", {}, "活动形式请从以下选择"),
        ("participants", 0, {}, "参加人数必须是正整数"),
        ("project_id", "不存在的项目", {}, "没有找到名为“不存在的项目”的重点项目"),
    ],
)
def test_each_rule_has_a_clear_chinese_message(reg: Registry, field, value, draft, fragment):
    with pytest.raises(InvalidValue) as err:
        reg.check_field(field, value, draft=draft)
    assert err.value.field == field
    assert fragment in err.value.message


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("13812345678", "13812345678"),
        ("138 1234 5678", "13812345678"),
        ("+86 138-1234-5678", "13812345678"),
        ("１３８１２３４５６７８", "13812345678"),
        ("0451-84611234", "0451-84611234"),
        ("(0451)84611234", "0451-84611234"),
        ("（０４５１）８４６１１２３４", "0451-84611234"),
        ("0451 8461 1234", "0451-84611234"),
        ("84611234", "84611234"),
        ("0451-84611234转123", "0451-84611234-123"),
        ("010-62345678", "010-62345678"),
    ],
)
def test_phone_numbers_are_normalised(reg: Registry, value, expected):
    assert reg.check_field("phone", value, draft={}) == expected


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("type", "“五小”竞赛", "五小"),
        ("type", "安康杯竞赛", "安康杯"),
        ("type", "N个一", "节能减排/N个一"),
        ("type", "合理化建议", "四新合理化建议"),
        ("ownership", "民营企业", "非公"),
        ("ownership", "国企", "公有"),
        ("kind", "板报", "宣传"),
        ("kind", "动员大会", "动员会"),
        ("planned", "1,200", 1200),
        ("planned", "１２００人", 1200),
        ("start", "2026年5月26日", dt.date(2026, 5, 26)),
        ("start", dt.datetime(2026, 5, 26, 9, 30), dt.date(2026, 5, 26)),
        ("type_other", "", None),  # not required unless the type is 其他
        ("description", "  ", None),
        ("name", "  安康杯  竞赛 ", "安康杯 竞赛"),
    ],
)
def test_accepted_values_come_back_normalised(reg: Registry, field, value, expected):
    assert reg.check_field(field, value, draft={}) == expected


def test_planned_equal_to_total_is_fine(reg: Registry):
    assert reg.check_field("total", 200, draft={"planned": 200}) == 200
