"""Long tables (DOCX and PDF) keep their header row in every chunk, and merged cells are filled down,
checked through a real knowledge base (lexical search only: no model)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.formats.pdf_tables import render
from ingest.pipeline import prepare
from service.composition import Application
from service.settings import Settings

HEAD = ["考核项目", "分值", "评分标准"]
HEAD_LINE = " | ".join(HEAD)
FILLER = "按照竞赛规程由评委现场逐项打分，满分为本项分值，出现违规操作的按规定扣分"


def score_rows() -> list[list[str]]:
    rows = [[f"第{n}项 基础知识{n}", "2", FILLER] for n in range(1, 25)]
    rows.insert(20, ["实际操作", "40", "独立完成设备检修，工序规范，质量达标"])
    return rows


def search(tmp_path: Path, path: Path, query: str):
    kb = Application(Settings(data_dir=tmp_path / "data", embedder="none")).knowledge
    kb.ingest([prepare(path)])
    return kb.search(query, k=3)


def test_a_long_docx_table_repeats_its_header_in_every_chunk(tmp_path, make_docx):
    path = tmp_path / "评分细则.docx"
    path.write_bytes(make_docx([("p", "岗位练兵技能竞赛评分细则"), ("table", [HEAD, *score_rows()])]))
    doc = prepare(path)
    table_chunks = [c for c in doc.chunks if "基础知识" in c.text or "实际操作" in c.text]
    assert len(table_chunks) >= 3
    assert all("考核项目 | 分值 | 评分标准\n" in c.text for c in table_chunks)
    assert all(doc.text[c.start : c.end] == c.text for c in doc.chunks)
    hits = search(tmp_path, path, "实际操作占多少分")
    assert "实际操作 | 40" in hits[0].text and "考核项目 | 分值 | 评分标准" in hits[0].text


def test_docx_vertically_merged_cells_are_filled_down():
    import io

    from docx import Document

    from ingest.loaders import load_bytes

    doc = Document()
    table = doc.add_table(rows=3, cols=2)
    for r, (a, b) in enumerate([("类别", "项目"), ("技能类", "焊接"), ("", "车工")]):
        table.cell(r, 0).text, table.cell(r, 1).text = a, b
    table.cell(1, 0).merge(table.cell(2, 0))
    buf = io.BytesIO()
    doc.save(buf)
    assert load_bytes(buf.getvalue(), name="t.docx").text.split("\n") == [
        "类别 | 项目",
        "技能类 | 焊接",
        "技能类 | 车工",
    ]


def test_pdf_rows_fill_merged_cells_and_keep_captions():
    rows = [
        ["考核项目", "分值", None],
        ["理论", "30", "闭卷\n考试"],
        [None, "10", "口试"],
        ["一、附加项目", None, None],
    ]
    assert render(rows) == ["考核项目 | 分值", "理论 | 30 | 闭卷考试", "理论 | 10 | 口试", "一、附加项目"]


def test_a_long_pdf_table_is_read_as_rows_with_its_header(tmp_path, cjk_font):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("cjk", fname=cjk_font)
    pdf.set_font("cjk", size=10)
    pdf.add_page()
    pdf.multi_cell(0, 8, "岗位练兵技能竞赛评分细则", new_x="LMARGIN", new_y="NEXT")
    with pdf.table(col_widths=(40, 20, 110), first_row_as_headings=False) as table:
        for row in [HEAD, *score_rows()]:
            cells = table.row()
            for value in row:
                cells.cell(value)
    path = tmp_path / "评分细则.pdf"
    path.write_bytes(bytes(pdf.output()))
    doc = prepare(path)
    assert "实际操作 | 40 | 独立完成设备检修，工序规范，质量达标" in doc.text.split("\n")
    table_chunks = [c for c in doc.chunks if "基础知识" in c.text or "实际操作" in c.text]
    assert len(table_chunks) >= 3
    assert all(f"{HEAD_LINE}\n" in c.text for c in table_chunks)
    hits = search(tmp_path, path, "实际操作占多少分")
    assert "实际操作 | 40" in hits[0].text and "考核项目 | 分值 | 评分标准" in hits[0].text


@pytest.mark.parametrize("rows", [[["a", "b"]], []])
def test_render_of_degenerate_tables(rows):
    assert render(rows) == ([] if not rows else ["a | b"])
