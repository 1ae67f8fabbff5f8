"""Numbers that occur in a cited passage but belong to another case of it.

An article that lists cases (休息日 … 百分之二百；法定休假日 … 百分之三百) lets a sentence pass the
occurrence check with a true number moved to the wrong case. The case a number belongs to is named by
the condition before it (`法定休假日安排工作的，`): when another clause of the cited passages matches that
condition and the number's own words clearly better (by `MARGIN` character pairs, a shared number in the
condition counting two) and states a different number of the same kind, the number is misplaced.
A clause is a run of text between 。 ； and line breaks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from knowledge.llm import quantities as q

MARGIN = 3
_CLAUSE = re.compile(r"[^。；;\n]+")
_PART = re.compile(r"[，,：:]")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_NUMERALS = set(q.CN)


def _pairs(text: str) -> set[str]:
    chars = [c for c in text if _CJK.match(c) and c not in _NUMERALS]
    return {chars[i] + chars[i + 1] for i in range(len(chars) - 1)}


Clause = tuple[set[str], set[q.Number]]  # its character pairs, its numbers


def clauses_of(text: str) -> list[Clause]:
    return [(_pairs(c), q.quantities(c)[0]) for c in _CLAUSE.findall(text)]


def misplaced(body: str, clauses: Sequence[Clause], *, margin: int = MARGIN) -> list[q.Number]:
    """The numbers of `body` (a sentence without its marks) that belong to another case than in the
    clauses of the passages it cites."""
    out: list[q.Number] = []
    for segment in _CLAUSE.findall(body):
        parts = _PART.split(segment)
        for i, part in enumerate(parts):
            numbers = q.quantities(part)[0]
            if not numbers:
                continue
            condition = parts[i - 1] if i and parts[i - 1].endswith("的") else ""
            words = _pairs(f"{condition}，{part}")
            condition_numbers = q.quantities(condition)[0] if condition else set()

            def score(pairs: set[str], found: set[q.Number]) -> int:
                return len(words & pairs) + 2 * len(condition_numbers & found)  # noqa: B023 - used at once

            for number in numbers:
                if number.kind is q.Kind.ORDINAL:
                    continue  # 第四十条 names an article, not the value of a case
                own = max((score(p, f) for p, f in clauses if number in f), default=-1)
                other = max(
                    (
                        score(p, f)
                        for p, f in clauses
                        if number not in f and any(n.kind == number.kind for n in f)
                    ),
                    default=-1,
                )
                if own >= 0 and other >= own + margin:
                    out.append(number)
    return out
