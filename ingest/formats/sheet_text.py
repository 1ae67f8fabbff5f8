"""Spreadsheets (XLSX, XLS, CSV) → one section per sheet, each row rendered with its column headers.

A 评分表 row only means something with its headers: ``考核项目：实际操作；分值：40；评分标准：…`` is a
passage a question such as 实际操作占多少分 can find and an answer can quote. The header row is the
first row with at least two filled cells; single-cell rows above it (a caption such as
``2024年技能竞赛评分表``) are kept as text. Sheets are read as streams (openpyxl read-only mode, xlrd
sheet by sheet), under the limits on sheets (as pages), text and time.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import PurePath

from ingest.encoding import decode
from ingest.errors import CorruptFile, IngestError
from ingest.formats.base import RawText
from ingest.formats.zipped import SafeZip
from ingest.limits import DEFAULT_LIMITS, Budget

BROKEN_XLSX = "Excel 文件已损坏或不是有效的 .xlsx 文档，无法读取"
BROKEN_XLS = "Excel 文件已损坏或不是有效的 .xls 文档，无法读取"
BROKEN_CSV = "CSV 文件无法解析"
_HEADER_SCAN = 10  # rows looked at for the header row
_CHECK_EVERY = 500


def render_sheet(
    name: str | None, rows: Iterable[Sequence[object]], budget: Budget, captions: list[str] | None = None
) -> Iterator[str]:
    """Lines of one sheet: its name (a heading) when given, captions (also appended to ``captions``),
    then one line per data row."""
    if name:
        yield name
    header: list[str] | None = None
    pending: list[list[str]] = []
    for n, row in enumerate(rows):
        if n % _CHECK_EVERY == 0:
            budget.check_time()
        cells = [cell_text(v) for v in row]
        while cells and not cells[-1]:
            cells.pop()
        if not any(cells):
            continue
        if header is None:
            if sum(1 for c in cells if c) >= 2:
                header = [c or f"第{i + 1}列" for i, c in enumerate(cells)]
                for caption in pending:
                    line = " ".join(c for c in caption if c)
                    if captions is not None:
                        captions.append(line)
                    yield line
                pending = []
                continue
            pending.append(cells)
            if len(pending) < _HEADER_SCAN:
                continue
            header = []  # no header row: rows are plain ``a | b`` lines
            rest, pending = pending, []
            for r in rest:
                yield _plain(r)
            continue
        yield _with_headers(header, cells) if header else _plain(cells)
    for r in pending:
        yield _plain(r)


def _with_headers(header: list[str], cells: list[str]) -> str:
    parts = []
    for i, value in enumerate(cells):
        if not value:
            continue
        label = header[i] if i < len(header) else f"第{i + 1}列"
        parts.append(f"{label}：{value}")
    return "；".join(parts)


def _plain(cells: list[str]) -> str:
    return " | ".join(c for c in cells if c)


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return " ".join(str(value).split())


def _raw(
    sheets: Iterable[tuple[str | None, Iterable[Sequence[object]]]], fmt: str, budget: Budget
) -> RawText:
    """The sheets' lines; the title is the first caption (``2024年…评分表``), else the file name, never a
    sheet name or a data row."""
    lines: list[str] = []
    headings: dict[str, int] = {}
    captions: list[str] = []
    chars = 0
    for count, (name, rows) in enumerate(sheets, start=1):
        budget.check_pages(count, "个工作表")
        if name:
            headings.setdefault(name, 1)
        for line in render_sheet(name, rows, budget, captions):
            lines.append(line)
            chars += len(line) + 1
            budget.check_chars(chars)
    title = captions[0] if captions else PurePath(budget.path).stem
    if not captions and title:
        lines.insert(0, title)  # a title line keeps the first sheet's name from being taken for it
    return RawText("\n".join(lines), fmt, hints={"title": title} if title else {}, headings=headings)


_DEFAULT_SHEET = re.compile(r"^(sheet|工作表|表)\s*\d*$", re.I)


def meaningful(name: str | None) -> bool:
    """A sheet name someone gave (`五小竞赛评分表`), not the spreadsheet's default (`Sheet1`, `工作表1`):
    the one sheet of a file keeps it as its section."""
    return bool(name and name.strip() and not _DEFAULT_SHEET.match(name.strip()))


def load_xlsx(data: bytes, *, path: str, budget: Budget | None = None) -> RawText:
    from openpyxl import load_workbook

    budget = budget or DEFAULT_LIMITS.budget(path)
    SafeZip(data, budget=budget, broken=BROKEN_XLSX)  # declared sizes and ratios, before openpyxl unpacks
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        raise CorruptFile(path, BROKEN_XLSX) from exc
    try:
        named = len(book.sheetnames) > 1
        sheets = (
            (ws.title if named or meaningful(ws.title) else None, ws.iter_rows(values_only=True))
            for ws in book.worksheets
        )
        return _raw(sheets, "xlsx", budget)
    except IngestError:
        raise
    except Exception as exc:
        raise CorruptFile(path, BROKEN_XLSX) from exc
    finally:
        book.close()


def load_xls(data: bytes, *, path: str, budget: Budget | None = None) -> RawText:
    import xlrd

    budget = budget or DEFAULT_LIMITS.budget(path)
    try:
        book = xlrd.open_workbook(file_contents=data, on_demand=True)
    except Exception as exc:
        raise CorruptFile(path, BROKEN_XLS) from exc

    def rows(index: int) -> Iterator[list[object]]:
        sheet = book.sheet_by_index(index)
        for r in range(sheet.nrows):
            out: list[object] = []
            for cell in sheet.row(r):
                if cell.ctype == xlrd.XL_CELL_DATE:
                    out.append(xlrd.xldate_as_datetime(cell.value, book.datemode))
                else:
                    out.append(cell.value)
            yield out
        book.unload_sheet(index)  # one sheet in memory at a time

    try:
        names = book.sheet_names()
        return _raw(((n if len(names) > 1 else None, rows(i)) for i, n in enumerate(names)), "xls", budget)
    except IngestError:
        raise
    except Exception as exc:
        raise CorruptFile(path, BROKEN_XLS) from exc
    finally:
        book.release_resources()


def load_csv(data: bytes, *, path: str, budget: Budget | None = None) -> RawText:
    budget = budget or DEFAULT_LIMITS.budget(path)
    budget.check_chars(len(data) // 4)
    text = decode(data, path=path)
    try:
        dialect: type[csv.Dialect] = csv.Sniffer().sniff(text[:4096], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    try:
        return _raw([(None, csv.reader(io.StringIO(text), dialect))], "csv", budget)
    except csv.Error as exc:
        raise CorruptFile(path, BROKEN_CSV) from exc
