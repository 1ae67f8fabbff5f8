from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from ingest.errors import CorruptFile, IngestError, ScannedPdf, UnreadableFile, UnsupportedFormat
from ingest.loaders import load, load_bytes

NOTICE = (
    "关于开展职工劳动竞赛的通知\n"
    "各基层工会：\n"
    "为深入贯彻落实全省工会劳动和技能竞赛动员会议精神，现将有关事项通知如下。\n"
)

LAW_MD = """# 中华人民共和国工会法

1992年4月3日 第七届全国人民代表大会第五次会议通过

2021年12月24日 第十三届全国人民代表大会常务委员会第三十二次会议《关于修改〈中华人民共和国工会法〉的决定》第三次修正

<!-- INFO END -->

## 第一章 总 则

第一条 为保障工会在国家政治、经济和社会生活中的地位，**确定工会的权利与义务**，制定本法。

<!-- FORCE BREAK -->

第二条 工会是职工自愿结合的工人阶级群众组织，详见[全总网站](https://www.acftu.org)。

- 列表项一
- 列表项二

| 项目 | 说明 |
| --- | --- |
| 会费 | 工资的百分之二 |
"""


# --- txt ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("codec", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_txt_in_chinese_encodings(tmp_path: Path, codec: str) -> None:
    path = tmp_path / "notice.txt"
    path.write_bytes(NOTICE.encode(codec))
    raw = load(path)
    assert raw.format == "txt"
    assert raw.text == NOTICE
    assert not raw.hard_wrapped


def test_seed_txt_is_detected_as_hard_wrapped(seed_text: str) -> None:
    raw = load_bytes(seed_text.encode("utf-8"), name="seed.txt")
    assert raw.hard_wrapped


# --- markdown -------------------------------------------------------------------------------------


def test_markdown_law_front_matter_and_markup(tmp_path: Path) -> None:
    path = tmp_path / "gonghuifa.md"
    path.write_text(LAW_MD, encoding="utf-8")
    raw = load(path)
    assert raw.format == "md"
    assert raw.hints["title"] == "中华人民共和国工会法"
    assert raw.hints["date"] == "2021-12-24"  # the last amendment
    lines = [ln for ln in raw.text.split("\n") if ln.strip()]
    assert lines[0] == "中华人民共和国工会法"
    assert "第七届" not in raw.text and "INFO END" not in raw.text and "FORCE BREAK" not in raw.text
    assert "第一章 总 则" in lines  # heading kept as its own line, without '#'
    assert raw.headings["第一章 总 则"] == 2
    assert "确定工会的权利与义务，制定本法" in raw.text and "**" not in raw.text
    assert "详见全总网站。" in raw.text and "https://" not in raw.text
    assert "列表项一" in lines and "会费 | 工资的百分之二" in lines
    assert "---" not in raw.text


def test_markdown_yaml_front_matter_gives_hints() -> None:
    md = "---\ntitle: 竞赛方案\ndate: 2020-06-01\n文号: 哈工发〔2020〕3号\n---\n\n正文第一段。\n"
    raw = load_bytes(md.encode(), name="a.md")
    assert raw.hints == {"title": "竞赛方案", "date": "2020-06-01", "doc_number": "哈工发〔2020〕3号"}
    assert raw.text.strip() == "正文第一段。"


