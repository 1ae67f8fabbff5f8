"""Reading a trainee's answer as people type or press it: 二十五 or 25 or 二十五人; A/1/the option's
text; 对/错/正确/√; an order as 2 1 3 4, BADC or the steps themselves. What cannot be read is refused
(with a Chinese hint) and not counted."""

from __future__ import annotations

import re

from knowledge.llm.quantities import chinese_value
from registry.errors import InvalidValue
from training.corpus import squash
from training.model import ItemKind, QuizItem

_PUNCT = re.compile(r"[\s，。、；：,.;:“”\"'‘’（）()《》]")
_TRUE = {"对", "正确", "是", "√", "✓", "true", "t", "yes", "y", "1"}
_FALSE = {"错", "错误", "否", "不对", "×", "✗", "x", "false", "f", "no", "n", "0"}
_LETTERS = "ABCDEFGH"


def _clean(text: str) -> str:
    return _PUNCT.sub("", text).lower()


def _number(text: str) -> int | None:
    text = re.sub(r"(个工作日|工作日|个月|周岁|小时|人|名|日|天|年|倍|%)$", "", text)
    if text.startswith("百分之"):
        text = text[3:]
    if text.isdigit():
        return int(text)
    return chinese_value(text) if text else None


def expected(item: QuizItem) -> str:
    """The right answer as shown to the trainee."""
    if item.kind is ItemKind.JUDGE:
        return "正确" if item.answer else "错误"
    if item.kind is ItemKind.ORDER:
        return " → ".join(item.steps)
    return str(item.answer)


def _option(item: QuizItem, given: str) -> str | None:
    raw = given.strip().upper()
    if len(raw) == 1 and raw in _LETTERS[: len(item.options)]:
        return item.options[_LETTERS.index(raw)]
    if raw.isdigit() and 1 <= int(raw) <= len(item.options) and item.kind is ItemKind.CHOICE:
        return item.options[int(raw) - 1]
    return None


def is_correct(item: QuizItem, given: object) -> bool:
    """Raises InvalidValue when the answer cannot be read for this kind of item."""
    if item.kind is ItemKind.JUDGE:
        if isinstance(given, bool):
            return given is item.answer
        word = _clean(str(given))
        if word in _TRUE:
            return item.answer is True
        if word in _FALSE:
            return item.answer is False
        raise InvalidValue("answer", "请回答“对”或“错”。")
    if item.kind is ItemKind.ORDER:
        return list(_order(item, given)) == list(item.steps)
    text = str(given).strip()
    if not text:
        raise InvalidValue("answer", "请先填写答案。")
    if item.kind is ItemKind.CHOICE:
        chosen = _option(item, text)
        if chosen is None:
            matches = [o for o in item.options if _clean(o) == _clean(text)]
            if not matches and _number(_clean(text)) is not None:
                matches = [o for o in item.options if _number(_clean(o)) == _number(_clean(text))]
            if not matches:
                raise InvalidValue("answer", f"请选择 A–{_LETTERS[len(item.options) - 1]} 中的一项。")
            chosen = matches[0]
        return squash(chosen) == squash(str(item.answer))
    want, got = _clean(str(item.answer)), _clean(text)
    if want == got:
        return True
    a, b = _number(want), _number(got)
    return a is not None and a == b


def _order(item: QuizItem, given: object) -> tuple[str, ...]:
    options = list(item.options)
    if isinstance(given, (list, tuple)):  # the steps themselves (the API and the buttons send these)
        steps = [g for g in given if isinstance(g, str)]
        if len(steps) == len(given) == len(options) and sorted(map(squash, steps)) == sorted(
            map(squash, options)
        ):
            return tuple(steps)
    raw = str(given).upper() if not isinstance(given, (list, tuple)) else " ".join(map(str, given)).upper()
    marks = re.findall(r"\d+|[A-H]", raw)
    if len(marks) == 1 and len(marks[0]) == len(options):  # 2134 or BADC written together
        marks = list(marks[0])
    picks = []
    for mark in marks:
        n = int(mark) - 1 if mark.isdigit() else _LETTERS.index(mark)
        picks.append(n)
    if sorted(picks) != list(range(len(options))):
        raise InvalidValue(
            "answer",
            f"请按顺序写出全部 {len(options)} 个步骤的编号，例如 {' '.join(str(i + 1) for i in range(len(options)))}。",
        )
    return tuple(options[n] for n in picks)
