"""Activities (动员会, 座谈会, 宣传 …) with attachments stored on disk and their sha256 recorded."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from pathlib import Path

from registry.competitions import CompetitionsMixin
from registry.core import now
from registry.errors import InvalidValue, NotFound, PermissionDenied
from registry.model import Activity, Attachment, User
from registry.policy import Action
from registry.text import safe_filename
from registry.validation import (
    ACTIVITY_FIELDS,
    LABELS,
    REQUIRED_ACTIVITY,
    checked_date,
    checked_id,
    is_blank,
    other_choice_changes,
)


class ActivitiesMixin(CompetitionsMixin):
    def record_activity(
        self, data: Mapping[str, object], *, by: User, files: Sequence[tuple[str, bytes]] = ()
    ) -> Activity:
        self.require(by, Action.WRITE)
        values: dict[str, object] = {}
        for field in ACTIVITY_FIELDS:
            value = data.get(field)
            if field in REQUIRED_ACTIVITY and is_blank(value):
                raise InvalidValue(field, f"请填写{LABELS[field]}。")
            values[field] = self.check_field(field, value, draft=values)
        if values["kind"] != "其他":
            values["kind_other"] = None
        self._check_files(files)
        written: list[Path] = []
        try:
            with self._write():
                owner = by.union_id
                if (competition_id := checked_id(values, "competition_id")) is not None:
                    competition = self._visible_row(competition_id, by)
                    owner = competition["owner_union_id"]
                    values["organiser"] = values["organiser"] or competition["union_name"]
                if not values["organiser"]:
                    union = self.union_by_id(by.union_id) if by.union_id is not None else None
                    values["organiser"] = union.name if union else by.display_name
                row = {
                    **values,
                    "date": checked_date(values, "date").isoformat(),
                    "owner_union_id": owner,
                    "recorded_by": by.id,
                    "created_at": now(),
                }
                activity_id = self._insert("activities", row)
                for n, (filename, content) in enumerate(files, start=1):
                    written.append(self._store_file(activity_id, n, filename, content))
                self._audit(
                    by=by, record=f"activity:{activity_id}", action="create", field="kind", new=values["kind"]
                )
        except BaseException:
            for path in written:  # the rows were rolled back: leave no orphan files
                path.unlink(missing_ok=True)
            raise
        return self._activity(self._one("SELECT * FROM activities WHERE id = ?", (activity_id,)))

    def add_attachments(self, activity_id: int, files: Sequence[tuple[str, bytes]], *, by: User) -> Activity:
        """Photos or files for an activity already recorded (all of them, or none on any error)."""
        self.require(by, Action.WRITE)
        if not files:
            raise InvalidValue("files", "请选择要上传的照片或文件。")
        self._check_files(files)
        written: list[Path] = []
        try:
            with self._write():
                self._visible_activity_row(activity_id, by)
                count = "SELECT COUNT(*) AS n FROM attachments WHERE activity_id = ?"
                start = int(self._one(count, (activity_id,))["n"])
                most = self.limits.files_per_activity
                if start + len(files) > most:
                    raise InvalidValue("files", f"每条活动最多 {most} 个附件，已有 {start} 个。")
                for n, (filename, content) in enumerate(files, start=start + 1):
                    written.append(self._store_file(activity_id, n, filename, content))
                    self._audit(
                        by=by,
                        record=f"activity:{activity_id}",
                        action="attach",
                        field="files",
                        new=safe_filename(filename),
                    )
        except BaseException:
            for path in written:  # the rows were rolled back: leave no orphan files
                path.unlink(missing_ok=True)
            raise
        return self.activity(activity_id, user=by)

    def _check_files(self, files: Sequence[tuple[str, bytes]]) -> None:
        limits = self.limits
        if len(files) > limits.files_per_upload:
            raise InvalidValue("files", f"一次最多上传 {limits.files_per_upload} 个附件。")
        for filename, content in files:
            if len(content) > limits.file_bytes:
                raise InvalidValue("files", f"附件“{filename}”超过 {limits.file_mb} MB，请压缩后再上传。")

    def remove_attachment(self, attachment_id: int, *, by: User) -> Activity:
        """Delete a photo or file recorded by mistake (the audit log keeps its name and sha256)."""
        self.require(by, Action.WRITE)
        with self._write():
            att, activity_id = self.attachment(attachment_id, user=by)
            self.db.execute("DELETE FROM attachments WHERE id = ?", [attachment_id])
            self._audit(
                by=by,
                record=f"activity:{activity_id}",
                action="detach",
                field="files",
                old=f"{att.filename}（sha256 {att.sha256[:12]}…）",
            )
        # after the commit: a crash here leaves an orphan file, never a row without its file
        self.attachment_path(att.path).unlink(missing_ok=True)
        return self.activity(activity_id, user=by)

    def _store_file(self, activity_id: int, n: int, filename: str, content: bytes) -> Path:
        name = safe_filename(filename)
        relative = Path(str(activity_id)) / f"{n:02d}-{name}"
        target = self.attachments_dir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        self.db.table("attachments").insert(
            {
                "activity_id": activity_id,
                "filename": name,
                # relative to the data dir, which holds both registry.db and attachments/
                "path": (Path(self.attachments_dir.name) / relative).as_posix(),
                "sha256": hashlib.sha256(content).hexdigest(),
                "size": len(content),
            }
        )
        return target

    def attachment_path(self, path: str) -> Path:
        """Absolute location of an Attachment.path."""
        return self.attachments_dir.parent / path

    def attachment_rows(self, activity_ids: Sequence[int]) -> dict[int, list[dict]]:
        """The attachments of these activities (the caller has checked it may see them), by activity."""
        out: dict[int, list[dict]] = {i: [] for i in activity_ids}
        if activity_ids:
            marks = ",".join("?" * len(activity_ids))
            sql = f"SELECT * FROM attachments WHERE activity_id IN ({marks}) ORDER BY id"
            for row in self._rows(sql, list(activity_ids)):
                out[row["activity_id"]].append(row)
        return out

    def attachment(self, attachment_id: int, *, user: User) -> tuple[Attachment, int]:
        """(attachment, activity id), scoped like its activity."""
        row = self._row("SELECT * FROM attachments WHERE id = ?", (attachment_id,))
        if row is None:
            raise NotFound(f"没有编号为 {attachment_id} 的附件。")
        self._visible_activity_row(row["activity_id"], user)
        fields = ("id", "filename", "path", "sha256", "size")
        return Attachment(**{f: row[f] for f in fields}), row["activity_id"]

    def activity(self, activity_id: int, *, user: User) -> Activity:
        """One activity the user may see (NotFound / PermissionDenied otherwise)."""
        return self._activity(self._visible_activity_row(activity_id, user))

    def _visible_activity_row(self, activity_id: int, user: User) -> dict:
        row = self._row("SELECT * FROM activities WHERE id = ?", (activity_id,))
        if row is None:
            raise NotFound(f"没有编号为 {activity_id} 的活动记录。")
        if not self._visible(user, owner_union_id=row["owner_union_id"], created_by=row["recorded_by"]):
            raise PermissionDenied(f"您无权查看或修改活动 {activity_id}：它不属于您所在工会及下属工会。")
        return row

    def update_activity(self, activity_id: int, *, field: str, value: object, by: User) -> Activity:
        """Change one field of an activity, checked like a new record and written to the audit log."""
        if field not in ACTIVITY_FIELDS:
            raise InvalidValue(field, f"“{field}”不是可以修改的活动登记项。")
        self.require(by, Action.WRITE)
        with self._write():
            row = self._visible_activity_row(activity_id, by)
            current = self._activity(row)
            draft = {f: getattr(current, f) for f in ACTIVITY_FIELDS if f != field}
            new = self.check_field(field, value, draft=draft)
            changes: dict[str, object] = {field: new}
            if field in REQUIRED_ACTIVITY | {"organiser"} and is_blank(new):
                raise InvalidValue(field, f"请填写{LABELS[field]}。")
            changes |= other_choice_changes(
                field, new, choice="kind", other="kind_other", current_other=current.kind_other
            )
            if field == "competition_id" and isinstance(new, int):
                # linking to a competition moves the record to that competition's owner, as on creation
                changes["owner_union_id"] = self._visible_row(new, by)["owner_union_id"]
            stored = {f: v.isoformat() if hasattr(v, "isoformat") else v for f, v in changes.items()}
            changed = {f: v for f, v in stored.items() if row[f] != v}
            if not changed:
                return current
            self.db.table("activities").update(activity_id, changed)
            for f, v in changed.items():
                if f != "owner_union_id":
                    self._audit(
                        by=by, record=f"activity:{activity_id}", action="update", field=f, old=row[f], new=v
                    )
        return self._activity(self._visible_activity_row(activity_id, by))
