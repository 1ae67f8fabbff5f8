"""Short names the documents declare for their own terms: `享受带薪年休假（以下简称年休假）`,
`本条例所称集体协商代表（以下简称协商代表）`, `劳动和社会保障行政部门（以下简称劳动保障行政部门）`.

The bundled synonym table (`data/synonyms.tsv`) cannot know what an uploaded notice abbreviates, and after
its declaration a document uses only the short name, while a cadre may ask with either. So search expands a
question with the declared pairs of the documents it holds (`KnowledgeBase.query_terms`), and the glossary
shows them as 又称 (training.glossary).

Only true abbreviations are kept: the short name differs from the full one and is spelt by it in order
(`协商代表` in `集体协商代表`, `全总` in `中华全国总工会`); a two-character one must pick its characters from across
the full name, since a tail of it is a generic word (`企业` of `全民所有制工业企业`, `条例`). A declaration that names a whole class
(`企业、个体经济组织……等组织（以下称用人单位）`) or a generic word (`（以下简称企业）`, `（以下简称条例）`) is
no synonym and expanding with it would only add noise.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_DECLARED = re.compile(
    r"(?P<full>[^，,。；;：:、（()）\s]{2,40})\s*[（(]\s*(?:以下简称|以下统称|以下称|下称|简称|统称)\s*"
    r"[“\"「『《]?(?P<short>[^）)”\"」』》，,。\s]{2,16})[”\"」』》]?\s*[）)]"
)
# what stands before the term in the same stretch: 本条例所称…, 按照国务院有关规定设立的…, 应当对…
_BEFORE = re.compile(r"^.*(?:所称|是指|的|应当|通过|向|将|对)")
_LEAD = re.compile(
    r"^(?:为了|为|与|同)?(?:贯彻|落实|实施|执行|享受|依照|按照|根据|依据|对|由|在|设立|设置|建立|开展|举办|组织|推行)+"
)
_TITLE = re.compile(r"《([^《》]{2,40})》")
MIN_SHORT = 3


@dataclass(frozen=True)
class Alias:
    short: str
    full: str


def _spelt_by(short: str, full: str) -> bool:
    """Every character of the short name occurs in the full one, in order."""
    rest = iter(full)
    return all(ch in rest for ch in short)


def _full_name(stretch: str) -> str:
    title = _TITLE.search(stretch)
    if title:
        return title.group(1)
    return _LEAD.sub("", _BEFORE.sub("", stretch))


def declared(text: str) -> list[Alias]:
    """The abbreviations this text declares, in order."""
    out: list[Alias] = []
    for m in _DECLARED.finditer(text):
        short, full = m.group("short").strip(), _full_name(m.group("full"))
        if short != full and _spelt_by(short, full) and (len(short) >= MIN_SHORT or short not in full):
            alias = Alias(short, full)
            if alias not in out:
                out.append(alias)
    return out


class Aliases:
    """Declared pairs looked up either way: a name → the other names it was declared with."""

    def __init__(self, pairs: Iterable[Alias] = ()) -> None:
        self._others: dict[str, list[str]] = {}
        for pair in pairs:
            self._add(pair.short, pair.full)
            self._add(pair.full, pair.short)

    @classmethod
    def of_texts(cls, texts: Iterable[str]) -> Aliases:
        return cls(a for t in texts if "称" in t for a in declared(t))

    def _add(self, name: str, other: str) -> None:
        others = self._others.setdefault(name, [])
        if other not in others:
            others.append(other)

    def of(self, name: str) -> list[str]:
        return list(self._others.get(name, ()))

    def in_text(self, text: str) -> list[str]:
        """The other names of every declared name the text contains (a question mentions 年休假)."""
        out: list[str] = []
        for name, others in self._others.items():
            if name in text:
                out.extend(o for o in others if o not in text and o not in out)
        return out
