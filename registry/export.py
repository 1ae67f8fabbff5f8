"""Exports for spreadsheets: Chinese headers; CSV in UTF-8 with BOM (Excel guesses GBK otherwise),
XLSX through openpyxl with real date and number cells."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable
from pathlib import Path

from registry.errors import InvalidValue
from registry.model import User
from registry.stats import StatsMixin

Column = tuple[str, Callable[[dict], object]]

COMPETITION_COLUMNS: tuple[Column, ...] = (
    ("登记编号", lambda r: r["reg_no"]),
    ("竞赛名称", lambda r: r["name"]),
    ("竞赛类型", lambda r: r["type"]),
    ("其他竞赛形式", lambda r: r["type_other"]),
    ("竞赛级别", lambda r: r["level"]),
    ("主办工会", lambda r: r["union_name"]),
    ("对应工会", lambda r: r["linked_union"] or "待核对"),
    ("参赛单位", lambda r: r["unit"]),
    ("单位性质", lambda r: r["ownership"]),
    ("所属行业", lambda r: r["industry"]),
    ("关联重点项目", lambda r: r["project_name"]),
    ("区县", lambda r: r["district"]),
    ("开始日期", lambda r: dt.date.fromisoformat(r["start"])),
    ("结束日期", lambda r: dt.date.fromisoformat(r["end"])),
    ("计划参赛职工数", lambda r: r["planned"]),
    ("单位职工总数", lambda r: r["total"]),
    ("参与率", lambda r: round(r["planned"] / r["total"], 4) if r["total"] else None),
    ("联系人", lambda r: r["contact"]),
    ("联系电话", lambda r: r["phone"]),
    ("竞赛简介", lambda r: r["description"]),
    ("状态", lambda r: r["status"]),
    ("登记人", lambda r: r["creator"]),
    ("登记时间", lambda r: r["created_at"]),
    ("更新时间", lambda r: r["updated_at"]),
)
ACTIVITY_COLUMNS: tuple[Column, ...] = (
    ("活动编号", lambda r: r["id"]),
    ("活动形式", lambda r: r["kind"]),
    ("其他活动形式", lambda r: r["kind_other"]),
    ("活动日期", lambda r: dt.date.fromisoformat(r["date"])),
    ("活动地点", lambda r: r["place"]),
    ("组织单位", lambda r: r["organiser"]),
    ("参加人数", lambda r: r["participants"]),
    ("活动内容", lambda r: r["summary"]),
    ("关联竞赛编号", lambda r: r["reg_no"]),
    ("关联竞赛名称", lambda r: r["competition_name"]),
    ("附件数", lambda r: r["attachment_count"]),
    ("记录人", lambda r: r["creator"]),
    ("记录时间", lambda r: r["created_at"]),
)
# text starting with these is run as a formula by spreadsheet programs
_FORMULA_START = ("=", "+", "-", "@")


def _csv_cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not value[1:2].isdigit():
        return "'" + value
    return value


def write_table(path: Path, *, fmt: str, sheet: str, columns: tuple[Column, ...], rows: list[dict]) -> Path:
    if fmt not in ("xlsx", "csv"):
        raise InvalidValue("format", f"导出格式“{fmt}”不支持，请选择 xlsx 或 csv。")
    path = Path(path)
    if path.is_dir():
        path = path / f"{sheet}.{fmt}"
    path.parent.mkdir(parents=True, exist_ok=True)
    table = [[get(r) for _, get in columns] for r in rows]
    if fmt == "csv":
        with path.open("w", encoding="utf-8-sig", newline="") as f:
            writer = csv.writer(f)
            writer.writerow([title for title, _ in columns])
            writer.writerows([_csv_cell(v) for v in line] for line in table)
        return path
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append([title for title, _ in columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for line in table:
        ws.append(line)
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # keep user text as text, never a formula
            elif isinstance(cell.value, dt.date):
                cell.number_format = "yyyy-mm-dd"
    for i, (title, _) in enumerate(columns, start=1):
        longest = max([len(title) * 2, *(len(str(line[i - 1] or "")) for line in table[:200])])
        ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = min(max(10, longest + 2), 50)
    ws.freeze_panes = "A2"
    wb.save(path)
    return path


class ExportMixin(StatsMixin):
    def _creators(self) -> dict[int, str]:
        return {r["id"]: r["display_name"] for r in self._rows("SELECT id, display_name FROM users")}

    def export_competitions(self, path: Path, *, fmt: str, user: User) -> Path:
        creators = self._creators()
        projects = {p.id: p.name for p in self.projects()}
        rows = [
            {**r, "creator": creators.get(r["created_by"]), "project_name": projects.get(r["project_id"])}
            for r in self.competition_rows(user=user)
        ]
        return write_table(path, fmt=fmt, sheet="竞赛登记", columns=COMPETITION_COLUMNS, rows=rows)

    def export_activities(self, path: Path, *, fmt: str, user: User) -> Path:
        creators = self._creators()
        rows = [{**r, "creator": creators.get(r["recorded_by"])} for r in self.activity_rows(user=user)]
        return write_table(path, fmt=fmt, sheet="活动记录", columns=ACTIVITY_COLUMNS, rows=rows)
