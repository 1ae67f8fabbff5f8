"""How an item names its place and the setting its sentence needs: the lead (根据《…》第N条), a list's
intro quoted for its entries, the article's first sentence for a later one, and the item's source."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from training.corpus import Passage
from training.model import ItemKind, QuizItem, Source


def lead(passage: Passage, task: str) -> str:
    # an article names the place precisely; a heading of a notice would only make the question long
    return f"根据《{passage.name}》{passage.article or ''}，{task}："


MAX_INTRO = 80
# 有权按照国家有关工伤保险的规定，享受下列工伤保险待遇：a list that restates what another law governs, as
# it stood when written (that law's amounts have changed since): asked from the governing law, not here
_DEFERS = re.compile(r"(?:按照|依照|根据)国家(?:有关)?[^，,。；;]{0,12}规定[，,]?(?:享受|享有|执行|办理)")
_PREDICATE = re.compile(r"的[，,]|应当|应|可以|必须|不得|有权|处以|支付|按照|给予|享受|享有|计算")
# 特许人应当向被特许人提供以下信息：a list of things, each entry a noun phrase (最近2年的…报告摘要): no
# statement to judge, a trainee cannot tell what is claimed (sixth blind review)
_THINGS = re.compile(r"(?:以下|下列|如下)(?:信息|材料|资料|文件|事项|内容|情况|证件|文书)[：:]?$")


def in_list(items: Iterable[QuizItem | None], passage: Passage, intro: str) -> list[QuizItem]:
    """Items of a list entry (（一）发生一般事故的，处…罚款) carry the line that introduces the list in
    their lead, since who is fined or what is counted stands only there. An intro that is too long (or
    has a colon of its own) drops them; a list of things (工会经费的来源：) is no statement to judge."""
    if len(intro) > MAX_INTRO or "：" in intro or ":" in intro or _DEFERS.search(intro):
        return []
    judged = bool(_PREDICATE.search(intro)) and not _THINGS.search(intro)
    return in_setting(items, passage, intro, judged=judged)


def in_setting(
    items: Iterable[QuizItem | None], passage: Passage, setting: str, *, judged: bool = True
) -> list[QuizItem]:
    """Items whose lead quotes the setting their sentence needs (a list's intro, the article's first
    sentence); a blank whose answer the setting shows is dropped."""
    where = f"根据《{passage.name}》{passage.article or ''}"
    out = []
    for item in items:
        if item is None or (item.kind is ItemKind.JUDGE and not judged):
            continue
        if isinstance(item.answer, str) and item.answer in setting:
            continue
        out.append(replace(item, question=item.question.replace(where, f"{where}“{setting}”", 1)))
    return out


def source(passage: Passage, quote: str) -> Source:
    return Source(passage.doc_id, passage.title, passage.label or None, quote)
