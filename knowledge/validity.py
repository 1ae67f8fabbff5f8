"""Which stored documents are still in force, decided over the whole catalogue.

A document is 已修订 when a newer revision of it is stored (the same title without 中华人民共和国 and
edition notes, and a later date), 已废止 when a stored document says it repeals it (``《…》同时废止``,
matching the title and, when the repeal gives one, the year), and whatever the user declared at ingest
or in the console wins over both. Without dates nothing is assumed: two undated copies of one title
both stay 现行有效.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from ingest.short_title import title_key
from ingest.validity import Status
from knowledge.catalog import DocRecord

Resolved = tuple[str, str | None, int | None]  # (status value, superseded_by title, its doc id)


def _version_date(doc: DocRecord) -> str | None:
    return doc.date or doc.in_force_from


def resolve(documents: Iterable[DocRecord]) -> dict[int, Resolved]:
    """Linear in the number of documents (titles and repeal clauses are indexed by title key): it runs
    after every stored batch, and a catalogue can hold ten thousand documents."""
    docs = list(documents)
    by_key: dict[str, list[DocRecord]] = defaultdict(list)
    repeals: dict[str, list[tuple[DocRecord, str | None]]] = defaultdict(list)
    for d in docs:
        by_key[title_key(d.title)].append(d)
        for title, date in d.repealed_titles:
            repeals[title_key(title)].append((d, date))
    out: dict[int, Resolved] = {}
    for d in docs:
        out[d.id] = _declared(d, by_key) or _revised(d, by_key) or _repealed(d, repeals) or _in_force()
    return out


def _in_force() -> Resolved:
    return (Status.IN_FORCE.value, None, None)


def _declared(d: DocRecord, by_key: dict[str, list[DocRecord]]) -> Resolved | None:
    if not (d.declared_status or d.declared_superseded_by):
        return None
    status = d.declared_status or Status.REPEALED.value
    by = d.declared_superseded_by
    target = None
    if by:
        # the replacing document, when it is stored: the newest one with that title
        candidates = [x for x in by_key.get(title_key(by), []) if x.id != d.id]
        target = max(candidates, key=lambda x: _version_date(x) or "", default=None)
    if status == Status.IN_FORCE.value:
        return (status, None, None)
    return (status, target.title if target else by, target.id if target else None)


def _revised(d: DocRecord, by_key: dict[str, list[DocRecord]]) -> Resolved | None:
    mine = _version_date(d)
    if not mine:
        return None
    newer = [x for x in by_key[title_key(d.title)] if x.id != d.id and (_version_date(x) or "") > mine]
    if not newer:
        return None
    newest = max(newer, key=lambda x: _version_date(x) or "")
    return (Status.REVISED.value, newest.title, newest.id)


def _repealed(d: DocRecord, repeals: dict[str, list[tuple[DocRecord, str | None]]]) -> Resolved | None:
    mine = _version_date(d)
    for other, date in repeals.get(title_key(d.title), ()):
        if other.id == d.id:
            continue
        if date and mine and date[:4] != mine[:4]:
            continue  # a repeal of another (older) edition with this title
        if not date and mine and (_version_date(other) or "") <= mine:
            continue  # a repeal can only reach back in time
        return (Status.REPEALED.value, other.title, other.id)
    return None
