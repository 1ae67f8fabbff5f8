from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from registry import Registry


@pytest.fixture
def reg(tmp_path: Path) -> Registry:
    r = Registry(tmp_path / "registry.db", attachments_dir=tmp_path / "attachments")
    r.add_union("哈尔滨市总工会")
    r.add_union("松北区总工会", parent="哈尔滨市总工会")
    r.add_union("道里区总工会", parent="哈尔滨市总工会")
    r.add_union("哈尔滨电机厂有限责任公司工会", parent="松北区总工会")
    r.add_user("songbei", display_name="松北干部", role="cadre", union="松北区总工会")
    r.add_user("daoli", display_name="道里干部", role="cadre", union="道里区总工会")
    r.add_user("viewer", display_name="查看者", role="viewer", union="哈尔滨市总工会")
    r.add_user("factory", display_name="厂工会干部", role="trainer", union="哈尔滨电机厂有限责任公司工会")
    yield r
    r.close()


def competition(**overrides: object) -> dict:
    data = {
        "name": "抢工期保安全劳动竞赛",
        "type": "六比一创",
        "union_name": "松北区总工会",
        "unit": "中建八局黑龙江分公司",
        "ownership": "公有",
        "start": dt.date(2026, 6, 1),
        "end": dt.date(2026, 10, 31),
        "planned": 200,
        "total": 300,
        "contact": "王敏",
        "phone": "13812345678",
    }
    return data | overrides
