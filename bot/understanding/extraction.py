"""What the CLI, the API and the chat show for an extraction: `{"fields", "missing", "notes"}` with
JSON values (dates ISO, counts int), and the text of a sent plan file (DOCX/PDF/TXT … via ingest)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from bot.understanding.model import ACTIVITY_FIELDS, COMPETITION_FIELDS, Understanding

# what a record needs before it can be stored, in the form's order (project, description, competition
# are optional: they are never "missing")
REQUIRED = {
    "competition": tuple(f for f in COMPETITION_FIELDS if f not in ("project", "description")),
    "activity": tuple(f for f in ACTIVITY_FIELDS if f != "competition"),
}
ORDER = {"competition": COMPETITION_FIELDS, "activity": ACTIVITY_FIELDS}
LABELS = {
    "name": "竞赛名称",
    "type": "竞赛类型",
    "union_name": "主办工会",
    "unit": "参赛单位",
    "ownership": "单位性质",
    "project": "关联重点项目",
    "start": "开始日期",
    "end": "结束日期",
    "planned": "计划参赛职工数",
    "total": "单位职工总数",
    "contact": "联系人",
    "phone": "联系电话",
    "description": "竞赛简介",
    "kind": "活动形式",
    "date": "活动日期",
    "place": "活动地点",
    "participants": "参加人数",
    "summary": "活动内容",
    "competition": "关联竞赛",
}


def fields_json(kind: str, understood: Understanding) -> dict[str, object]:
    """The fields understood for a `kind` ("competition" or "activity"), in its order, JSON-ready."""
    return {k: _jsonable(understood.fields[k]) for k in ORDER[kind] if k in understood.fields}


def as_json(kind: str, understood: Understanding) -> dict[str, object]:
    """The extraction of a `kind` with what is still missing and how values were read."""
    fields = fields_json(kind, understood)
    missing = [k for k in REQUIRED[kind] if k not in fields]
    notes = [f"{LABELS.get(k, k)}：{v}" for k, v in understood.notes.items()]
    return {"fields": fields, "missing": missing, "notes": notes}


def _jsonable(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value


def file_text(data: bytes, *, name: str, limits=None) -> str:
    """The text of a plan file, read by the ingest loaders within their limits (size, pages, time);
    raises ingest's errors (with a Chinese reason) for a file that cannot be read."""
    from ingest.limits import DEFAULT_LIMITS
    from ingest.loaders import load_bytes

    raw = load_bytes(data, name=Path(name).name or "方案.txt", limits=limits or DEFAULT_LIMITS)
    return raw.text
