"""`gonghui understand` and `gonghui competitions|activities extract` as a user runs them: text, stdin and
a DOCX plan file, JSON shapes exactly as documented."""

from __future__ import annotations

import json

from tests.api.conftest import docx_bytes
from tests.test_cli import gonghui

MESSAGE = (
    "哈尔滨锅炉厂有限责任公司工会组织2027年3月1日到9月30日开展“安康悲”竞赛，国企，"
    "计划三百人参加，全厂一千二百人，联系人王丽，电话13904511234"
)


def test_competitions_extract_json(tmp_path):
    out = json.loads(gonghui(tmp_path, "competitions", "extract", MESSAGE, "--json").stdout)
    assert set(out) == {"fields", "missing", "notes"}
    f = out["fields"]
    assert f["type"] == "安康杯" and f["start"] == "2027-03-01" and f["end"] == "2027-09-30"
    assert f["planned"] == 300 and f["total"] == 1200 and f["ownership"] == "公有"
    assert out["missing"] == ["name"] and any("安康悲" in n for n in out["notes"])


def test_competitions_extract_from_a_docx_plan(tmp_path):
    plan = tmp_path / "方案.docx"
    plan.write_bytes(
        docx_bytes(
            [
                "一、竞赛名称",
                "2027年技术比武大赛",
                "二、竞赛时间",
                "2027年4月1日至2027年6月30日",
                "三、联系方式",
                "联系人：赵刚，电话：13604511111",
            ]
        )
    )
    out = json.loads(gonghui(tmp_path, "competitions", "extract", "--file", str(plan), "--json").stdout)
    assert out["fields"]["name"] == "2027年技术比武大赛" and out["fields"]["type"] == "技术比武"
    assert (out["fields"]["start"], out["fields"]["end"]) == ("2027-04-01", "2027-06-30")
    assert out["fields"]["contact"] == "赵刚" and "unit" in out["missing"]


def test_a_missing_file_is_one_chinese_line(tmp_path):
    proc = gonghui(
        tmp_path, "competitions", "extract", "--file", str(tmp_path / "无.docx"), "--json", check=False
    )
    assert proc.returncode == 1 and proc.stderr.startswith("错误：") and "文件不存在" in proc.stderr


def test_activities_extract_reads_stdin(tmp_path):
    out = json.loads(
        gonghui(
            tmp_path, "activities", "extract", "--json", stdin="2026年11月5日在职工之家开了座谈会，来了三十人"
        ).stdout
    )
    assert out["fields"]["kind"] == "座谈会" and out["fields"]["date"] == "2026-11-05"
    assert out["fields"]["participants"] == 30 and out["fields"]["place"] == "职工之家"
    assert out["missing"] == ["summary"]  # a short message states only the facts


def test_understand_json(tmp_path):
    out = json.loads(
        gonghui(tmp_path, "understand", "请列出登记库中全部竞赛的联系人和联系电话", "--json").stdout
    )
    assert out == {"intent": "my", "fields": {}}
    out = json.loads(gonghui(tmp_path, "understand", MESSAGE, "--json").stdout)
    assert out["intent"] == "register" and out["fields"]["phone"] == "13904511234"
