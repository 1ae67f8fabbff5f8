from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from gonghui import orgs_cli, registry_cli
from service.composition import Application
from service.settings import Settings

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def cli(tmp_path: Path):
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        pass

    application = Application(Settings(data_dir=tmp_path))
    registry_cli.register(app, lambda: application)
    orgs_cli.register(app, lambda: application)
    runner = CliRunner()
    return lambda *args: runner.invoke(app, list(args))


def test_cli_end_to_end(cli, tmp_path: Path):
    assert cli("unions", "add", "哈尔滨市总工会").exit_code == 0
    assert "松北区" in cli("unions", "add", "松北区总工会", "--parent", "哈尔滨市总工会").output
    assert cli("users", "add", "zhang", "--role", "cadre", "--union", "松北区工会").exit_code == 0
    code = cli("users", "invite", "--union", "松北区总工会", "--role", "viewer").output.strip()
    assert len(code) == 8
    (tmp_path / "p.csv").write_text(
        "名称,级别,区县,行业\n智能制造产业园,省百大,松北区,制造业\n", encoding="utf-8"
    )
    assert "已导入 1 个" in cli("projects", "import", str(tmp_path / "p.csv")).output
    assert "智能制造产业园" in cli("projects", "list").output
    registry = Application(Settings(data_dir=tmp_path)).registry
    registry.add_user("tg:9", display_name="新人", role="viewer", approved=False)
    assert "已审核通过 tg:9" in cli("users", "approve", "tg:9", "--union", "松北区总工会").output
    assert "待审核" not in cli("users", "list").output
    from tests.registry.conftest import competition

    c = registry.register_competition(competition(), by=registry.get_user("zhang"))
    listed = json.loads(cli("competitions", "list", "--json").output)
    assert listed[0]["reg_no"] == c.reg_no and listed[0]["start"] == "2026-06-01"
    assert "抢工期保安全劳动竞赛" in cli("competitions", "show", c.reg_no).output
    assert json.loads(cli("competitions", "show", c.reg_no, "--json").output)["phone"] == "13812345678"
    out = tmp_path / "x.xlsx"
    assert (
        cli("competitions", "export", "--format", "xlsx", "--output", str(out)).exit_code == 0
        and out.is_file()
    )
    assert cli("activities", "export", "--format", "csv", "--output", str(tmp_path)).exit_code == 0
    assert json.loads(cli("activities", "list", "--json").output) == []
    stats = json.loads(cli("stats", "--json").output)
    assert stats["competitions"] == 1 and stats["projects"]["coverage"] == 0.0
    assert "重点项目覆盖：0 / 1" in cli("stats").output


def test_cli_errors_are_one_chinese_line(cli):
    result = cli("competitions", "show", "JS-2030-0001")
    assert result.exit_code == 1
    assert result.output.strip().startswith("错误：没有找到编号为“JS-2030-0001”的竞赛")
    bad = cli("users", "add", "x", "--role", "boss")
    assert bad.exit_code == 1 and "角色“boss”无效" in bad.output
    assert cli("competitions", "export", "--format", "pdf").exit_code == 1


def test_cli_through_the_real_entry_point(tmp_path: Path):
    env = {"GONGHUI_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    run = subprocess.run(
        [sys.executable, "-m", "gonghui", "stats", "--json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["competitions"] == 0
    run = subprocess.run(
        [sys.executable, "-m", "gonghui", "competitions", "show", "JS-2030-0009"],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=60,
    )
    assert run.returncode == 1 and run.stderr.startswith("错误：")
