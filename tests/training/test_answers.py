"""How a trainee's typed or pressed answer is read, per kind of item."""

from __future__ import annotations

import pytest

from registry.errors import InvalidValue
from training.answers import expected, is_correct
from training.model import ItemKind, QuizItem, Source

SRC = Source(1, "中华人民共和国工会法", "第十一条", "…")


def item(kind, answer, options=()):
    return QuizItem(1, kind, "根据《工会法》第十一条，填空：会员____人以上的", tuple(options), answer, SRC)


@pytest.mark.parametrize("given", ["二十五", "25", "二十五人", " 25 ", "２５"])
def test_a_quantity_in_either_numeral_form(given):
    assert is_correct(item(ItemKind.CLOZE, "二十五"), given) is True


def test_a_wrong_quantity_is_wrong():
    assert not is_correct(item(ItemKind.CLOZE, "二十五"), "五十")
    assert not is_correct(item(ItemKind.CLOZE, "五小"), "安康杯")
    assert is_correct(item(ItemKind.CLOZE, "五小"), "“五小”")


def test_choice_by_letter_number_or_text():
    choice = item(ItemKind.CHOICE, "二十五", ["十", "二十五", "五十", "一百"])
    assert is_correct(choice, "B") and is_correct(choice, "b") and is_correct(choice, "2")
    assert is_correct(choice, "二十五") and is_correct(choice, "25")
    assert not is_correct(choice, "A")
    with pytest.raises(InvalidValue, match="A–D"):
        is_correct(choice, "E")


@pytest.mark.parametrize(
    ("given", "right"),
    [("对", True), ("正确", True), ("√", True), (True, True), ("错", False), ("×", False), (False, False)],
)
def test_judge(given, right):
    assert is_correct(item(ItemKind.JUDGE, right), given)
    assert not is_correct(item(ItemKind.JUDGE, not right), given)


def test_judge_refuses_what_is_neither():
    with pytest.raises(InvalidValue, match="请回答“对”或“错”"):
        is_correct(item(ItemKind.JUDGE, True), "也许")


def test_order_as_numbers_letters_or_steps():
    steps = ("受理申请", "调查情况", "制定方案")
    order = item(ItemKind.ORDER, steps, (steps[1], steps[0], steps[2]))
    assert is_correct(order, "2 1 3") and is_correct(order, "213") and is_correct(order, "BAC")
    assert is_correct(order, list(steps))
    assert not is_correct(order, "1 2 3")
    with pytest.raises(InvalidValue, match="全部 3 个步骤"):
        is_correct(order, "1 1 2")
    assert expected(order) == "受理申请 → 调查情况 → 制定方案"
