"""Lists of competitions and activities: one filter, one SQL query, paged in the database.

API, console, CLI and chat all list through `find_competitions` / `find_activities`, so they offer the
same filters and the same scope; statistics and exports read the same rows (`competition_rows`,
`activity_rows`). District and union filters compare names loosely (松北区 = 松北区总工会 = 松北) with
the SQL functions the connection registers (`gh_key`, `gh_union_key`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Generic, TypeVar

from registry.activities import ActivitiesMixin
from registry.core import RegistryBase
from registry.errors import InvalidValue
from registry.model import STATUSES, Activity, Attachment, Competition, User
from registry.text import clean
from registry.validation import check_plain

T = TypeVar("T")

# the district a competition counts under: its organising union's, else its key project's, else the
# union of whoever registered it (for names not yet reconciled)
COMPETITION_DISTRICT = "COALESCE(u.district, p.district, o.district)"
SELECT_COMPETITIONS = f"""
    SELECT c.*, {COMPETITION_DISTRICT} AS district, u.name AS linked_union
    FROM competitions c LEFT JOIN unions u ON u.id = c.union_id
    LEFT JOIN projects p ON p.id = c.project_id LEFT JOIN unions o ON o.id = c.owner_union_id
"""
# an activity counts under its linked competition's district, else under its owner union's
ACTIVITY_DISTRICT = "COALESCE(cu.district, cp.district, co.district, ao.district)"
SELECT_ACTIVITIES = f"""
    SELECT a.*, c.reg_no, c.name AS competition_name, {ACTIVITY_DISTRICT} AS district,
           (SELECT COUNT(*) FROM attachments f WHERE f.activity_id = a.id) AS attachment_count
    FROM activities a LEFT JOIN competitions c ON c.id = a.competition_id
    LEFT JOIN unions cu ON cu.id = c.union_id LEFT JOIN projects cp ON cp.id = c.project_id
    LEFT JOIN unions co ON co.id = c.owner_union_id LEFT JOIN unions ao ON ao.id = a.owner_union_id
