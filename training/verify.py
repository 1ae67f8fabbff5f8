"""Every item is checked against its source before anyone sees it (and again after a trainer's edit):
the answer stands in the quote, the quote in its document, a false statement in no document, choices
are distinct and wrong ones wrong, no question twice. Reasons are Chinese, for the trainer."""

from __future__ import annotations

from collections.abc import Iterable

from training.corpus import Corpus, squash
from training.model import ItemKind, QuizItem

BLANK = "____"
JUDGE_OPTIONS = ("正确", "错误")


def body(question: str) -> str:
    """The question without its 根据《…》…： lead-in."""
    return question.split("：", 1)[1] if "：" in question else question


def _plain(text: str) -> str:
    return squash(text).strip('“”"')


def problems(item: QuizItem, corpus: Corpus) -> list[str]:
    """Why the item may not be shown; empty when it passes."""
    out: list[str] = []
    quote, text = squash(item.source.quote), _plain(body(item.question))
    doc = corpus.get(item.source.doc_id)
    if doc is None:
        return ["来源文件已不在知识库中。"]
    if not quote or not any(quote in squash(p.text) for p in doc.passages):
        out.append("引用的原文不在来源文件中。")
    if not text:
        out.append("题干为空。")
    if item.kind in (ItemKind.CLOZE, ItemKind.CHOICE):
        answer = item.answer if isinstance(item.answer, str) else ""
        if BLANK not in text:
            out.append("填空题或选择题的题干需要有空格“____”。")
        elif text.count(BLANK) != 1:
            out.append("题干只能有一个空格。")
        elif not answer.strip():
            out.append("答案为空。")
        elif squash(text.replace(BLANK, answer)) not in quote:
            out.append("把答案填回题干后，与原文不符。")
        if item.kind is ItemKind.CHOICE:
            out += _choice_problems(item, text, answer, corpus)
    elif item.kind is ItemKind.JUDGE:
        if not isinstance(item.answer, bool):
            out.append("判断题的答案只能是正确或错误。")
        elif item.answer and text not in quote:
            out.append("判断为正确的说法与原文不符。")
        elif not item.answer and corpus.occurs(text):
            out.append("判断为错误的说法却出现在文件中。")
        if tuple(item.options) != JUDGE_OPTIONS:
            out.append("判断题的选项应为“正确”“错误”。")
    elif item.kind is ItemKind.ORDER:
        out += _order_problems(item, quote)
    return out


def _choice_problems(item: QuizItem, text: str, answer: str, corpus: Corpus) -> list[str]:
    out = []
    keys = [squash(o) for o in item.options]
    if len(keys) < 3:
        out.append("选择题至少要有三个选项。")
    if len(set(keys)) != len(keys) or not all(keys):
        out.append("选项不能重复或为空。")
    if keys.count(squash(answer)) != 1:
        out.append("正确答案应当恰好是其中一个选项。")
    for option in item.options:
        if squash(option) != squash(answer) and BLANK in text and corpus.occurs(text.replace(BLANK, option)):
            out.append(f"干扰项“{option}”填入后也出现在文件中，可能同样正确。")
    return out


def _order_problems(item: QuizItem, quote: str) -> list[str]:
    steps = item.answer if isinstance(item.answer, tuple) else ()
    if len(steps) < 3:
        return ["排序题至少要有三个步骤。"]
    out, at = [], -1
    for step in steps:
        pos = quote.find(squash(step), at + 1)
        if not squash(step) or pos < 0:
            out.append(f"步骤“{step}”不在原文中，或顺序与原文不符。")
            break
        at = pos
    if sorted(squash(s) for s in item.options) != sorted(squash(s) for s in steps):
        out.append("排序题的选项应当正好是这些步骤。")
    if len({squash(s) for s in steps}) != len(steps):
        out.append("步骤不能重复。")
    if tuple(item.options) == tuple(steps):
        out.append("选项已经是正确顺序，请打乱。")
    return out


def duplicates(items: Iterable[QuizItem]) -> set[int]:
    """Positions of items whose question repeats an earlier one (whitespace aside)."""
    seen: set[str] = set()
    out = set()
    for n, item in enumerate(items):
        key = squash(item.question)
        if key in seen:
            out.add(n)
        seen.add(key)
    return out
