"""Competitions: field checks, registration numbers, duplicates, scoped reads, edits and status."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Mapping

from registry.core import RegistryBase, now
from registry.errors import DuplicateCompetition, InvalidValue, PermissionDenied
from registry.model import STATUSES, Competition, User
from registry.orgs import OrgsMixin
from registry.policy import Action
from registry.projects import ProjectsMixin
from registry.text import clean, key
from registry.validation import (
    COMPETITION_FIELDS,
    LABELS,
    REQUIRED_COMPETITION,
    check_plain,
    checked_date,
    checked_id,
    checked_text,
    is_blank,
    other_choice_changes,
)


class CompetitionsMixin(OrgsMixin, ProjectsMixin, RegistryBase):
    def check_field(self, field: str, value: object, *, draft: Mapping[str, object]) -> object:
        if field == "project_id":
            return self.resolve_project(value)
        if field == "competition_id":
            if is_blank(value):
                return None
            return self._competition_row(value if isinstance(value, int) else clean(value))["id"]
        return check_plain(field, value, draft)

    def _validate(self, data: Mapping[str, object]) -> dict[str, object]:
        draft: dict[str, object] = {}
        for field in COMPETITION_FIELDS:
            value = data.get(field)
            if field in REQUIRED_COMPETITION and is_blank(value):
                raise InvalidValue(field, f"请填写{LABELS[field]}。")
            draft[field] = self.check_field(field, value, draft=draft)
        if draft["type"] != "其他":
            draft["type_other"] = None  # a stale free text must not survive a change of type
        return draft

    def find_duplicate(self, *, unit: str, name: str, start: dt.date) -> Competition | None:
        row = self._row(
            "SELECT * FROM competitions WHERE unit_key = ? AND name_key = ? AND start = ?",
            (key(unit), key(name), start.isoformat()),
        )
        return self._competition(row) if row else None

    def _link(self, union_name: str, *, by: User) -> tuple[int | None, int | None]:
        """(union_id, owner_union_id). The owner decides who sees the record: a known union within the
        registering user's tree owns it; a union outside it (e.g. 市总工会 as organiser) or an unknown
        name leaves the record with the user's own union, so their colleagues still see it."""
        union = self.find_union(union_name)
        if union is None:
            return None, by.union_id
        if self.allows(by, Action.ADMIN) or by.union_id is None or union.id in self.subtree_ids(by.union_id):
            return union.id, union.id
        return union.id, by.union_id

    def register_competition(self, data: Mapping[str, object], *, by: User) -> Competition:
        self.require(by, Action.WRITE)
        values = self._validate(data)
        start, end = checked_date(values, "start"), checked_date(values, "end")
        name, unit = checked_text(values, "name"), checked_text(values, "unit")
        project_id = checked_id(values, "project_id")
        if project_id is not None and not values["industry"]:
            project = self.project(project_id)
            values["industry"] = project.industry if project else None
        with self._write():
            union_id, owner = self._link(checked_text(values, "union_name"), by=by)
            existing = self.find_duplicate(unit=unit, name=name, start=start)
            if existing is not None:
                raise DuplicateCompetition(existing)
            seq = self._row("SELECT last FROM reg_sequences WHERE year = ?", (start.year,))
            number = (seq["last"] if seq else 0) + 1
            self.db.execute(
                "INSERT INTO reg_sequences(year, last) VALUES (?, ?) ON CONFLICT(year) DO UPDATE SET last = excluded.last",
                (start.year, number),
            )
            reg_no = f"JS-{start.year}-{number:04d}"
            stamp = now()
            row = {
                **values,
                "start": start.isoformat(),
                "end": end.isoformat(),
                "reg_no": reg_no,
                "name_key": key(name),
                "unit_key": key(unit),
                "union_id": union_id,
                "owner_union_id": owner,
                "status": "已登记",
                "created_by": by.id,
                "created_at": stamp,
                "updated_at": stamp,
            }
            try:
                self.db.table("competitions").insert(row)
            except sqlite3.IntegrityError:  # the unique index caught a writer outside this code path
                existing = self.find_duplicate(unit=unit, name=name, start=start)
                if existing is None:  # another constraint: not ours to explain
                    raise
                raise DuplicateCompetition(existing) from None
            self._audit(by=by, record=reg_no, action="create", field="status", new="已登记")
        return self._competition(self._competition_row(reg_no))

    def _visible_row(self, ref: int | str, user: User) -> dict:
        row = self._competition_row(ref)
        if not self._visible(user, owner_union_id=row["owner_union_id"], created_by=row["created_by"]):
            raise PermissionDenied(f"您无权查看或修改竞赛 {row['reg_no']}：它不属于您所在工会及下属工会。")
        return row

    def competition(self, ref: int | str, *, user: User) -> Competition:
        return self._competition(self._visible_row(ref, user))

    def update_competition(self, ref: int | str, *, field: str, value: object, by: User) -> Competition:
        if field == "status":
            return self.set_status(ref, str(value), by=by)
        if field not in COMPETITION_FIELDS:
            raise InvalidValue(field, f"“{field}”不是可以修改的登记项。")
        self.require(by, Action.WRITE)
        with self._write():
            row = self._visible_row(ref, by)
            current = self._competition(row)
            draft = {f: getattr(current, f) for f in COMPETITION_FIELDS if f != field}
            new = self.check_field(field, value, draft=draft)
            changes: dict[str, object] = {field: new}
            if field in REQUIRED_COMPETITION and new is None:
                raise InvalidValue(field, f"请填写{LABELS[field]}。")
            changes |= other_choice_changes(
                field, new, choice="type", other="type_other", current_other=current.type_other
            )
            if field == "union_name":
                changes["union_id"], changes["owner_union_id"] = self._link(
                    checked_text(changes, field), by=by
                )
            if field in ("unit", "name", "start"):
                after = {"unit": current.unit, "name": current.name, "start": current.start, field: new}
                other = self.find_duplicate(
                    unit=checked_text(after, "unit"),
                    name=checked_text(after, "name"),
                    start=checked_date(after, "start"),
                )
                if other is not None and other.id != current.id:
                    raise DuplicateCompetition(other)
                changes["unit_key"], changes["name_key"] = key(after["unit"]), key(after["name"])
            changed = {
                f: v for f, v in changes.items() if row[f] != (v.isoformat() if isinstance(v, dt.date) else v)
            }
            if not changed:
                return current
            stored = {f: v.isoformat() if isinstance(v, dt.date) else v for f, v in changed.items()}
            self.db.table("competitions").update(row["id"], {**stored, "updated_at": now()})
            for f, v in changed.items():
                if not f.endswith("_key") and f != "owner_union_id":
                    self._audit(by=by, record=row["reg_no"], action="update", field=f, old=row[f], new=v)
        return self._competition(self._competition_row(row["id"]))

    def set_status(self, ref: int | str, status: str, *, by: User) -> Competition:
        wanted = clean(status)
        if wanted not in STATUSES:
            raise InvalidValue("status", f"状态“{wanted}”无效，可选：{' → '.join(STATUSES)}。")
        self.require(by, Action.WRITE)
        with self._write():
            row = self._visible_row(ref, by)
            old = row["status"]
            if wanted == old:
                return self._competition(row)
            if not self.allows(by, Action.ADMIN) and STATUSES.index(wanted) < STATUSES.index(old):
                raise InvalidValue(
                    "status",
                    f"竞赛状态只能向后推进（{' → '.join(STATUSES)}）：当前为“{old}”，不能改回“{wanted}”；如需更正请联系管理员。",
                )
            self.db.table("competitions").update(row["id"], {"status": wanted, "updated_at": now()})
            self._audit(by=by, record=row["reg_no"], action="status", field="status", old=old, new=wanted)
        return self._competition(self._competition_row(row["id"]))

    def unreconciled(self) -> list[Competition]:
        """Competitions whose 主办工会 matched no known union: an admin links them with reconcile_union."""
        rows = self._rows("SELECT * FROM competitions WHERE union_id IS NULL ORDER BY union_name, id")
        return [self._competition(r) for r in rows]

    def reconcile_union(self, typed_name: str, *, union: str, by: User) -> int:
        """Links every unlinked competition typed as `typed_name` to a known union; returns how many."""
        self.require(by, Action.ADMIN)
        with self._write():
            target = self._require_union(union)
            rows = [
                r
                for r in self._rows("SELECT * FROM competitions WHERE union_id IS NULL")
                if key(r["union_name"]) == key(typed_name)
            ]
            for r in rows:
                self.db.table("competitions").update(
                    r["id"], {"union_id": target.id, "owner_union_id": target.id, "updated_at": now()}
                )
                self._audit(
                    by=by, record=r["reg_no"], action="reconcile", field="union_id", old=None, new=target.id
                )
        return len(rows)