"""


@dataclass(frozen=True)
class CompetitionFilter:
    type: str | None = None
    union: str | None = None  # the organising union or one of its sub-unions, or the name as typed
    district: str | None = None
    status: str | None = None
    date_from: dt.date | None = None  # running at any time in [date_from, date_to]
    date_to: dt.date | None = None


@dataclass(frozen=True)
class ActivityFilter:
    kind: str | None = None  # 动员会 …, or the free text of 其他
    competition: str | int | None = None  # registration number or id
    union: str | None = None  # organiser, owner union (with sub-unions) or the linked competition's union
    district: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None


@dataclass(frozen=True)
class Page(Generic[T]):
    total: int  # all matches, not only this page
    limit: int
    offset: int
    items: tuple[T, ...]


@dataclass(frozen=True)
class CompetitionEntry:
    competition: Competition
    district: str | None
    linked_union: str | None  # the registered name of the linked union, None when unreconciled

    @property
    def participation_rate(self) -> float | None:
        c = self.competition
        return round(c.planned / c.total, 4) if c.total else None


@dataclass(frozen=True)
class ActivityEntry:
    activity: Activity  # with its attachments
    reg_no: str | None  # of the linked competition
    competition_name: str | None
    district: str | None


class ListingMixin(ActivitiesMixin):
    # -- competitions ------------------------------------------------------------------------------
    def _competition_where(self, f: CompetitionFilter, user: User) -> tuple[str, list]:
        where, params = self._scope_sql(user, owner="c.owner_union_id", creator="c.created_by")
        if f.status:
            status = clean(f.status)
            if status not in STATUSES:
                raise InvalidValue("status", f"状态“{status}”无效，可选：{'、'.join(STATUSES)}。")
            where += " AND c.status = ?"
            params.append(status)
        if f.type:
            where += " AND c.type = ?"
            params.append(check_plain("type", f.type, {}))
        if f.district:
            where += f" AND gh_union_key({COMPETITION_DISTRICT}) = gh_union_key(?)"
            params.append(f.district)
        if f.union:
            tree = self._union_tree(f.union)
            where += f" AND (c.union_id IN ({_marks(tree)}) OR gh_key(c.union_name) = gh_key(?))"
            params += [*tree, f.union]
        if f.date_from:
            where += ' AND c."end" >= ?'
            params.append(f.date_from.isoformat())
        if f.date_to:
            where += " AND c.start <= ?"
            params.append(f.date_to.isoformat())
        return where, params

    def competition_rows(self, *, user: User, filter: CompetitionFilter | None = None) -> list[dict]:
        """Rows with the computed `district` and `linked_union`, for statistics and exports."""
        where, params = self._competition_where(filter or CompetitionFilter(), user)
        return self._rows(f"{SELECT_COMPETITIONS} WHERE {where} ORDER BY c.id", params)

    def find_competitions(
        self, filter: CompetitionFilter | None = None, *, user: User, limit: int = 50, offset: int = 0
    ) -> Page[CompetitionEntry]:
        where, params = self._competition_where(filter or CompetitionFilter(), user)
        total = self._count(f"{SELECT_COMPETITIONS} WHERE {where}", params)
        rows = self._rows(
            f"{SELECT_COMPETITIONS} WHERE {where} ORDER BY c.id LIMIT ? OFFSET ?", [*params, limit, offset]
        )
        return Page(total, limit, offset, tuple(_competition_entry(self, r) for r in rows))

    def competition_entry(self, ref: int | str, *, user: User) -> CompetitionEntry:
        """One competition with its district and linked union (NotFound / PermissionDenied otherwise)."""
        comp = self.competition(ref, user=user)
        where, params = self._competition_where(CompetitionFilter(), user)
        row = self._row(f"{SELECT_COMPETITIONS} WHERE {where} AND c.id = ?", [*params, comp.id])
        return _competition_entry(self, row) if row else CompetitionEntry(comp, None, None)

    def competitions(
        self, *, user: User, status: str | None = None, type: str | None = None, district: str | None = None
    ) -> list[Competition]:
        """Every competition the user may see (filtered); `find_competitions` pages the same list."""
        f = CompetitionFilter(status=status, type=type, district=district)
        return [self._competition(r) for r in self.competition_rows(user=user, filter=f)]

    # -- activities --------------------------------------------------------------------------------
    def _activity_where(self, f: ActivityFilter, user: User) -> tuple[str, list]:
        where, params = self._scope_sql(user, owner="a.owner_union_id", creator="a.recorded_by")
        if f.competition is not None and f.competition != "":
            where += " AND a.competition_id = ?"
            # an unknown number is NotFound; one outside the user's scope simply matches nothing here
            params.append(self._competition_row(f.competition)["id"])
        if f.kind:
            where += " AND (a.kind = ? OR a.kind_other = ?)"
            params += [clean(f.kind)] * 2
        if f.district:
            where += f" AND gh_union_key({ACTIVITY_DISTRICT}) = gh_union_key(?)"
            params.append(f.district)
        if f.union:
            tree = self._union_tree(f.union)
            marks = _marks(tree)
            where += (
                f" AND (c.union_id IN ({marks}) OR gh_key(c.union_name) = gh_key(?)"
                f" OR gh_key(a.organiser) = gh_key(?) OR a.owner_union_id IN ({marks}))"
            )
            params += [*tree, f.union, f.union, *tree]
        if f.date_from:
            where += " AND a.date >= ?"
            params.append(f.date_from.isoformat())
        if f.date_to:
            where += " AND a.date <= ?"
            params.append(f.date_to.isoformat())
        return where, params

    def activity_rows(self, *, user: User, filter: ActivityFilter | None = None) -> list[dict]:
        """Rows with the linked competition's number and name, for statistics and exports."""
        where, params = self._activity_where(filter or ActivityFilter(), user)
        return self._rows(f"{SELECT_ACTIVITIES} WHERE {where} ORDER BY a.date, a.id", params)

    def find_activities(
        self, filter: ActivityFilter | None = None, *, user: User, limit: int = 50, offset: int = 0
    ) -> Page[ActivityEntry]:
        where, params = self._activity_where(filter or ActivityFilter(), user)
        total = self._count(f"{SELECT_ACTIVITIES} WHERE {where}", params)
        rows = self._rows(
            f"{SELECT_ACTIVITIES} WHERE {where} ORDER BY a.date, a.id LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        return Page(total, limit, offset, self._activity_entries(rows))

    def activities(self, *, user: User, competition_id: int | None = None) -> list[Activity]:
        """Every activity the user may see; `find_activities` pages and filters the same list."""
        f = ActivityFilter(competition=competition_id)
        return [self._activity(r) for r in self.activity_rows(user=user, filter=f)]

    def activity_entry(self, activity_id: int, *, user: User) -> ActivityEntry:
        """One activity with its attachments and linked competition (NotFound / PermissionDenied)."""
        row = self._visible_activity_row(activity_id, user)
        full = self._one(f"{SELECT_ACTIVITIES} WHERE a.id = ?", [row["id"]])
        return self._activity_entries([full])[0]

    def _activity_entries(self, rows: list[dict]) -> tuple[ActivityEntry, ...]:
        files: dict[int, list[Attachment]] = {r["id"]: [] for r in rows}
        if rows:
            sql = f"SELECT * FROM attachments WHERE activity_id IN ({_marks(files)}) ORDER BY id"
            for a in self._rows(sql, list(files)):
                files[a["activity_id"]].append(
                    Attachment(
                        id=a["id"], filename=a["filename"], path=a["path"], sha256=a["sha256"], size=a["size"]
                    )
                )
        return tuple(
            ActivityEntry(
                activity=self._activity(r, attachments=tuple(files[r["id"]])),
                reg_no=r["reg_no"],
                competition_name=r["competition_name"],
                district=r["district"],
            )
            for r in rows
        )

    # -- shared ------------------------------------------------------------------------------------
    def _union_tree(self, name: str) -> list[int]:
        union = self.find_union(name)
        return sorted(self.subtree_ids(union.id)) if union else []

    def _count(self, select: str, params: list) -> int:
        row = self._row(f"SELECT COUNT(*) AS n FROM ({select})", params)
        return int(row["n"]) if row else 0


def _marks(values) -> str:
    return ",".join("?" * len(values)) or "NULL"


def _competition_entry(registry: RegistryBase, row: dict) -> CompetitionEntry:
    return CompetitionEntry(registry._competition(row), row["district"], row["linked_union"])
