"""OCR without the recogniser: reading order, clean-up and page confidences on boxes built by hand
(what the engine returns), and the messages when OCR is off or missing. Fast; the real engine's tests
are in test_ocr_scans.py."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from ingest.chunking import chunk
from ingest.cleaning import clean
from ingest.errors import IngestError, ScannedPdf, UnsupportedFormat
from ingest.formats.base import OcrPage
from ingest.formats.pdf_text import _needs_ocr
from ingest.loaders import load, load_bytes
from ingest.ocr import INSTALL, OcrReader
from ingest.ocr.engine import Box, RapidEngine
from ingest.ocr.pagemap import mark_chunks, page_starts

CH = 30  # character height in pixels


def box(x: float, y: float, text: str, *, score: float = 0.98, red: float = 0.0, tilt: float = 0.0) -> Box:
    """A level text line at (x, y) (top-left), one CH-wide cell per character; ``tilt`` raises the right end."""
    w = CH * len(text)
    return Box(((x, y), (x + w, y - tilt), (x + w, y + CH - tilt), (x, y + CH)), text, score, red)


def page_of(boxes: list[Box], *, height: int = 1754, reader: OcrReader | None = None) -> OcrPage:
    return (reader or OcrReader(engine=RapidEngine())).page_of(boxes, height=height)


def test_one_column_notice_reads_like_a_pdf_text_layer():
    boxes = [
        box(330, 120, "哈尔滨市总工会文件", red=0.9),  # red header: large, level, at the top
        box(450, 250, "哈工办发〔2020〕11号"),
        box(330, 330, "关于开展劳动竞赛的通知"),
        box(150, 430, "各区县（市）总工会："),
        box(210, 480, "为深入开展劳动和技能竞赛，现将有关事项通知如下，请"),
        box(150, 525, "认真贯彻落实，结合工作实际，切实抓好各项工作任务。"),
        box(210, 570, "二〇二〇年竞赛要突出重点。"),
        box(780, 760, "哈尔滨市总工会"),
        box(800, 805, "2020年5月27日"),
        box(880, 745, "工会办", red=0.95, tilt=40),  # the seal's arc
        box(790, 790, "市总", red=0.9),  # a level seal fragment, small
        box(600, 1660, "-2-"),  # page number at the foot
    ]
    # the header box is drawn larger than the body
    big = Box(((330, 100), (906, 100), (906, 164), (330, 164)), "哈尔滨市总工会文件", 0.99, 0.9)
    page = page_of([big, *boxes[1:]])
    lines = page.text.split("\n")
    assert lines[0] == "哈尔滨市总工会文件"
    assert "工会办" not in page.text and "市总\n" not in page.text and "-2-" not in page.text
    assert (
        "    为深入开展劳动和技能竞赛，现将有关事项通知如下，请" in lines
    )  # first-line indent, like a PDF's
    assert "认真贯彻落实，结合工作实际，切实抓好各项工作任务。" in lines  # continuation: no indent
    assert "" in lines[lines.index("    二〇二〇年竞赛要突出重点。") :]  # the wide gap before the signature
    text = clean(page.text, from_pdf=True)
    assert "为深入开展劳动和技能竞赛，现将有关事项通知如下，请认真贯彻落实" in text  # rejoined
    assert text.split("\n")[-2:] == ["哈尔滨市总工会", "2020年5月27日"]
    assert page.confidence == pytest.approx(0.98, abs=0.01) and not page.low


def test_two_columns_are_read_left_column_first():
    left = [f"左栏第{n}行的文字内容比较长一些" for n in range(1, 9)]
    right = [f"右栏第{n}行的文字内容比较长一些" for n in range(1, 9)]
    boxes = [box(300, 100, "两栏排版的简报标题")]
    for n, (a, b) in enumerate(zip(left, right, strict=True)):
        y = 200 + 45 * n
        boxes += [box(150, y, a), box(150 + CH * len(a) + 60, y, b)]
    boxes.append(box(150, 200 + 45 * 9, "全文完，跨越两栏的一行结尾文字内容比较长一些，跨越中缝继续写"))
    order = [ln for ln in page_of(boxes).text.split("\n") if ln]
    assert order[0] == "两栏排版的简报标题"
    assert order[1:9] == left and order[9:17] == right
    assert order[-1].startswith("全文完")


def test_table_rows_keep_their_cells_apart():
    rows = [("考核项目", "分值", "评分标准"), ("理论考试", "30", "闭卷笔试"), ("实际操作", "70", "现场评分")]
    boxes = [
        box(150 + 350 * i, 300 + 60 * r, cell) for r, row in enumerate(rows) for i, cell in enumerate(row)
    ]
    lines = page_of(boxes).text.split("\n")
    assert lines == ["考核项目 | 分值 | 评分标准", "理论考试 | 30 | 闭卷笔试", "实际操作 | 70 | 现场评分"]


def test_rotated_page_is_deskewed_before_lines_are_formed():
    import math

    angle = math.radians(2.5)
    boxes = []
    for n in range(6):
        x, y = 150.0, 300.0 + 45 * n
        text = f"第{n + 1}行文字，整页扫描时歪了两度半"
        w = CH * len(text)
        dx, dy = w * math.cos(angle), w * math.sin(angle)
        quad = ((x, y), (x + dx, y + dy), (x + dx - CH * math.sin(angle), y + dy + CH), (x, y + CH))
        boxes.append(Box(quad, text, 0.97))
    lines = page_of(boxes).text.split("\n")
    assert lines == [f"第{n + 1}行文字，整页扫描时歪了两度半" for n in range(6)]


def test_low_confidence_page_is_marked():
    boxes = [box(150, 300 + 45 * n, "模糊不清的扫描文字内容", score=0.7) for n in range(5)]
    page = page_of(boxes, reader=OcrReader(engine=RapidEngine(), min_confidence=0.85))
    assert page.low and page.confidence == pytest.approx(0.7)
    assert not page_of(boxes, reader=OcrReader(engine=RapidEngine(), min_confidence=0.6)).low


def test_page_confidence_reaches_the_chunks_of_that_page():
    pages = [
        "第一页是文字层的内容。\n" + "第一页的正文继续写下去，说明竞赛的目的和意义。" * 8,
        "- 2 -\n" + "第二页是扫描识别的内容，说明竞赛的组织领导和评比办法。" * 8,
    ]
    text = clean("\f".join(pages), from_pdf=True)
    starts = page_starts(pages, text)
    assert starts[0] == 0 and abs(starts[1] - text.index("第二页是扫描识别")) <= 3
    chunks = chunk(text, max_chars=120, overlap=0)
    marked = mark_chunks(chunks, pages=pages, cleaned=text, ocr={1: OcrPage(pages[1], 0.62, low=True)})
    for c in marked:
        if c.start >= starts[1]:
            assert c.ocr_confidence == 0.62 and c.ocr_low
        elif c.end <= starts[1]:
            assert c.ocr_confidence is None and not c.ocr_low


def test_garbled_text_layer_goes_to_ocr():
    assert _needs_ocr("")
    assert _needs_ocr("(cid:12)(cid:57)(cid:98)" * 20)
    assert _needs_ocr("\ue001\ue002\ue003" * 30 + "第1页")
    assert not _needs_ocr("第一条 为了保障职工的合法权益，根据宪法，制定本法。")


def test_image_without_ocr_is_refused_with_a_reason(tmp_path: Path):
    with pytest.raises(UnsupportedFormat) as err:
        load_bytes(b"\x89PNG\r\n\x1a\n", name="通知.png")
    assert "OCR" in err.value.reason


def test_ocr_not_installed_gives_the_install_command(monkeypatch, tmp_path: Path, scanned_pdf: bytes):
    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)  # as if the extra were absent
    path = tmp_path / "scan.pdf"
    path.write_bytes(scanned_pdf)
    with pytest.raises(IngestError) as err:
        load(path, ocr=OcrReader(engine=RapidEngine()))
    assert err.value.reason == INSTALL == "需要安装 OCR 组件：pip install 'gonghui[ocr]'"
    with pytest.raises(IngestError) as err:
        load_bytes(b"\x89PNG\r\n\x1a\n", name="photo.png", ocr=OcrReader(engine=RapidEngine()))
    assert err.value.reason == INSTALL


def test_page_limit_refuses_before_recognising(tmp_path: Path, scanned_pdf: bytes):
    pytest.importorskip("rapidocr_onnxruntime", reason="OCR extra not installed")
    seen: list[int] = []
    reader = OcrReader(engine=RapidEngine(), max_pages=1, on_page=lambda *a: seen.append(a[0]))
    with pytest.raises(IngestError) as err:
        load_bytes(scanned_pdf, name="scan.pdf", ocr=reader)
    assert "共 2 页，超过上限 1 页" in err.value.reason and "GONGHUI_OCR_MAX_PAGES" in err.value.reason
    assert seen == []


def test_without_ocr_a_scan_still_names_the_missing_step(scanned_pdf: bytes):
    with pytest.raises(ScannedPdf) as err:
        load_bytes(scanned_pdf, name="scan.pdf")
    assert "未启用 OCR" in err.value.reason


def test_broken_and_oversized_images_are_refused(tmp_path: Path):
    pytest.importorskip("rapidocr_onnxruntime", reason="OCR extra not installed")
    from PIL import Image

    reader = OcrReader(engine=RapidEngine())
    with pytest.raises(IngestError) as err:
        load_bytes(b"\x89PNG\r\n\x1a\nnot really a png", name="坏图.png", ocr=reader)
    assert err.value.reason == "图片文件已损坏或无法解析"
    # 8000 × 8000 px (64 MP) compresses to a few hundred KB but would take 190 MB decoded
    big = tmp_path / "big.png"
    Image.new("1", (8000, 8000), 1).save(big)
    with pytest.raises(IngestError) as err:
        load(big, ocr=reader)
    assert "图片尺寸过大" in err.value.reason


def test_multipage_tiff_counts_against_the_page_limit(tmp_path: Path):
    pytest.importorskip("rapidocr_onnxruntime", reason="OCR extra not installed")
    from PIL import Image

    tiff = tmp_path / "扫描.tiff"
    frames = [Image.new("L", (400, 560), 255) for _ in range(3)]
    frames[0].save(tiff, save_all=True, append_images=frames[1:])
    with pytest.raises(IngestError) as err:
        load(tiff, ocr=OcrReader(engine=RapidEngine(), max_pages=2))
    assert "共 3 页，超过上限 2 页" in err.value.reason


def test_a_line_cut_by_a_seal_does_not_repeat_the_character_at_the_cut():
    a = box(780, 760, "哈尔滨市")
    b = Box(
        ((780 + 4 * CH - 8, 762), (780 + 8 * CH, 762), (780 + 8 * CH, 792), (780 + 4 * CH - 8, 792)),
        "市总工会",
        0.97,
    )
    assert page_of([box(150, 700, "正文最后一行的内容，比较长。"), a, b]).text.endswith("哈尔滨市总工会")
