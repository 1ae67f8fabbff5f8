"""A lesson's reading: its section verbatim, a short extractive summary (its own sentences), and the key
points it states (quantities, deadlines, duties, procedures), each with its article."""

from __future__ import annotations

import re
from collections.abc import Sequence

from training.corpus import Passage
from training.model import KeyPoint, PointKind, Source
from training.quantities import Kind, quantities
from training.sentences import sentences

SUMMARY_CHARS = 160
MAX_POINTS = 12
_PROCEDURE = re.compile(
    r"程序|步骤|报(?:上一级)?[^，。；]{0,8}批准|讨论通过|审议通过|依照下列|按下列|按照以下"
)
_DEADLINE = re.compile(r"之日起|以内|日内|月内|期限|届满|提前|任期")
_DUTY = re.compile(r"应当|必须|不得|有权|有义务|负责|^要|[，。]要(?!求)")


def point_kind(sentence: str) -> PointKind | None:
    qs = quantities(sentence)
    if _PROCEDURE.search(sentence):
        return PointKind.PROCEDURE
    if any(q.kind in (Kind.DAYS, Kind.MONTHS, Kind.YEARS) for q in qs) and _DEADLINE.search(sentence):
        return PointKind.DEADLINE
    if qs:
        return PointKind.QUANTITY
    if _DUTY.search(sentence):
        return PointKind.DUTY
    return None


def key_points(passages: Sequence[Passage]) -> list[KeyPoint]:
    points: list[KeyPoint] = []
    for passage in passages:
        for sentence in sentences(passage.text):
            kind = point_kind(sentence)
            if kind is not None and len(sentence) >= 8:
                src = Source(passage.doc_id, passage.title, passage.label or None, sentence)
                points.append(KeyPoint(kind, sentence, src))
    # quantities, deadlines and procedures are what a quiz asks and a new chair forgets: they go first
    rank = {PointKind.QUANTITY: 0, PointKind.DEADLINE: 0, PointKind.PROCEDURE: 1, PointKind.DUTY: 2}
    chosen = sorted(range(len(points)), key=lambda n: (rank[points[n].kind], n))[:MAX_POINTS]
    return [points[n] for n in sorted(chosen)]


def summary(passages: Sequence[Passage]) -> str:
    """The first sentence, then the sentences that state a quantity, a deadline or a procedure, in
    their order, up to SUMMARY_CHARS."""
    all_sentences = [s for p in passages for s in sentences(p.text)]
    if not all_sentences:
        return ""
    picked = [0] + [
        n
        for n, s in enumerate(all_sentences[1:], start=1)
        if point_kind(s) in (PointKind.QUANTITY, PointKind.DEADLINE, PointKind.PROCEDURE)
    ]
    out: list[str] = []
    size = 0
    for n in picked:
        s = all_sentences[n]
        if out and size + len(s) > SUMMARY_CHARS:
            break
        out.append(s)
        size += len(s)
    return "".join(s if s.endswith(("。", "；", "！", "？")) else s + "。" for s in out)
