"""Which documents a question names: "宪法里有没有…", "劳动合同法规定…", "北京的企业…".

A document is named by its short title (without 中华人民共和国), when the question holds that title as
a word, or by the place its title starts with (北京市…条例 → 北京), since local regulations apply
only there. Words that merely occur in titles (工会, 竞赛) name nothing: they are topics, not names.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from knowledge.analysis import Analyzer

_NATIONAL = "中华人民共和国"
_PLACE = re.compile(r"^(.{2,3}?)(?:省|市|自治区|特别行政区)")
_EDITION = re.compile(r"[（(][^）)]*[）)]$")  # "（2018修正）" and the like


class TitleIndex:
    def __init__(self, analyzer: Analyzer, documents: Iterable[tuple[int, str]]) -> None:
        self._docs: dict[str, set[int]] = defaultdict(set)
        for doc_id, title in documents:
            short = _EDITION.sub("", title.removeprefix(_NATIONAL)).strip()
            if short and short in analyzer.index_tokens(short):
                self._docs[short].add(doc_id)
            if place := _PLACE.match(title):
                self._docs[place.group(1)].add(doc_id)

    def named(self, terms: Iterable[str]) -> set[int]:
        """Ids of the documents that the (user-typed) terms name."""
        doc_ids: set[int] = set()
        for term in terms:
            doc_ids |= self._docs.get(term, set())
        return doc_ids
