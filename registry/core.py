"""What every part of the Registry shares: the connection, the write transaction, row → record
conversion, the audit log and the permission scope."""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlite_utils import Database

from registry.errors import NotFound
from registry.model import Activity, Attachment, Competition, KeyProject, Union, UploadLimits, User
from registry.policy import Action, allows, require
from registry.schema import open_database


def now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def audit_text(value: object) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, dt.date) else str(value)


class RegistryBase:
    def __init__(
        self,
        db_path: Path,
        *,
        attachments_dir: Path,
        timezone: str = "Asia/Shanghai",
        limits: UploadLimits | None = None,
        busy_timeout: float = 30.0,
    ) -> None:
        self.db_path = Path(db_path)
        self.attachments_dir = Path(attachments_dir)
        self.limits = limits or UploadLimits()
        # times are stored as ISO with offset; people read them in the deployment's local time
        self.timezone = ZoneInfo(timezone)
        self.db: Database = open_database(self.db_path, busy_timeout_ms=int(busy_timeout * 1000))
        # one connection shared by the threads of this process: the lock serialises them, and
        # BEGIN IMMEDIATE + busy_timeout serialises writers from other processes
        self._lock = threading.RLock()

    def close(self) -> None:
        with self._lock:
            self.db.close()

    def transaction(self) -> contextlib.AbstractContextManager[Database]:
        """Group several registry writes: they all land, or (on any error) none does."""
        return self._write()

    @contextlib.contextmanager
    def _write(self) -> Iterator[Database]:
        with self._lock:
            if self.db.conn.in_transaction:  # nested call: a savepoint inside the outer transaction
                with self.db.atomic():
                    yield self.db
                return
            self.db.execute("BEGIN IMMEDIATE")
            try:
                with self.db.atomic():  # a savepoint: rolls back cleanly on error
                    yield self.db
                self.db.execute("COMMIT")
            except BaseException:
                self.db.rollback()
                raise

    def _rows(self, sql: str, params: tuple | list | dict = ()) -> list[dict]:
        with self._lock:
            return list(self.db.query(sql, params))

    def _row(self, sql: str, params: tuple | list | dict = ()) -> dict | None:
        rows = self._rows(sql, params)
        return rows[0] if rows else None

    def _insert(self, table: str, row: dict) -> int:
        """Adds a row to a table keyed by an integer id; returns the new id."""
        row_id = self.db.table(table).insert(row).last_rowid
        if row_id is None:  # sqlite always reports the rowid of a row it has inserted
            raise RuntimeError(f"no row id after inserting into {table}")
        return row_id

    def _one(self, sql: str, params: tuple | list | dict = ()) -> dict:
        """The row that must be there (just written, or already checked as visible)."""
        row = self._row(sql, params)
        if row is None:
            raise NotFound()
        return row

    # --- audit -----------------------------------------------------------------------------------
    def _audit(
        self,
        *,
        by: User | None,
        record: str,
        action: str,
        field: str | None = None,
        old: object = None,
        new: object = None,
    ) -> None:
        self.db.table("audit").insert(
            {
                "at": now(),
                "user_id": by.id if by else None,
                "user_name": by.name if by else None,
                "record": record,
                "action": action,
                "field": field,
                "old": audit_text(old),
                "new": audit_text(new),
            }
        )

    def audit_log(self, *, record: str | None = None) -> list[dict]:
        """Entries oldest first. `record` is a registration number (JS-2026-0001), "activity:<id>",
        "user:<name>" or "union:<name>"; a competition id given as a number string is resolved too.
        Each entry also has `local_at` (local time, to the minute) and `by` (the user's display name)."""
        select = "SELECT a.*, u.display_name AS by_name FROM audit a LEFT JOIN users u ON u.id = a.user_id"
        if record is None:
            rows = self._rows(f"{select} ORDER BY a.id")
        else:
            ref = record.strip()
            if ref.isdigit() and (
                row := self._row("SELECT reg_no FROM competitions WHERE id = ?", (int(ref),))
            ):
                ref = row["reg_no"]
            rows = self._rows(f"{select} WHERE a.record = ? COLLATE NOCASE ORDER BY a.id", (ref,))
        for r in rows:
            r["local_at"] = self.local_time(r["at"])
            r["by"] = r.pop("by_name") or r["user_name"] or "系统"
        return rows

    def local_time(self, stamp: str) -> str:
        """2026-12-02T05:53:04+00:00 → 2026-12-02 13:53 in the registry's time zone."""
        moment = dt.datetime.fromisoformat(stamp)
        if moment.tzinfo is not None:
            moment = moment.astimezone(self.timezone)
        return moment.strftime("%Y-%m-%d %H:%M")

    # --- permissions -----------------------------------------------------------------------------
    def subtree_ids(self, union_id: int) -> set[int]:
        rows = self._rows(
            "WITH RECURSIVE tree(id) AS (SELECT id FROM unions WHERE id = ? "
            "UNION SELECT u.id FROM unions u JOIN tree t ON u.parent_id = t.id) SELECT id FROM tree",
            (union_id,),
        )
        return {r["id"] for r in rows}

    def require(self, user: User | None, action: Action) -> User:
        """The registry's permission check (registry.policy); PermissionDenied with the reason, else the
        user (no longer None to the type checker)."""
        return require(user, action)

    def allows(self, user: User | None, action: Action) -> bool:
        """Whether to offer an action (a button, a form); the registry still checks when it is done."""
        return allows(user, action)

    def _scope(self, user: User) -> set[int] | None:
        """Union ids the user may see; None means everything (admin)."""
        require(user, Action.READ)
        if allows(user, Action.ADMIN):
            return None
        return self.subtree_ids(user.union_id) if user.union_id is not None else set()

    def _visible(self, user: User, *, owner_union_id: int | None, created_by: int) -> bool:
        scope = self._scope(user)
        return scope is None or owner_union_id in scope or created_by == user.id

    def _scope_sql(self, user: User, *, owner: str, creator: str) -> tuple[str, list]:
        scope = self._scope(user)
        if scope is None:
            return "1", []
        marks = ",".join("?" * len(scope)) or "NULL"
        return f"({owner} IN ({marks}) OR {creator} = ?)", [*sorted(scope), user.id]

    # --- row → record ----------------------------------------------------------------------------
    @staticmethod
    def _union(row: dict) -> Union:
        return Union(id=row["id"], name=row["name"], parent_id=row["parent_id"], district=row["district"])

    @staticmethod
    def _user(row: dict) -> User:
        return User(
            id=row["id"],
            name=row["name"],
            display_name=row["display_name"],
            role=row["role"],
            union_id=row["union_id"],
            approved=bool(row["approved"]),
            channel=row["channel"],
            external_id=row["external_id"],
        )

    @staticmethod
    def _project(row: dict) -> KeyProject:
        return KeyProject(
            id=row["id"],
            name=row["name"],
            level=row["level"],
            district=row["district"],
            industry=row["industry"],
        )

    @staticmethod
    def _competition(row: dict) -> Competition:
        fields = {k: row[k] for k in Competition.__dataclass_fields__}
        fields["start"] = dt.date.fromisoformat(row["start"])
        fields["end"] = dt.date.fromisoformat(row["end"])
        return Competition(**fields)

    def _activity(self, row: dict, *, attachments: tuple[Attachment, ...] | None = None) -> Activity:
        files = (
            attachments
            if attachments is not None
            else tuple(
                Attachment(
                    id=a["id"], filename=a["filename"], path=a["path"], sha256=a["sha256"], size=a["size"]
                )
                for a in self._rows(
                    "SELECT * FROM attachments WHERE activity_id = ? ORDER BY id", (row["id"],)
                )
            )
        )
        return Activity(
            id=row["id"],
            kind=row["kind"],
            kind_other=row["kind_other"],
            date=dt.date.fromisoformat(row["date"]),
            place=row["place"],
            organiser=row["organiser"],
            participants=row["participants"],
            summary=row["summary"],
            competition_id=row["competition_id"],
            recorded_by=row["recorded_by"],
            created_at=row["created_at"],
            attachments=files,
        )

    def _competition_row(self, ref: int | str) -> dict:
        if isinstance(ref, int) or (isinstance(ref, str) and ref.strip().isdigit()):
            row = self._row("SELECT * FROM competitions WHERE id = ?", (int(ref),))
        else:
            row = self._row("SELECT * FROM competitions WHERE reg_no = ? COLLATE NOCASE", (str(ref).strip(),))
        if row is None:
            raise NotFound(f"没有找到编号为“{ref}”的竞赛，请核对登记编号（如 JS-2026-0001）。")
        return row
