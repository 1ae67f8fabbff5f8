"""Exports for spreadsheets: Chinese headers; CSV in UTF-8 with BOM (Excel guesses GBK otherwise),
XLSX through openpyxl with real cells (dates, date-times in local time, percentages, numbers).

Every export has one name, whoever asks for it (API, console, chat, CLI): `竞赛登记-2026-12-02.xlsx`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from registry.errors import InvalidValue
from registry.model import User
from registry.stats import StatsMixin


class Cell(Enum):
    TEXT = "text"
    NUMBER = "number"
    DATE = "date"
    DATETIME = "datetime"  # stored as ISO with offset; shown in the registry's local time zone
    PERCENT = "percent"  # a fraction: 0.75 is shown as 75.0%


class ExportKind(Enum):
    COMPETITIONS = "competitions"
    ACTIVITIES = "activities"


SHEETS = {ExportKind.COMPETITIONS: "竞赛登记", ExportKind.ACTIVITIES: "活动记录"}
FORMATS = ("xlsx", "csv")
MEDIA = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}

Column = tuple[str, Cell, Callable[[dict], object]]

COMPETITION_COLUMNS: tuple[Column, ...] = (
    ("登记编号", Cell.TEXT, lambda r: r["reg_no"]),
    ("竞赛名称", Cell.TEXT, lambda r: r["name"]),
    ("竞赛类型", Cell.TEXT, lambda r: r["type"]),
    ("其他竞赛形式", Cell.TEXT, lambda r: r["type_other"]),
    ("竞赛级别", Cell.TEXT, lambda r: r["level"]),
    ("主办工会", Cell.TEXT, lambda r: r["union_name"]),
    ("对应工会", Cell.TEXT, lambda r: r["linked_union"] or "待核对"),
    ("参赛单位", Cell.TEXT, lambda r: r["unit"]),
    ("单位性质", Cell.TEXT, lambda r: r["ownership"]),
    ("所属行业", Cell.TEXT, lambda r: r["industry"]),
    ("关联重点项目", Cell.TEXT, lambda r: r["project_name"]),
    ("区县", Cell.TEXT, lambda r: r["district"]),
    ("开始日期", Cell.DATE, lambda r: r["start"]),
    ("结束日期", Cell.DATE, lambda r: r["end"]),
    ("计划参赛职工数", Cell.NUMBER, lambda r: r["planned"]),
    ("单位职工总数", Cell.NUMBER, lambda r: r["total"]),
    ("参与率", Cell.PERCENT, lambda r: r["planned"] / r["total"] if r["total"] else None),
    ("联系人", Cell.TEXT, lambda r: r["contact"]),
    ("联系电话", Cell.TEXT, lambda r: r["phone"]),
    ("竞赛简介", Cell.TEXT, lambda r: r["description"]),
    ("状态", Cell.TEXT, lambda r: r["status"]),
    ("登记人", Cell.TEXT, lambda r: r["creator"]),
    ("登记时间", Cell.DATETIME, lambda r: r["created_at"]),
    ("更新时间", Cell.DATETIME, lambda r: r["updated_at"]),
)
ACTIVITY_COLUMNS: tuple[Column, ...] = (
    ("活动编号", Cell.NUMBER, lambda r: r["id"]),
    ("活动形式", Cell.TEXT, lambda r: r["kind"]),
    ("其他活动形式", Cell.TEXT, lambda r: r["kind_other"]),
    ("活动日期", Cell.DATE, lambda r: r["date"]),
    ("活动地点", Cell.TEXT, lambda r: r["place"]),
    ("组织单位", Cell.TEXT, lambda r: r["organiser"]),
    ("参加人数", Cell.NUMBER, lambda r: r["participants"]),
    ("活动内容", Cell.TEXT, lambda r: r["summary"]),
    ("关联竞赛编号", Cell.TEXT, lambda r: r["reg_no"]),
    ("关联竞赛名称", Cell.TEXT, lambda r: r["competition_name"]),
    ("附件数", Cell.NUMBER, lambda r: r["attachment_count"]),
    ("记录人", Cell.TEXT, lambda r: r["creator"]),
    ("记录时间", Cell.DATETIME, lambda r: r["created_at"]),
)
# OWASP CSV injection: a cell starting with one of these is run as a formula by spreadsheet programs,
# whatever follows ("-2+3", "=1+HYPERLINK(…)"); a leading apostrophe makes it text
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Export:
    filename: str
    data: bytes
    media_type: str


def export_name(kind: ExportKind, fmt: str, *, on: dt.date) -> str:
    return f"{SHEETS[kind]}-{on.isoformat()}.{fmt}"


def neutralise(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_START) else text


def _value(kind: Cell, raw: object, tz: dt.tzinfo) -> object:
    if raw is None or raw == "":
        return None
    if kind is Cell.DATE:
        return raw if isinstance(raw, dt.date) else dt.date.fromisoformat(str(raw))
    if kind is Cell.DATETIME:
        moment = raw if isinstance(raw, dt.datetime) else dt.datetime.fromisoformat(str(raw))
        if moment.tzinfo is not None:
            moment = moment.astimezone(tz)
        return moment.replace(tzinfo=None, microsecond=0)  # spreadsheets have no time zones
    return raw


def _csv_cell(kind: Cell, value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if kind is Cell.PERCENT and isinstance(value, int | float):
        return f"{value * 100:.1f}%"
    return neutralise(value) if isinstance(value, str) else value


_XLSX_FORMATS = {Cell.DATE: "yyyy-mm-dd", Cell.DATETIME: "yyyy-mm-dd hh:mm", Cell.PERCENT: "0.0%"}


def table_bytes(
    *, fmt: str, sheet: str, columns: tuple[Column, ...], rows: list[dict], tz: dt.tzinfo
) -> bytes:
    if fmt not in FORMATS:
        raise InvalidValue("format", f"导出格式“{fmt}”不支持，请选择 xlsx 或 csv。")
    table = [[_value(kind, get(r), tz) for _, kind, get in columns] for r in rows]
    if fmt == "csv":
        text = io.StringIO(newline="")
        writer = csv.writer(text)
        writer.writerow([title for title, _, _ in columns])
        writer.writerows(
            [_csv_cell(kind, v) for (_, kind, _), v in zip(columns, line, strict=True)] for line in table
        )
        return text.getvalue().encode("utf-8-sig")
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append([title for title, _, _ in columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for line in table:
        ws.append(line)
        for (_, kind, _), cell in zip(columns, ws[ws.max_row], strict=True):
            if isinstance(cell.value, str):
                cell.data_type = "s"  # user text stays text, never a formula
            elif kind in _XLSX_FORMATS and cell.value is not None:
                cell.number_format = _XLSX_FORMATS[kind]
    for i, (title, kind, _) in enumerate(columns, start=1):
        shown = [len(str(line[i - 1] or "")) for line in table[:200]]
        longest = max([len(title) * 2, 16 if kind is Cell.DATETIME else 0, *shown])
        ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = min(max(10, longest + 2), 50)
    ws.freeze_panes = "A2"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


class ExportMixin(StatsMixin):
    def _creators(self) -> dict[int, str]:
        return {r["id"]: r["display_name"] for r in self._rows("SELECT id, display_name FROM users")}

    def export(self, kind: ExportKind | str, fmt: str, *, user: User, on: dt.date | None = None) -> Export:
        """The spreadsheet of what the user may see, named the one way every channel uses."""
        kind = ExportKind(kind)
        creators = self._creators()
        if kind is ExportKind.COMPETITIONS:
            projects = {p.id: p.name for p in self.projects()}
            rows = [
                {**r, "creator": creators.get(r["created_by"]), "project_name": projects.get(r["project_id"])}
                for r in self.competition_rows(user=user)
            ]
            columns = COMPETITION_COLUMNS
        else:
            rows = [{**r, "creator": creators.get(r["recorded_by"])} for r in self.activity_rows(user=user)]
            columns = ACTIVITY_COLUMNS
        data = table_bytes(fmt=fmt, sheet=SHEETS[kind], columns=columns, rows=rows, tz=self.timezone)
        today = on or dt.datetime.now(self.timezone).date()
        return Export(export_name(kind, fmt, on=today), data, MEDIA[fmt])

    def export_to(self, folder: Path, kind: ExportKind | str, fmt: str, *, user: User) -> Path:
        """Write the export into `folder` (the caller's directory), never overwriting an earlier one."""
        export = self.export(kind, fmt, user=user)
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / export.filename
        n = 1
        while target.exists():
            target = folder / f"{Path(export.filename).stem}-{n}{Path(export.filename).suffix}"
            n += 1
        target.write_bytes(export.data)
        return target
