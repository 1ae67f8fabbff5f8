"""OFD, .doc/.wps, XLSX/XLS/CSV and PPTX, on files generated here; each under the zip/size bounds.

OFD and PPTX files are zips of XML written below; .doc/.wps files come from bench/word97.py (a minimal
Word 97 writer: a compound file with the FIB, the UTF-16 text and a one-piece piece table), read by
Debian's catdoc (or antiword); XLSX by openpyxl, XLS by xlwt.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import zipfile
from pathlib import Path

import pytest

from bench import hostile
from bench.word97 import write_doc
from ingest.errors import CorruptFile, MissingTool, TooManyPages, UnpackedTooLarge
from ingest.limits import Limits
from ingest.loaders import SUPPORTED_SUFFIXES, load_bytes
from ingest.pipeline import iter_files, prepare

HAS_ANTIWORD = shutil.which("antiword") is not None or shutil.which("catdoc") is not None
NO_TOOL = "catdoc/antiword 未安装（./run test 会用 apt-get 安装 catdoc）"
OFD_NS = "http://www.ofdspec.org/2016"


# --- OFD ------------------------------------------------------------------------------------------


def _ofd_page(lines: list[str], *, y0: float = 30.0) -> str:
    """One page: each line split into two TextObjects (as converters do), the right half first."""
    objects = []
    for i, line in enumerate(lines):
        y = y0 + i * 8
        half = len(line) // 2
        for x, part in ((25 + half * 5, line[half:]), (25, line[:half])):
            if part:
                objects.append(
                    f'<ofd:TextObject ID="{len(objects) + 10}" Boundary="{x} {y} 160 8" Font="3" Size="5">'
                    f'<ofd:TextCode X="0" Y="5">{part}</ofd:TextCode></ofd:TextObject>'
                )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{OFD_NS}"><ofd:Content>'
        f'<ofd:Layer ID="2">{"".join(objects)}</ofd:Layer></ofd:Content></ofd:Page>'
    )


def make_ofd(pages: list[list[str]], *, title: str = "") -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "OFD.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{OFD_NS}" Version="1.0" DocType="OFD">'
            f"<ofd:DocBody><ofd:DocInfo><ofd:DocID>1</ofd:DocID><ofd:Title>{title}</ofd:Title></ofd:DocInfo>"
            "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
        )
        refs = "".join(
            f'<ofd:Page ID="{i + 1}" BaseLoc="Pages/Page_{i}/Content.xml"/>' for i in range(len(pages))
        )
        z.writestr(
            "Doc_0/Document.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{OFD_NS}"><ofd:CommonData>'
            "<ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea></ofd:CommonData>"
            f"<ofd:Pages>{refs}</ofd:Pages></ofd:Document>",
        )
        for i, lines in enumerate(pages):
            z.writestr(f"Doc_0/Pages/Page_{i}/Content.xml", _ofd_page(lines))
    return buf.getvalue()


OFD_PAGES = [
    [
        "哈尔滨市总工会关于开展劳动竞赛的通知",
        "各区县（市）总工会：",
        "第一条 为深入开展劳动和技能竞赛，",
        "推动重点项目建设，现将有关事项通知如下。",
    ],
    ["第二条 竞赛时间为2020年6月至12月。", "哈尔滨市总工会", "2020年5月20日"],
]


def test_ofd_text_in_reading_order_and_pages(tmp_path: Path) -> None:
    raw = load_bytes(make_ofd(OFD_PAGES, title="劳动竞赛通知"), name="通知.ofd")
    assert raw.format == "ofd" and raw.pages == 2 and raw.hard_wrapped
    first, second = raw.text.split("\f")
    assert first.split("\n")[0] == "哈尔滨市总工会关于开展劳动竞赛的通知"  # left half before right half
    assert "第二条 竞赛时间为2020年6月至12月。" in second.split("\n")
    assert raw.hints["title_hint"] == "劳动竞赛通知"
    path = tmp_path / "通知.ofd"
    path.write_bytes(make_ofd(OFD_PAGES))
    doc = prepare(path)
    assert doc.format == "ofd" and doc.meta.date == "2020-05-20"
    # the wrapped line of the first page is rejoined into one sentence
    assert "为深入开展劳动和技能竞赛，推动重点项目建设" in doc.text
    assert any(c.article == "第一条" for c in doc.chunks)


def test_ofd_bomb_and_broken_ofd_are_refused(tmp_path: Path) -> None:
    bomb = hostile.zip_bomb(
        tmp_path / "bomb.ofd", {"OFD.xml": b"<ofd:OFD/>"}, "Doc_0/Pages/Page_0/Content.xml", 300
    )
    with pytest.raises(UnpackedTooLarge):
        prepare(bomb)
    with pytest.raises(CorruptFile):
        load_bytes(b"PK\x03\x04 not a zip", name="x.ofd")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("OFD.xml", "<OFD><DocBody></DocBody></OFD>")
    with pytest.raises(CorruptFile):
        load_bytes(buf.getvalue(), name="x.ofd")


# --- .doc / .wps ------------------------------------------------------------------------------------

DOC_PARAGRAPHS = [
    "关于开展2020年职工劳动竞赛的通知",
    "各基层工会：",
    "第一条 为深入开展劳动和技能竞赛，现将有关事项通知如下。",
    "第二条 竞赛分为安康杯、五小和岗位练兵三类。",
]


@pytest.mark.skipif(not HAS_ANTIWORD, reason=NO_TOOL)
@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_legacy_word_and_wps_files_are_read(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"通知{suffix}"
    path.write_bytes(write_doc(DOC_PARAGRAPHS))
    doc = prepare(path)
    assert doc.format == suffix[1:]
    assert doc.meta.title == "关于开展2020年职工劳动竞赛的通知"
    assert [c.article for c in doc.chunks if c.article] == ["第一条", "第二条"]
    assert "安康杯、五小和岗位练兵" in doc.text


@pytest.mark.skipif(not HAS_ANTIWORD, reason=NO_TOOL)
def test_a_doc_that_is_not_word_97_is_refused() -> None:
    with pytest.raises(CorruptFile) as err:
        load_bytes(b"{\\rtf1 this is RTF renamed to .doc}", name="假的.doc")
    assert "另存为 .docx" in err.value.reason


@pytest.mark.skipif(not HAS_ANTIWORD, reason=NO_TOOL)
def test_doc_text_is_bounded() -> None:
    data = write_doc(["第一条 职工依法享有参加和组织工会的权利。" * 20] * 50)
    with pytest.raises(Exception) as err:
        load_bytes(data, name="长.doc", limits=Limits(chars=2000))
    assert "文字过多" in getattr(err.value, "reason", "")


def test_without_a_tool_doc_is_refused_with_what_to_do(tmp_path: Path, monkeypatch) -> None:
    # the PATH is the environment's, not our code: an empty one is a machine without antiword/catdoc
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(MissingTool) as err:
        load_bytes(write_doc(DOC_PARAGRAPHS), name="通知.doc")
    assert "catdoc" in err.value.reason and "另存为 .docx" in err.value.reason


# --- spreadsheets ---------------------------------------------------------------------------------

SCORES = [
    ["2024年岗位练兵技能竞赛评分表"],
    ["考核项目", "分值", "评分标准"],
    ["理论知识", 30, "闭卷考试，按得分折算"],
    ["实际操作", 60, "按操作规程逐项评分"],
    ["安全文明", 10, None],
]


def test_xlsx_rows_carry_their_headers_and_sheets_are_sections(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "评分表"
    for row in SCORES:
        sheet.append(row)
    other = book.create_sheet("报名表")
    other.append(["姓名", "单位", "报名日期"])
    other.append(["张三", "哈尔滨电机厂", dt.datetime(2024, 5, 6)])
    path = tmp_path / "竞赛.xlsx"
    book.save(path)
    raw = load_bytes(path.read_bytes(), name=path.name)
    assert raw.hints["title"] == "2024年岗位练兵技能竞赛评分表"
    assert raw.text.split("\n") == [
        "评分表",
        "2024年岗位练兵技能竞赛评分表",
        "考核项目：理论知识；分值：30；评分标准：闭卷考试，按得分折算",
        "考核项目：实际操作；分值：60；评分标准：按操作规程逐项评分",
        "考核项目：安全文明；分值：10",
        "报名表",
        "姓名：张三；单位：哈尔滨电机厂；报名日期：2024-05-06",
    ]
    assert raw.headings == {"评分表": 1, "报名表": 1}
    doc = prepare(path)
    assert doc.meta.title == "2024年岗位练兵技能竞赛评分表"
    operation = next(c for c in doc.chunks if "实际操作" in c.text)
    assert "分值：60" in operation.text and operation.heading_path[-1] == "评分表"
    assert any(c.heading_path and c.heading_path[-1] == "报名表" for c in doc.chunks)


def test_the_one_sheet_of_a_file_keeps_a_name_someone_gave_it(tmp_path: Path) -> None:
    from openpyxl import Workbook

    for name, kept in (("五小竞赛评分表", True), ("Sheet1", False), ("工作表1", False)):
        book = Workbook()
        book.active.title = name
        book.active.append(["评比项目", "满分"])
        book.active.append(["小发明", 25])
        path = tmp_path / "评分.xlsx"
        book.save(path)
        raw = load_bytes(path.read_bytes(), name=path.name)
        assert (name in raw.text.split("\n")) is kept and (name in raw.headings) is kept


def test_xls_is_read_like_xlsx() -> None:
    xlwt = pytest.importorskip("xlwt", reason="xlwt (dev extra) writes the .xls file")
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("评分表")
    for r, row in enumerate(SCORES):
        for c, value in enumerate(row):
            if value is not None:
                sheet.write(r, c, value)
    buf = io.BytesIO()
    book.save(buf)
    raw = load_bytes(buf.getvalue(), name="评分表.xls")
    assert raw.format == "xls"
    assert "考核项目：实际操作；分值：60；评分标准：按操作规程逐项评分" in raw.text.split("\n")


def test_csv_in_gbk_with_semicolons() -> None:
    text = "考核项目;分值;评分标准\r\n理论知识;30;闭卷考试\r\n实际操作;60;按操作规程逐项评分\r\n"
    raw = load_bytes(text.encode("gbk"), name="评分.csv")
    assert raw.hints["title"] == "评分"  # no caption row: the file name
    assert raw.text.split("\n") == [
        "评分",
        "考核项目：理论知识；分值：30；评分标准：闭卷考试",
        "考核项目：实际操作；分值：60；评分标准：按操作规程逐项评分",
    ]


def test_spreadsheet_bounds(tmp_path: Path) -> None:
    bomb = hostile.zip_bomb(
        tmp_path / "bomb.xlsx", {"[Content_Types].xml": b"<Types/>"}, "xl/worksheets/sheet1.xml"
    )
    with pytest.raises(UnpackedTooLarge):
        prepare(bomb)
    from openpyxl import Workbook

    book = Workbook()
    for i in range(4):
        book.create_sheet(f"表{i}").append(["a", "b"])
    path = tmp_path / "多表.xlsx"
    book.save(path)
    with pytest.raises(TooManyPages) as err:
        prepare(path, limits=Limits(pages=3))
    assert "工作表" in err.value.reason


# --- pptx -----------------------------------------------------------------------------------------

_PML = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def _slide(title: str, lines: list[str], table: list[list[str]] | None = None) -> str:
    def shape(texts: list[str], ph: str = "") -> str:
        paras = "".join(f"<a:p><a:r><a:t>{t}</a:t></a:r></a:p>" for t in texts)
        return (
            f'<p:sp><p:nvSpPr><p:cNvPr id="1" name="s"/><p:cNvSpPr/><p:nvPr>{ph}</p:nvPr></p:nvSpPr>'
            f"<p:txBody>{paras}</p:txBody></p:sp>"
        )

    frame = ""
    if table:
        rows = "".join(
            "<a:tr>"
            + "".join(f"<a:tc><a:txBody><a:p><a:r><a:t>{c}</a:t></a:r></a:p></a:txBody></a:tc>" for c in r)
            + "</a:tr>"
            for r in table
        )
        frame = f"<p:graphicFrame><a:graphic><a:graphicData><a:tbl>{rows}</a:tbl></a:graphicData></a:graphic></p:graphicFrame>"
    head = shape([title], '<p:ph type="title"/>')
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><p:sld {_PML}><p:cSld><p:spTree>'
        f"{head}{shape(lines)}{frame}</p:spTree></p:cSld></p:sld>"
    )


def make_pptx(slides: list[str], order: list[int]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        ids = "".join(f'<p:sldId id="{256 + i}" r:id="rId{n}"/>' for i, n in enumerate(order))
        z.writestr(
            "ppt/presentation.xml", f"<p:presentation {_PML}><p:sldIdLst>{ids}</p:sldIdLst></p:presentation>"
        )
        rels = "".join(
            f'<Relationship Id="rId{n}" Type="slide" Target="slides/slide{n}.xml"/>'
            for n in range(1, len(slides) + 1)
        )
        z.writestr(
            "ppt/_rels/presentation.xml.rels",
            f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>',
        )
        for n, xml in enumerate(slides, start=1):
            z.writestr(f"ppt/slides/slide{n}.xml", xml)
    return buf.getvalue()


def test_pptx_slides_in_presentation_order_with_titles_and_tables(tmp_path: Path) -> None:
    slides = [
        _slide("竞赛安排", ["六月启动，十月总结表彰。"], [["阶段", "时间"], ["启动", "6月"]]),
        _slide("劳动竞赛动员培训", ["主讲：市总工会经济技术部"]),
    ]
    data = make_pptx(slides, order=[2, 1])  # slide2.xml is shown first
    raw = load_bytes(data, name="培训.pptx")
    assert raw.text.split("\n") == [
        "劳动竞赛动员培训",
        "主讲：市总工会经济技术部",
        "竞赛安排",
        "六月启动，十月总结表彰。",
        "阶段 | 时间",
        "启动 | 6月",
    ]
    assert raw.headings == {"劳动竞赛动员培训": 1, "竞赛安排": 1}
    path = tmp_path / "培训.pptx"
    path.write_bytes(data)
    doc = prepare(path)
    assert any(c.heading_path[-1:] == ("竞赛安排",) and "十月总结表彰" in c.text for c in doc.chunks)


def test_pptx_bomb_is_refused(tmp_path: Path) -> None:
    bomb = hostile.zip_bomb(
        tmp_path / "bomb.pptx", {"ppt/presentation.xml": b"<p/>"}, "ppt/slides/slide1.xml"
    )
    with pytest.raises(UnpackedTooLarge):
        prepare(bomb)


# --- every format is found in folders and accepted by the upload ----------------------------------


def test_new_formats_are_supported_everywhere(tmp_path: Path) -> None:
    for suffix in (".ofd", ".doc", ".wps", ".xlsx", ".xls", ".csv", ".pptx"):
        assert suffix in SUPPORTED_SUFFIXES
        (tmp_path / f"a{suffix}").write_bytes(b"x")
    (tmp_path / "b.ppt").write_bytes(b"x")
    found = {p.suffix for p in iter_files([tmp_path])}
    assert found == {".ofd", ".doc", ".wps", ".xlsx", ".xls", ".csv", ".pptx"}
