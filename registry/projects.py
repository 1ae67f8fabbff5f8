"""Key projects (省百大项目, 市重点产业项目): import from CSV/XLSX with Chinese headers, look-up by name."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from registry.core import RegistryBase
from registry.errors import InvalidValue
from registry.model import PROJECT_LEVELS, KeyProject
from registry.text import clean, key

# header variants seen in spreadsheets cadres receive from 发改委 / 工信局
HEADERS = {
    "name": ("名称", "项目名称", "项目"),
    "level": ("级别", "项目级别", "类别", "项目类别"),
    "district": ("区县", "所在区县", "区县(市)", "所在地", "区域"),
    "industry": ("行业", "所属行业", "产业"),
}
_LEVELS = {
    key(a): level
    for level, aliases in {
        "省百大": ("省百大", "省百大项目", "省百大工程"),
        "市重点": ("市重点", "市重点项目", "市重点产业项目", "市级重点项目"),
    }.items()
    for a in aliases
}


def project_level(value: object, *, where: str = "") -> str:
    level = _LEVELS.get(key(value or ""))
    if level is None:
        raise InvalidValue(
            "level",
            f"{where}项目级别“{clean(value or '')}”无效，请填写“{PROJECT_LEVELS[0]}”或“{PROJECT_LEVELS[1]}”。",
        )
    return level


def _read_rows(path: Path) -> list[list[str]]:
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        from openpyxl import load_workbook

        sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
        return [["" if c is None else str(c) for c in row] for row in sheet.iter_rows(values_only=True)]
    if suffix in (".csv", ".txt"):
        data = path.read_bytes()
        # Excel saves Chinese CSV as GBK unless told otherwise; UTF-8 (with or without BOM) first
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                return list(csv.reader(io.StringIO(data.decode(encoding))))
            except UnicodeDecodeError:
                continue
        raise InvalidValue("file", f"无法识别文件“{path.name}”的编码，请另存为 UTF-8 的 CSV。")
    raise InvalidValue("file", f"不支持的文件类型“{path.suffix or path.name}”，请使用 CSV 或 XLSX。")


def _columns(header: list[str]) -> dict[str, int]:
    names = [key(h) for h in header]
    found: dict[str, int] = {}
    for field, variants in HEADERS.items():
        for variant in variants:
            if key(variant) in names:
                found[field] = names.index(key(variant))
                break
    missing = [HEADERS[f][0] for f in ("name", "level") if f not in found]
    if missing:
        raise InvalidValue("file", f"表头缺少“{'”“'.join(missing)}”列；第一行应为：名称,级别,区县,行业。")
    return found


class ProjectsMixin(RegistryBase):
    def import_projects(self, path: Path) -> int:
        """All rows or none; a project already known by name is updated. Returns the rows imported."""
        path = Path(path)
        if not path.is_file():
            raise InvalidValue("file", f"找不到文件“{path}”。")
        rows = [r for r in _read_rows(path) if any(clean(c) for c in r)]
        if not rows:
            raise InvalidValue("file", f"文件“{path.name}”是空的。")
        cols = _columns(rows[0])
        records = []
        for n, row in enumerate(rows[1:], start=2):
            cell = {f: clean(row[i]) if i < len(row) else "" for f, i in cols.items()}
            if not cell["name"]:
                raise InvalidValue("name", f"第 {n} 行缺少项目名称。")
            records.append(
                {
                    "name": cell["name"],
                    "key": key(cell["name"]),
                    "level": project_level(cell["level"], where=f"第 {n} 行："),
                    "district": cell.get("district") or None,
                    "industry": cell.get("industry") or None,
                }
            )
        with self._write():
            for record in records:
                existing = self._row("SELECT id FROM projects WHERE key = ?", (record["key"],))
                if existing:
                    self.db.table("projects").update(
                        existing["id"], {k: v for k, v in record.items() if k != "name"}
                    )
                else:
                    self.db.table("projects").insert(record)
            self._audit(
                by=None,
                record="projects",
                action="import",
                field="file",
                new=f"{path.name}：{len(records)} 行",
            )
        return len(records)

    def add_project(
        self, name: str, *, level: str, district: str | None = None, industry: str | None = None
    ) -> KeyProject:
        shown = clean(name)
        if not shown:
            raise InvalidValue("name", "请填写项目名称。")
        with self._write():
            row_id = self._insert(
                "projects",
                {
                    "name": shown,
                    "key": key(shown),
                    "level": project_level(level),
                    "district": clean(district) if district else None,
                    "industry": clean(industry) if industry else None,
                },
            )
        return self._project(self._one("SELECT * FROM projects WHERE id = ?", (row_id,)))

    def project(self, project_id: int) -> KeyProject | None:
        row = self._row("SELECT * FROM projects WHERE id = ?", (project_id,))
        return self._project(row) if row else None

    def projects(self) -> list[KeyProject]:
        return [self._project(r) for r in self._rows("SELECT * FROM projects ORDER BY id")]

    def find_projects(self, text: str) -> list[KeyProject]:
        """Exact name first, then names containing the text, then names the text contains."""
        wanted = key(text or "")
        if not wanted:
            return []
        ranked = []
        for row in self._rows("SELECT * FROM projects ORDER BY id"):
            name = row["key"]
            rank = (
                0
                if name == wanted
                else 1
                if wanted in name
                else 2
                if len(name) >= 2 and name in wanted
                else None
            )
            if rank is not None:
                ranked.append((rank, row["id"], row))
        return [self._project(row) for _, _, row in sorted(ranked, key=lambda t: t[:2])]

    def resolve_project(self, value: object) -> int | None:
        """project_id for check_field: an id, or a name that names exactly one project."""
        if value is None or (isinstance(value, str) and not clean(value)):
            return None
        if isinstance(value, KeyProject):
            value = value.id
        if isinstance(value, int) and not isinstance(value, bool):
            if self.project(value) is None:
                raise InvalidValue("project_id", f"没有编号为 {value} 的重点项目。")
            return value
        text = clean(value)
        if text.isdigit():
            return self.resolve_project(int(text))
        found = self.find_projects(text)
        exact = [p for p in found if key(p.name) == key(text)]
        if len(exact) == 1 or len(found) == 1:
            return (exact or found)[0].id
        if not found:
            raise InvalidValue("project_id", f"没有找到名为“{text}”的重点项目；如不关联项目，可以跳过。")
        names = "、".join(p.name for p in found[:5])
        raise InvalidValue("project_id", f"“{text}”对应多个重点项目：{names}，请写出完整名称。")
