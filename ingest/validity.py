"""Whether a document is in force, as far as its own text says: 施行日期 and the documents it repeals.

``本法自1995年1月1日起施行`` gives the 施行日期 (``自公布之日起施行``: the document's own date);
``…《女职工劳动保护规定》同时废止`` names a document this one repeals; ``根据…修正`` / ``第二次修正``
marks a revised text. Whether *this* document was later superseded cannot be read from itself: the
catalogue decides that from the other documents (knowledge/validity.py) or the user says so at ingest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from ingest.patterns import HAN


class Status(Enum):
    IN_FORCE = "现行有效"
    REVISED = "已修订"  # a newer revision of the same document replaces it
    REPEALED = "已废止"  # repealed, possibly replaced by another document

    @classmethod
    def parse(cls, value: str | None) -> Status | None:
        """A status as typed by a user: the Chinese name or the English member name."""
        if not value:
            return None
        value = value.strip()
        for s in cls:
            if value in (s.value, s.name, s.name.lower()):
                return s
        aliases = {
            "有效": cls.IN_FORCE,
            "现行": cls.IN_FORCE,
            "修订": cls.REVISED,
            "废止": cls.REPEALED,
            "失效": cls.REPEALED,
            "已失效": cls.REPEALED,
        }
        return aliases.get(value)


@dataclass(frozen=True)
class Repeal:
    """A document this one repeals: its title and, when the text gives it, its date."""

    title: str
    date: str | None = None


@dataclass(frozen=True)
class Validity:
    in_force_from: str | None = None  # ISO date
    repeals: tuple[Repeal, ...] = ()
    revised: bool = False  # the text is a revision (修正 / 修订) of an earlier one


_DATE = r"(?:(?:19|20)\d{2}|[〇○零一二三四五六七八九]{4})年[\d一二三四五六七八九十]{1,3}月(?:[\d一二三四五六七八九十]{1,3}日)?"
_OWN_DAY = r"(?:公布|发布|颁布|印发|修订发布|修正发布|通过)之日"
# 本法自1995年1月1日起施行 / 本规定于2004年5月1日起实施 / 本通知自印发之日起执行
_IN_FORCE = re.compile(
    rf"本[{HAN}]{{0,6}}?(?:自|于|从)(?P<when>{_DATE}|{_OWN_DAY})起?(?:施行|实施|执行|生效)"
)
# a header line of a statute as published: "2008年1月1日 施行"
_IN_FORCE_LINE = re.compile(rf"^(?P<when>{_DATE})\s*(?:起)?(?:施行|实施)$")
_REPEAL = re.compile(r"(?P<before>[^。；;]{0,60}?)《(?P<title>[^》]{2,60})》同时(?:废止|失效)")
_REVISED = re.compile(r"第[一二三四五六七八九十]+次修正|根据[^。]{0,80}修正|修订$|修正$")


_VERSION_LINE = re.compile(rf"^(?P<when>{_DATE})\s*[^。]{{0,120}}(?:通过|修正|修订|公布)[）)]?$")


def version_date(text: str, *, parse_date) -> str | None:
    """The date of the text's latest version, from a statute's header lines (通过 / 修正 / 修订 / 公布)."""
    dates = []
    for p in text.split("\n")[:15]:
        m = _VERSION_LINE.match(p.strip())
        if m and (iso := parse_date(m.group("when"))):
            dates.append(iso)
    return max(dates, default=None)


def read_validity(text: str, *, date: str | None, parse_date) -> Validity:
    """What ``text`` states about its own validity; ``date`` is the document's date (for 公布之日).

    ``parse_date`` turns a Chinese date into ISO (ingest.metadata.parse_date), passed in to keep one
    date parser.
    """
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    in_force = None
    for p in paragraphs[:15]:
        m = _IN_FORCE_LINE.match(p)
        if m:
            in_force = parse_date(m.group("when"))
            break
    if in_force is None:
        found = [m for p in paragraphs for m in _IN_FORCE.finditer(p)]
        if found:
            when = found[-1].group("when")  # the 附则 article comes last
            in_force = date if re.fullmatch(_OWN_DAY, when) else parse_date(when)
    repeals: list[Repeal] = []
    for p in paragraphs:
        for m in _REPEAL.finditer(p):
            title = m.group("title")
            when = re.search(_DATE, m.group("before"))
            repeals.append(Repeal(title=title, date=parse_date(when.group()) if when else None))
    revised = any(_REVISED.search(p) for p in paragraphs[:15])
    return Validity(in_force_from=in_force, repeals=tuple(dict.fromkeys(repeals)), revised=revised)
