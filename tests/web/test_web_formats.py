"""Documents as they really arrive, through the console (issue 13, done when): a scanned notice (OCR),
an OFD file, a Word 97 `.doc`, an XLSX score sheet and a DOCX with a long table are uploaded on the
documents page, ingested by the job, and a question about each is answered citing the right place.
Every file is generated here."""

from __future__ import annotations

import io
import re
import shutil

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from bench.word97 import write_doc
from service.composition import Application
from service.settings import Settings
from tests.api.conftest import TODAY, make_users
from tests.ingest.test_ingest_formats import make_ofd
from tests.web.conftest import Console, hx, visible_text

ROWS = [
    (f"第{i}项 {name}", str(score), rule)
    for i, (name, score, rule) in enumerate(
        [
            ("安全知识笔试", 20, "闭卷考试，满分一百分折算"),
            ("隐患排查", 15, "现场找出隐患，每处得三分"),
            ("应急演练", 15, "按预案完成处置流程"),
            *[(f"班组评议{i}", 1, f"班组第{i}轮互评") for i in range(1, 40)],
            ("实际操作", 30, "在规定时间内完成设备检修作业"),
        ],
        1,
    )
]
HEADER = ("考核项目", "分值", "评分标准")


def _docx_table() -> bytes:
    docx = pytest.importorskip("docx", reason="python-docx is not installed")
    d = docx.Document()
    d.add_paragraph("哈尔滨市安康杯竞赛考核评分细则")
    d.add_paragraph("一、考核办法 各单位按下表考核。")
    table = d.add_table(rows=1, cols=3)
    for cell, text in zip(table.rows[0].cells, HEADER, strict=True):
        cell.text = text
    for row in ROWS:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _xlsx() -> bytes:
    openpyxl = pytest.importorskip("openpyxl", reason="openpyxl is not installed")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "五小竞赛评分表"
    ws.append(["评比项目", "满分", "说明"])
    ws.append(["小发明", 25, "有实物或图纸"])
    ws.append(["小创造", 25, "形成新工艺"])
    ws.append(["小革新", 20, "改进现有设备"])
    ws.append(["小设计", 15, "优化设计方案"])
    ws.append(["小建议", 15, "被采纳的合理化建议每条加一分"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _scan() -> bytes:
    pytest.importorskip(
        "rapidocr_onnxruntime", reason="the ocr extra (rapidocr-onnxruntime) is not installed"
    )
    from bench import scans

    if scans.find_font() is None:
        pytest.skip("no CJK font to draw the scanned page (fonts-wqy-microhei)")
    page = scans.official_page(
        [
            "为做好职工疗休养工作，现将有关事项通知如下。",
            "一、疗休养对象为一线职工和劳动模范，每人每年安排一次，时间为五天。",
        ],
        header="哈尔滨市总工会文件",
        doc_number="哈工发〔2021〕8号",
        title=["关于做好职工疗休养工作的通知"],
        signature="哈尔滨市总工会",
        date="2021年4月1日",
    )
    return scans.image_pdf([scans.scanned(page).image])


def _doc() -> bytes:
    if shutil.which("catdoc") is None:
        pytest.skip("catdoc is not installed (Debian package catdoc reads .doc/.wps)")
    return write_doc(
        [
            "哈尔滨市职工技术比武管理办法",
            "第一条 为规范职工技术比武，制定本办法。",
            "第二条 技术比武每两年举办一次，获得第一名的职工可以申报市技术能手。",
        ]
    )


OFD = [
    [
        "哈尔滨市总工会关于开展劳动竞赛的通知",
        "各区县（市）总工会：",
        "第一条 为深入开展劳动和技能竞赛，推动重点项目建设，现将有关事项通知如下。",
    ],
    ["第二条 竞赛时间为2020年6月至12月，各单位于7月10日前上报竞赛方案。", "哈尔滨市总工会", "2020年5月20日"],
]

# (file name, bytes factory, question, what the answer must say, where its citation points)
CASES = [
    ("评分细则.docx", _docx_table, "实际操作占多少分？", "30", "考核项目"),
    ("五小评分表.xlsx", _xlsx, "五小竞赛评分表里小发明满分多少？", "25", "五小竞赛评分表"),
    (
        "竞赛通知.ofd",
        lambda: make_ofd(OFD, title="哈尔滨市总工会关于开展劳动竞赛的通知"),
        "竞赛方案什么时候之前上报？",
        "7月10日",
        "第二条",
    ),
    ("技术比武办法.doc", _doc, "技术比武多久举办一次？", "每两年", "第二条"),
    ("疗休养通知.pdf", _scan, "职工疗休养每年安排几天？", "五天", "疗休养"),
]


@pytest.fixture
def console(tmp_path):
    settings = Settings(data_dir=tmp_path / "web-data", embedder="hash")
    app = create_app(Application(settings, today=lambda: TODAY), run_telegram=False)
    tokens = make_users(app.state.registry)
    with TestClient(app, follow_redirects=False) as lifespan:
        yield Console(app, tokens, settings.data_dir, {}, {})
        lifespan.close()


@pytest.mark.parametrize(("name", "make", "question", "fact", "place"), CASES, ids=[c[0] for c in CASES])
def test_a_real_world_file_uploaded_in_the_console_answers_with_its_place(
    console, name, make, question, fact, place
):
    data = make()
    r = console("admin").post(
        "/documents/upload", files={"file": (name, data)}, data={"title": ""}, headers=hx()
    )
    assert r.status_code == 202, r.text
    job = re.search(r'hx-get="/jobs/([0-9a-f]+)"', r.text)[1]
    done = console.wait_job(job, timeout=120)
    assert "已完成" in done, visible_text(done)
    answer = console("admin").post("/ask", data={"question": question}, headers=hx()).text
    text = visible_text(answer)
    assert fact in text, text
    citations = text.split("引用", 1)[-1]
    assert place in citations, citations
