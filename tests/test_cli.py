"""The CLI contract, run as a real subprocess on a temporary data dir (other tools depend on it)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "knowledge" / "samples"
SEED = SAMPLES / "harbin_2020_labour_competition_notice.txt"
LAW = SAMPLES / "01_gonghuifa_2021.md"


def gonghui(
    data_dir: Path, *args: str, stdin: str | None = None, check: bool = True, cwd: Path | None = None
) -> subprocess.CompletedProcess:
    env = {**os.environ, "GONGHUI_DATA_DIR": str(data_dir), "GONGHUI_EMBEDDER": "hash"}
    proc = subprocess.run(
        [sys.executable, "-m", "gonghui", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        cwd=cwd,
    )
    if check and proc.returncode != 0:
        raise AssertionError(f"exit {proc.returncode}\nstdout:\n{proc.stdout}\nstderr:\n{proc.stderr}")
    return proc


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("data")
    out = gonghui(d, "ingest", str(SEED), str(LAW)).stdout
    assert "共 2 个新文档" in out
    return d


def test_ingest_twice_reports_unchanged(data_dir):
    out = gonghui(data_dir, "ingest", str(LAW)).stdout
    assert "未变化" in out and "共 0 个新文档" in out


def test_docs_lists_id_title_number_date_chunks(data_dir):
    out = gonghui(data_dir, "docs").stdout
    assert "哈工办发〔2020〕11号" in out and "2020-05-27" in out and "工会法 |" in out and "现行有效" in out
    rows = json.loads(gonghui(data_dir, "docs", "--json").stdout)
    assert {r["title"] for r in rows} >= {"中华人民共和国工会法"}
    law = next(r for r in rows if r["title"] == "中华人民共和国工会法")
    assert (law["short_title"], law["status"], law["in_force_from"]) == ("工会法", "现行有效", "2021-12-24")
    assert all(r["chunks"] > 0 for r in rows)


def test_search_json_shape(data_dir):
    payload = json.loads(gonghui(data_dir, "search", "工会经费的来源", "--k", "3", "--json").stdout)
    assert payload["query"] == "工会经费的来源"
    assert 0 < len(payload["hits"]) <= 3
    hit = payload["hits"][0]
    # the original shape, plus the short name and whether the rule is in force
    assert set(hit) == {
        "doc_id",
        "title",
        "section",
        "article",
        "text",
        "score",
        "short_title",
        "status",
        "superseded_by",
    }
    assert hit["title"] == "中华人民共和国工会法" and hit["article"] == "第四十三条"
    assert (hit["short_title"], hit["status"]) == ("工会法", "现行有效")


def test_search_batch_mode_reads_one_query_per_line(data_dir):
    out = gonghui(data_dir, "search", "--json", "--k", "2", stdin="工会经费\n\n重点项目 劳动竞赛\n").stdout
    lines = [json.loads(line) for line in out.splitlines()]
    assert [x["query"] for x in lines] == ["工会经费", "重点项目 劳动竞赛"]
    assert all(len(x["hits"]) == 2 for x in lines)


def test_ask_json_shape_and_citations(data_dir):
    payload = json.loads(gonghui(data_dir, "ask", "工会经费有哪些来源？", "--json").stdout)
    assert payload["found"] is True
    c = payload["citations"][0]
    assert {"n", "doc_id", "title", "section", "article", "quote"} <= set(c)  # the original shape, kept
    assert c["n"] == 1 and c["article"] == "第四十三条" and "[1]" in payload["answer"]
    assert (c["short_title"], c["label"], c["status"]) == ("工会法", "《工会法》第四十三条", "现行有效")
    assert "中华人民共和国" not in payload["answer"]


def test_ask_refuses_out_of_scope(data_dir):
    payload = json.loads(gonghui(data_dir, "ask", "周末去哪里钓鱼比较好？", "--json").stdout)
    assert payload["found"] is False and payload["citations"] == []
    text = gonghui(data_dir, "ask", "周末去哪里钓鱼比较好？").stdout
    assert "没有找到" in text


def test_ask_readable_shows_numbered_citations(data_dir):
    out = gonghui(data_dir, "ask", "重点项目怎么开展劳动竞赛").stdout
    assert "引用：" in out and "[1] 《哈尔滨市总工会劳动和技能竞赛动员讲话》" in out
    assert "哈尔滨市总工会办公室关于印发" not in out


def test_ask_batch_mode_reads_questions_and_conversations_from_stdin(data_dir):
    lines = [
        "工会经费有哪些来源？",  # a plain question
        json.dumps(
            {"question": "企业拖着不交怎么办？", "history": ["工会经费有哪些来源？"]}, ensure_ascii=False
        ),
        "",
        json.dumps({"question": 5}),  # a bad line gets a Chinese error and the others still run
        "{不是 JSON 的一行",  # not a JSON object: a plain question
        json.dumps({"question": "工会经费有哪些来源？"}, ensure_ascii=False),  # no history: as typed
    ]
    out = gonghui(data_dir, "ask", "--json", stdin="\n".join(lines) + "\n").stdout
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == 5
    plain, follow_up, error, odd, alone = rows
    assert set(plain) == {"answer", "found", "citations", "closest", "standalone"}
    assert plain["standalone"] == "工会经费有哪些来源？" and plain["found"] is True
    assert "工会经费" in follow_up["standalone"] and follow_up["standalone"] != "企业拖着不交怎么办？"
    assert any(c["article"] == "第四十四条" for c in follow_up["citations"])
    assert error == {"error": '第 4 行：JSON 行需要非空的 "question" 字符串。'}
    assert odd["standalone"] == "{不是 JSON 的一行"
    assert alone["standalone"] == "工会经费有哪些来源？"


def test_ask_batch_mode_without_json_shows_how_a_follow_up_was_understood(data_dir):
    line = json.dumps(
        {"question": "企业拖着不交怎么办？", "history": ["工会经费有哪些来源？"]}, ensure_ascii=False
    )
    out = gonghui(data_dir, "ask", stdin=line + "\n").stdout
    assert out.startswith("（按“工会经费") and "引用：" in out


def test_remove_then_search_no_longer_finds_it(tmp_path):
    gonghui(tmp_path, "ingest", str(LAW))
    doc_id = json.loads(gonghui(tmp_path, "docs", "--json").stdout)[0]["id"]
    assert "已删除" in gonghui(tmp_path, "docs", "remove", str(doc_id)).stdout
    hits = json.loads(gonghui(tmp_path, "search", "工会经费", "--json").stdout)["hits"]
    assert hits == []
    missing = gonghui(tmp_path, "docs", "remove", str(doc_id), check=False)
    assert missing.returncode == 1 and "没有编号为" in missing.stderr


def test_bad_files_are_reported_and_skipped(tmp_path):
    broken = tmp_path / "坏文件.docx"
    broken.write_bytes(b"this is not a zip archive")
    unknown = tmp_path / "表格.xyz"
    unknown.write_text("x")
    out = gonghui(tmp_path / "data", "ingest", str(broken), str(unknown), str(LAW))
    assert "已跳过" in out.stdout and "坏文件.docx" in out.stdout and "共 1 个新文档" in out.stdout


def test_missing_path_is_a_clear_error(tmp_path):
    proc = gonghui(tmp_path, "ingest", str(tmp_path / "nope.pdf"), check=False)
    assert proc.returncode == 1 and "不存在" in proc.stderr and "Traceback" not in proc.stderr


def test_demo_runs_on_bundled_samples_and_reuses_them_the_second_time(tmp_path):
    first = gonghui(tmp_path, "demo")
    assert "首次运行" in first.stdout and "已导入 6 个样例文档" in first.stdout and "问：" in first.stdout
    assert "[1]" in first.stdout
    # not a terminal: one progress line per file, as it is done, not only a summary at the end
    lines = [line for line in first.stderr.splitlines() if line.startswith("[")]
    assert len(lines) == 6 and lines[0].startswith("[1/6] ") and "个段落" in lines[0], first.stderr
    second = gonghui(tmp_path, "demo").stdout
    assert "6 个样例文档未变化" in second and "首次运行" not in second and "[1]" in second


def test_a_generated_docx_becomes_searchable(tmp_path):
    import docx

    document = docx.Document()
    document.add_heading("关于开展2026年职工技能大赛的通知", level=1)
    document.add_paragraph("一、比赛项目")
    document.add_paragraph("本次大赛设焊工、电工、数控车工三个项目，报名截止日期为2026年6月30日。")
    path = tmp_path / "技能大赛通知.docx"
    document.save(path)
    out = gonghui(tmp_path / "data", "ingest", str(path)).stdout
    assert "已导入" in out
    payload = json.loads(gonghui(tmp_path / "data", "search", "焊工比赛什么时候截止报名", "--json").stdout)
    top = payload["hits"][0]
    assert top["title"] == "关于开展2026年职工技能大赛的通知" and "数控车工" in top["text"]
    assert top["section"].startswith("一、比赛项目")


def test_exports_land_where_the_command_runs(tmp_path):
    here = tmp_path / "office"
    here.mkdir()
    out = gonghui(tmp_path / "data", "activities", "export", "--format", "csv", cwd=here).stdout
    [written] = list(here.iterdir())
    assert written.name.startswith("活动记录-") and written.suffix == ".csv" and str(written) in out
    run_script = (REPO / "run").read_text(encoding="utf-8")
    assert 'cd "$CALLER"' in run_script  # ./run gonghui … runs in the caller's directory too


def test_short_title_and_validity_are_set_at_ingest_and_edited_later(tmp_path):
    out = gonghui(
        tmp_path,
        "ingest",
        str(LAW),
        "--short-title",
        "新工会法",
        "--in-force-from",
        "2022年1月1日",
        "--superseded-by",
        "中华人民共和国工会法（2031修正）",
    ).stdout
    assert "共 1 个新文档" in out
    row = json.loads(gonghui(tmp_path, "docs", "--json").stdout)[0]
    assert (row["short_title"], row["in_force_from"], row["status"]) == ("新工会法", "2022-01-01", "已修订")
    assert "已修订（见《中华人民共和国工会法（2031修正）》）" in gonghui(tmp_path, "docs").stdout
    edited = gonghui(
        tmp_path, "docs", "edit", str(row["id"]), "--status", "现行有效", "--superseded-by", ""
    ).stdout
    assert "现行有效" in edited
    bad = gonghui(tmp_path, "docs", "edit", str(row["id"]), "--status", "差不多", check=False)
    assert bad.returncode != 0 and "无法识别的效力状态" in bad.stderr
    bad_date = gonghui(tmp_path, "ingest", str(SEED), "--in-force-from", "明年", check=False)
    assert bad_date.returncode != 0 and "无法识别的日期" in bad_date.stderr
