"""A registration typed as a terse list (bot/understanding/segments.py) and the date and head-count
readings found beside it; examples written here, not taken from any blind set."""

from __future__ import annotations

from datetime import date

import pytest

from bot.understanding.rules import RuleUnderstander

TODAY = date(2026, 12, 2)


def fields(text: str) -> dict:
    return RuleUnderstander().competition(text, today=TODAY).fields


def test_a_terse_list_fills_unit_name_and_content_from_their_places():
    f = fields("技术比武 焊工技能比武 恒通机械 民营 明年5月8号 一天 三十人参赛 全厂二百人")
    assert f["unit"] == "恒通机械" and f["ownership"] == "非公"
    assert f["name"] == "焊工技能比武" and f["type"] == "技术比武"
    assert f["start"] == f["end"] == date(2027, 5, 8)  # one day: both ends
    assert f["planned"] == 30 and f["total"] == 200


def test_what_the_list_is_about_is_the_piece_no_other_field_holds():
    f = fields("节能减排 市自来水公司工会 降低泵站电耗 明年3月到年底 二百人")
    assert f["description"] == "降低泵站电耗"
    assert f["union_name"] == "市自来水公司工会" and f["end"] == date(2027, 12, 31)
    assert fields("五小 宏图包装 私营 开展小改小革小发明 100人")["description"] == "小改小革小发明"


@pytest.mark.parametrize(
    "text",
    [
        "报个安康杯，市二建公司工会的，明年3月1号开始，大概三百人参加，谢谢",  # chatter, no content piece
        "五小竞赛 宏图包装 私营 100人",  # too few pieces to call one the content
    ],
)
def test_no_content_is_made_up(text):
    assert "description" not in fields(text)


def test_a_bare_count_then_the_labelled_total():
    f = fields("安康杯 民营 鸿运建材有限公司 八十人 总人数一百二十人")
    assert f["planned"] == 80 and f["total"] == 120


def test_an_ordinal_is_no_head_count_and_people_may_be_counted_with_ge():
    assert fields("护理岗位练兵 市第一人民医院工会 明年3月 护士三百人左右")["planned"] == 300
    assert fields("六比一创 明年3月开始 一线工人四百来个")["planned"] == 400


def test_a_project_the_competition_runs_on_and_after_a_bare_space():
    assert fields("搞的是城南大道项目的六比一创，明年3月开始")["project"] == "城南大道项目"
    f = fields("三保一促 滨江花园项目 市建工集团 国企 2027年6月1日开始")
    assert f["project"] == "滨江花园项目" and f["unit"] == "市建工集团"


def test_a_date_before_qian_is_an_end():
    f = fields("合理化建议 市化肥厂工会 6月底前")
    assert f["end"] == date(2027, 6, 30) and "start" not in f
