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
        # something done at a date already gone (or today) is a record, even when it is a competition type
        ("11月30日组织了技术比武，参赛二十人", Intent.ACTIVITY),
        ("今天在食堂搞了岗位练兵，四十人", Intent.ACTIVITY),
        ("昨儿个开了座谈会", Intent.ACTIVITY),
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
