"""Which items a course takes: one per sentence, the kinds in turn, and none whose lead quotes (as its
setting) the sentence another item asks about."""

from __future__ import annotations

import hashlib
import random
import re

from training.corpus import squash
from training.model import ItemKind, QuizItem


def _seed(text: str) -> random.Random:
    return random.Random(int(hashlib.sha256(text.encode()).hexdigest()[:12], 16))


_SETTING = re.compile(r"^根据《[^》]*(?:《[^》]*》[^》]*)?》[^“：]*“([^”]+)”")


def _said(item: QuizItem) -> tuple[str, str | None]:
    """The sentence an item asks about, and the setting its lead quotes (if any)."""
    m = _SETTING.match(item.question)
    setting = squash(m.group(1)).rstrip("。；;") if m else None
    return squash(item.source.quote).rstrip("。；;"), setting


def apart(items: list[QuizItem]) -> list[QuizItem]:
    """No item whose lead quotes the sentence another item asks about: the setting would answer it
    (…三年或者十年 false, next to “基层工会委员会每届任期三年或者五年”). List entries may share an intro."""
    asked: set[str] = set()
    shown: set[str] = set()
    out = []
    for item in items:
        quote, setting = _said(item)
        if quote in shown or setting in asked:
            continue
        asked.add(quote)
        if setting:
            shown.add(setting)
        out.append(item)
    return out


_TURNS = (ItemKind.CLOZE, ItemKind.CHOICE, ItemKind.JUDGE)


def pick(group: list[QuizItem], turn: int) -> QuizItem:
    """One item of a sentence's group: the kind whose turn it is when the group has one (else the next),
    and among those one fixed by the sentence (a true or a false statement, which quantity)."""
    for k in range(len(_TURNS)):
        kind = _TURNS[(turn + k) % len(_TURNS)]
        same = [i for i in group if i.kind is kind]
        if same:
            return same[_seed(group[0].source.quote).randrange(len(same))]
    return group[0]
