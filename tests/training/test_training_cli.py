"""`gonghui quiz generate --json` (other tools depend on its shape) and a trainer → trainee round trip
through `gonghui courses …`, as real subprocesses on a temporary data dir."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import SAMPLES


def gonghui(
    data_dir: Path, *args: str, stdin: str | None = None, check: bool = True
) -> subprocess.CompletedProcess:
    env = {**os.environ, "GONGHUI_DATA_DIR": str(data_dir), "GONGHUI_EMBEDDER": "none"}
    proc = subprocess.run(
        [sys.executable, "-m", "gonghui", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
    )
    if check and proc.returncode != 0:
        raise AssertionError(f"exit {proc.returncode}\nstdout:\n{proc.stdout}\nstderr:\n{proc.stderr}")
    return proc


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("data")
    gonghui(d, "ingest", str(SAMPLES / "01_gonghuifa_2021.md"), str(SAMPLES / "26_jitihetongguiding_2004.md"))
    return d


def test_quiz_generate_json_shape(data_dir):
    out = json.loads(
        gonghui(
            data_dir, "quiz", "generate", "--doc", "工会法", "--article", "第十一条", "--n", "5", "--json"
        ).stdout
    )
    items = out["items"]
    assert 0 < len(items) <= 5
    for item in items:
        assert set(item) == {"kind", "question", "options", "answer", "source"}
        assert item["kind"] in ("cloze", "judge", "choice", "order")
        assert set(item["source"]) == {"doc_id", "title", "article", "quote"}
        assert item["source"]["title"] == "中华人民共和国工会法" and item["source"]["article"] == "第十一条"
        assert isinstance(item["options"], list)
        if item["kind"] == "judge":
            assert isinstance(item["answer"], bool) and item["options"] == ["正确", "错误"]
    assert any(i["answer"] == "二十五" for i in items)
    order = json.loads(
        gonghui(
            data_dir, "quiz", "generate", "--doc", "集体合同规定", "--article", "第五十三条", "--json"
        ).stdout
    )["items"]
    assert any(i["kind"] == "order" and isinstance(i["answer"], list) for i in order)


def test_unknown_document_is_one_chinese_line(data_dir):
    proc = gonghui(data_dir, "quiz", "generate", "--doc", "不存在的法", "--json", check=False)
    assert proc.returncode == 1 and proc.stderr.strip().startswith("错误：知识库中没有文件“不存在的法”")


def test_a_course_from_create_to_certificate(data_dir, tmp_path, cjk_font):
    gonghui(data_dir, "users", "add", "zhang", "--role", "trainer", "--display-name", "张老师")
    gonghui(data_dir, "users", "add", "li", "--role", "trainee", "--display-name", "李明")
    created = gonghui(
        data_dir, "courses", "create", "建会", "--part", "工会法 第十一条", "--user", "zhang"
    ).stdout
    assert "已创建课程 [1] 建会" in created
    refused = gonghui(data_dir, "courses", "publish", "1", "--user", "zhang", check=False)
    assert refused.returncode == 1 and "未审核" in refused.stderr
    gonghui(data_dir, "courses", "review", "1", "--approve", "all", "--user", "zhang")
    code = gonghui(data_dir, "courses", "publish", "1", "--user", "zhang").stdout.strip().split("邀请码：")[1]
    gonghui(data_dir, "courses", "enrol", code, "--enterprise", "某机械公司", "--user", "li")
    items = json.loads(gonghui(data_dir, "courses", "items", "1", "--json", "--user", "zhang").stdout)
    answers = {i["question"]: i["answer"] for i in items}
    # the trainee answers through stdin, one line per question, right every time
    lines = []
    for item in sorted(items, key=lambda i: i["id"]):
        a = item["answer"]
        lines.append(
            "对"
            if a is True
            else "错"
            if a is False
            else " ".join(str(item["options"].index(s) + 1) for s in a)
            if isinstance(a, list)
            else a
        )
    taken = gonghui(data_dir, "courses", "take", "1", "--user", "li", stdin="\n".join(lines) + "\n").stdout
    assert f"全部完成：{len(answers)} 题，首次答对 {len(answers)} 题，得分 100。" in taken
    report = gonghui(
        data_dir, "courses", "report", "1", "--xlsx", str(tmp_path / "r.xlsx"), "--user", "zhang"
    ).stdout
    assert "报名 1，已开始 1，已完成 1，平均分 100" in report and (tmp_path / "r.xlsx").stat().st_size > 0
    cert = gonghui(
        data_dir, "courses", "certificate", "1", "--out", str(tmp_path / "c.pdf"), "--user", "li"
    ).stdout
    code = cert.split("证书编号：")[1].split("，")[0]
    assert (tmp_path / "c.pdf").read_bytes().startswith(b"%PDF")
    assert "证书有效：李明" in gonghui(data_dir, "courses", "verify", code).stdout
    assert gonghui(data_dir, "courses", "verify", "NOPE", check=False).returncode == 1
