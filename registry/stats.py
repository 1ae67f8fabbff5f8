"""Statistics over what a user may see: counts by type/district/ownership/status, key-project coverage
(the seed notice asks for 全覆盖: every key project with a competition), participation rates and
activities per month."""

from __future__ import annotations

from collections import Counter, defaultdict

from registry.listing import ListingMixin
from registry.model import COMPETITION_TYPES, STATUSES, User
from registry.policy import Action

NO_DISTRICT = "市级/未分区"


def _rate(planned: int, total: int) -> float | None:
    return round(planned / total, 4) if total else None


def _participation(rows: list[dict], label) -> dict[str, dict]:
    sums: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in rows:
        s = sums[label(r)]
        s[0] += r["planned"]
        s[1] += r["total"]
    return {k: {"planned": p, "total": t, "rate": _rate(p, t)} for k, (p, t) in sorted(sums.items())}


class StatsMixin(ListingMixin):
    def stats(self, *, user: User) -> dict:
        """A JSON-ready dict; rates are fractions (0.75 = 75 %), None when there is nothing to divide by."""
        self.require(user, Action.STATS)
        rows = self.competition_rows(user=user)
        by_type = Counter(r["type"] for r in rows)
        by_status = Counter(r["status"] for r in rows)
        planned, total = sum(r["planned"] for r in rows), sum(r["total"] for r in rows)
        return {
            "competitions": len(rows),
            "by_type": {t: by_type[t] for t in COMPETITION_TYPES if by_type[t]},
            "by_district": dict(sorted(Counter(r["district"] or NO_DISTRICT for r in rows).items())),
            "by_ownership": dict(sorted(Counter(r["ownership"] for r in rows).items())),
            "by_status": {s: by_status[s] for s in STATUSES if by_status[s]},
            "projects": self._coverage(user),
            "participation": {
                "overall": {"planned": planned, "total": total, "rate": _rate(planned, total)},
                # a linked union under its registered name; an unreconciled one as typed
                "by_union": _participation(rows, lambda r: r["linked_union"] or r["union_name"]),
                "by_district": _participation(rows, lambda r: r["district"] or NO_DISTRICT),
            },
            "activities": self._activities_per_month(user),
        }

    def _coverage(self, user: User) -> dict:
        """Projects of the user's district (all for admins and city-level users). A project counts as
        covered when any registered (non-draft) competition links it, whoever registered it: coverage
        is a fact about the project, not about what this user may read."""
        district = None
        if user.role != "admin" and user.union_id is not None:
            union = self.union_by_id(user.union_id)
            district = union.district if union else None
        covered = {
            r["project_id"]
            for r in self._rows(
                "SELECT DISTINCT project_id FROM competitions WHERE project_id IS NOT NULL AND status != '草稿'"
            )
        }
        projects = [p for p in self.projects() if district is None or p.district == district]
        uncovered = [p for p in projects if p.id not in covered]
        by_level = {}
        for level in sorted({p.level for p in projects}):
            mine = [p for p in projects if p.level == level]
            done = sum(p.id in covered for p in mine)
            by_level[level] = {"total": len(mine), "covered": done, "coverage": _rate(done, len(mine))}
        return {
            "total": len(projects),
            "covered": len(projects) - len(uncovered),
            "coverage": _rate(len(projects) - len(uncovered), len(projects)),
            "by_level": by_level,
            "uncovered": [
                {"id": p.id, "name": p.name, "level": p.level, "district": p.district} for p in uncovered
            ],
        }

    def _activities_per_month(self, user: User) -> dict:
        rows = self.activity_rows(user=user)
        return {
            "total": len(rows),
            "participants": sum(r["participants"] for r in rows),
            "by_month": dict(sorted(Counter(r["date"][:7] for r in rows).items())),
            "by_kind": dict(Counter(r["kind"] for r in rows).most_common()),
        }
