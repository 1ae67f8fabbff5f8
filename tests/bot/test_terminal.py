"""The terminal channel: run_chat over StringIO, and a scripted `gonghui chat` in a subprocess."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from bot.engine import Engine
from bot.messages import Sender
from bot.terminal import run_chat
from ingest.pipeline import prepare
from knowledge.embedders import HashEmbedder
from knowledge.opening import open_knowledge_base
from registry import Registry
from tests.scripts import REGISTRATION

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "knowledge" / "samples"
# a whole registration and an export, as a cadre would type it; "2" presses the second button shown
_TYPED = replace(
    REGISTRATION, name="2026年“五小”竞赛", type="2", ownership="2", start="2026年6月1日", end="2026-12-31"
).typed()
_TYPED[7:7] = ["6月1日", "上一步"]  # a start date typed, then taken back
_TYPED.insert(_TYPED.index("王丽"), "工会经费有哪些来源？")  # a question in the middle of the form
SCRIPT = "\n".join([*_TYPED, "1", "/my", "/export"]) + "\n"


@pytest.fixture
def engine(tmp_path):
    reg = Registry(tmp_path / "registry.db", attachments_dir=tmp_path / "attachments")
    reg.add_union("松北区总工会", district="松北区")
    reg.ensure_local_admin()
    kb = open_knowledge_base(
        db_path=tmp_path / "k.db", chroma_path=tmp_path / "c", chroma_url="", embedder=HashEmbedder(256)
    )
    kb.ingest([prepare(p) for p in SAMPLES.iterdir()])
    return Engine(reg, kb, today=lambda: date(2026, 5, 20))


def chat(engine: Engine, script: str, out_dir: Path) -> str:
    out = io.StringIO()
    run_chat(
        engine,
        sender=Sender("local", "admin", "本机管理员"),
        stdin=io.StringIO(script),
        stdout=out,
        out_dir=out_dir,
    )
    return out.getvalue()


def test_a_scripted_session_registers_and_exports(engine, tmp_path):
    out = chat(engine, SCRIPT, tmp_path / "out")
    assert "1. 安康杯  2. 五小" in out  # numbered buttons on one line
    assert "竞赛类型：五小 ✓" in out and "单位性质：非公 ✓" in out
    assert "开始日期：2026-06-01 ✓" in out and "计划参赛职工数：200 人 ✓" in out
    assert "引用：" in out and "[1]" in out
    assert "已登记，编号 JS-2026-0001" in out
    assert "JS-2026-0001 2026年“五小”竞赛" in out
    saved = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert len(saved) == 2 and all(n.endswith(".xlsx") for n in saved)
    assert f"文件已保存到：{tmp_path / 'out'}" in out


def test_eof_mid_registration_resumes_in_the_next_session(engine, tmp_path):
    chat(engine, "/register\n某某竞赛\n", tmp_path)
    out = chat(engine, "", tmp_path)
    assert "继续上次未完成的登记竞赛" in out and "请选择竞赛类型" in out


def test_a_number_without_buttons_is_plain_text(engine, tmp_path):
    out = chat(engine, "/register\n7\n", tmp_path)
    assert "竞赛名称：7 ✓" in out


def test_file_command_attaches_a_file(engine, tmp_path):
    photo = tmp_path / "现场.jpg"
    photo.write_bytes(b"\xff\xd8jpeg")
    script = f"/activity\n培训\n昨天\n职工之家\n30人\n技能培训\n跳过\n/file {photo}\n/file {tmp_path / 'nope.jpg'}\n完成\n确认\n"
    out = chat(engine, script, tmp_path)
    assert "已收到“现场.jpg”" in out and "找不到文件" in out
    assert "活动已记录（2026-05-19 培训，30 人参加，附件 1 个）" in out


def test_gonghui_chat_subprocess(tmp_path):
    env = {**os.environ, "GONGHUI_DATA_DIR": str(tmp_path / "data"), "GONGHUI_EMBEDDER": "hash"}
    run = lambda *args, **kw: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "gonghui", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=300,
        **kw,
    )
    assert run("ingest", str(SAMPLES)).returncode == 0
    script = SCRIPT.replace("6月1日\n上一步\n", "").replace("/export\n", "")
    first = run("chat", input=script.split("2026-12-31")[0])  # stop mid-registration
    assert first.returncode == 0, first.stderr[-2000:]
    assert "开始日期：2026-06-01 ✓" in first.stdout
    second = run("chat", input="2026-12-31" + script.split("2026-12-31")[1] + "/export\n")
    assert second.returncode == 0, second.stderr[-2000:]
    assert "继续上次未完成的登记竞赛" in second.stdout and "已登记，编号 JS-2026-0001" in second.stdout
    assert len(list(tmp_path.glob("*.xlsx"))) == 2
    unknown = run("chat", "--user", "nobody", input="")
    assert unknown.returncode == 1 and "没有名为“nobody”的用户" in unknown.stderr