# --- html -----------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html><html><head><meta charset="gbk">
<title>关于印发竞赛方案的通知_哈尔滨市总工会</title>
<meta name="PubDate" content="2020-06-01 09:30">
<style>p {{ color: red }}</style><script>var secret = "脚本内容";</script></head>
<body><nav><a href="/">首页</a><a href="/news">新闻中心</a></nav>
<div class="article"><h1>关于印发竞赛方案的通知</h1><p>各基层工会：</p>
<p>现将<b>竞赛方案</b>印发给你们，请认真贯彻执行。</p>
<h2>一、总体要求</h2><p>坚持以职工为中心。</p>
<table><tr><th>项目</th><th>时间</th></tr><tr><td>报名</td><td>6月</td></tr></table>
<ul><li>第一项</li><li>第二项</li></ul><noscript>请启用脚本</noscript></div></body></html>"""


def test_html_drops_chrome_keeps_blocks(tmp_path: Path) -> None:
    path = tmp_path / "page.htm"
    path.write_bytes(PAGE.format().encode("gbk"))
    raw = load(path)
    lines = [ln for ln in raw.text.split("\n") if ln.strip()]
    assert raw.format == "html"
    assert "脚本内容" not in raw.text and "color" not in raw.text and "请启用脚本" not in raw.text
    assert "首页" not in raw.text and "新闻中心" not in raw.text
    assert lines[0] == "关于印发竞赛方案的通知"
    assert "现将竞赛方案印发给你们，请认真贯彻执行。" in lines
    assert "项目 | 时间" in lines and "报名 | 6月" in lines
    assert "第一项" in lines and "第二项" in lines
    assert raw.headings == {"关于印发竞赛方案的通知": 1, "一、总体要求": 2}
    assert raw.hints["title"] == "关于印发竞赛方案的通知"
    assert raw.hints["date_hint"] == "2020-06-01"


# --- docx -----------------------------------------------------------------------------------------


def test_docx_paragraphs_tables_and_headings(tmp_path: Path, make_docx: Callable[..., bytes]) -> None:
    data = make_docx(
        [
            ("title", "关于开展2020年职工劳动竞赛的通知"),
            ("p", "各基层工会："),
            ("h1", "竞赛内容"),
            ("p", "围绕重点项目开展竞赛。"),
            ("table", [["姓名", "单位", "得分"], ["张三", "哈尔滨电机厂", "95"]]),
            ("p", "哈尔滨市总工会"),
        ]
    )
    path = tmp_path / "通知.docx"
    path.write_bytes(data)
    raw = load(path)
    assert raw.format == "docx"
    assert raw.text.split("\n") == [
        "关于开展2020年职工劳动竞赛的通知",
        "各基层工会：",
        "竞赛内容",
        "围绕重点项目开展竞赛。",
        "姓名 | 单位 | 得分",
        "张三 | 哈尔滨电机厂 | 95",
        "哈尔滨市总工会",
    ]
    assert raw.hints["title"] == "关于开展2020年职工劳动竞赛的通知"
    assert raw.headings["竞赛内容"] == 1


def test_docx_merged_cells_appear_once(make_docx: Callable[..., bytes]) -> None:
    from docx import Document

    doc = Document()
    table = doc.add_table(rows=2, cols=3)
    for c, text in enumerate(["项目", "时间", "地点"]):
        table.cell(0, c).text = text
    table.cell(1, 0).merge(table.cell(1, 2)).text = "另行通知"
    buf = io.BytesIO()
    doc.save(buf)
    raw = load_bytes(buf.getvalue(), name="t.docx")
    assert raw.text.split("\n") == ["项目 | 时间 | 地点", "另行通知"]


# --- pdf ------------------------------------------------------------------------------------------


def test_pdf_text_layer_pages_and_hard_wrap(make_pdf: Callable[..., bytes]) -> None:
    paragraphs: Sequence[str] = [
        "第一条 为保障工会在国家政治、经济和社会生活中的地位，确定工会的权利与义务，制定本法。"
    ] * 12
    raw = load_bytes(make_pdf(paragraphs, page_numbers=True), name="law.pdf")
    assert raw.format == "pdf" and raw.hard_wrapped
    assert raw.pages is not None and raw.pages >= 2
    assert raw.text.count("\f") == raw.pages - 1
    assert "为保障工会在国家政治" in raw.text


def test_scanned_pdf_is_refused_with_ocr_message(tmp_path: Path, scanned_pdf: bytes) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(scanned_pdf)
    with pytest.raises(ScannedPdf) as err:
        load(path)
    assert err.value.path == str(path)
    assert err.value.reason == "该 PDF 没有文字层（可能是扫描件），需要 OCR 识别，但本次导入未启用 OCR"


def test_ocr_hook_fills_pages_without_text(scanned_pdf: bytes) -> None:
    seen: list[int] = []

    def fake_ocr(pdf: bytes, pages: Sequence[int], *, path: str) -> list[str]:
        assert pdf.startswith(b"%PDF") and path == "scan.pdf"
        seen.extend(pages)
        return [f"第{n + 1}页识别出的文字内容，共十几个字。" for n in pages]

    raw = load_bytes(scanned_pdf, name="scan.pdf", ocr=fake_ocr)
    assert seen == [0, 1]
    assert raw.text.split("\f") == [
        "第1页识别出的文字内容，共十几个字。",
        "第2页识别出的文字内容，共十几个字。",
    ]


# --- broken and unsupported files -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("broken.docx", b"PK\x03\x04 this is not really a zip file"),
        ("broken.docx", b"just some text pretending to be a docx"),
        ("broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage without xref"),
        ("broken.pdf", b""),
    ],
)
def test_corrupt_files_raise_corrupt_file(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(CorruptFile) as err:
        load(path)
    assert err.value.path == str(path)
    assert "损坏" in err.value.reason


def test_zip_that_is_not_a_word_document(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "不是 Word 文档")
    with pytest.raises(CorruptFile):
        load_bytes(buf.getvalue(), name="fake.docx")


def test_unknown_extension_is_unsupported(tmp_path: Path) -> None:
    path = tmp_path / "data.xyz"
    path.write_text("内容", encoding="utf-8")
    with pytest.raises(UnsupportedFormat) as err:
        load(path)
    assert "不支持" in err.value.reason and "docx" in err.value.reason


def test_old_powerpoint_format_gets_advice() -> None:
    with pytest.raises(UnsupportedFormat) as err:
        load_bytes(b"\xd0\xcf\x11\xe0", name="旧文件.ppt")
    assert "另存为 .pptx" in err.value.reason


def test_missing_file_is_an_ingest_error(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFile) as err:
        load(tmp_path / "nope.txt")
    assert isinstance(err.value, IngestError)
    assert err.value.reason == "文件不存在"


def test_password_protected_pdf(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.encrypt("secret", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    with pytest.raises(CorruptFile) as err:
        load_bytes(buf.getvalue(), name="locked.pdf")
    assert "密码" in err.value.reason
