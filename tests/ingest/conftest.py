from __future__ import annotations

import io
import os
import shutil
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from ingest_testdata import SEED

# Fonts with CJK glyphs that fpdf2 can embed (TTF/TTC/OTF); first hit wins.
_FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
)
NO_FONT = (
    "没有可嵌入 PDF 的中文字体：请安装 fonts-wqy-microhei（或 fonts-noto-cjk），"
    "或用 GONGHUI_TEST_CJK_FONT 指定一个含中文字形的 TTF/TTC/OTF 文件"
)


def _find_cjk_font() -> str | None:
    env = os.environ.get("GONGHUI_TEST_CJK_FONT")
    if env and Path(env).is_file():
        return env
    for candidate in _FONT_CANDIDATES:
        if Path(candidate).is_file():
            return candidate
    if shutil.which("fc-list"):
        try:
            out = subprocess.run(
                ["fc-list", ":lang=zh", "file"], capture_output=True, text=True, timeout=10, check=False
            ).stdout
        except (OSError, subprocess.SubprocessError):
            return None
        for line in out.splitlines():
            path = line.split(":")[0].strip()
            if path.lower().endswith((".ttf", ".ttc", ".otf")):
                return path
    return None


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def cjk_font() -> str:
    font = _find_cjk_font()
    if font is None:
        pytest.skip(NO_FONT)
    return font


PdfMaker = Callable[..., bytes]


@pytest.fixture(scope="session")
def make_pdf(cjk_font: str) -> PdfMaker:
    """Build a real PDF: paragraphs wrapped by fpdf2, optional running header and page numbers."""
    from fpdf import FPDF

    def build(paragraphs: Sequence[str], *, header: str | None = None, page_numbers: bool = False) -> bytes:
        pdf = FPDF(format=(148, 210))
        pdf.add_font("cjk", fname=cjk_font)
        pdf.set_auto_page_break(True, margin=22)

        def draw_header() -> None:
            if header:
                pdf.set_font("cjk", size=9)
                pdf.set_y(8)
                pdf.cell(0, 5, header, align="C", new_x="LMARGIN", new_y="NEXT")
            pdf.set_y(20)
            pdf.set_font("cjk", size=11)

        def draw_footer() -> None:
            if page_numbers:
                pdf.set_y(-15)
                pdf.set_font("cjk", size=9)
                pdf.cell(0, 5, f"- {pdf.page_no()} -", align="C", new_x="LMARGIN", new_y="NEXT")
                pdf.set_font("cjk", size=11)

        pdf.header = draw_header  # type: ignore[method-assign]
        pdf.footer = draw_footer  # type: ignore[method-assign]
        pdf.add_page()
        for paragraph in paragraphs:
            pdf.multi_cell(0, 7, paragraph, new_x="LMARGIN", new_y="NEXT")
        return bytes(pdf.output())

    return build


@pytest.fixture(scope="session")
def scanned_pdf() -> bytes:
    """A PDF whose pages hold only an image: what a scanner produces (no font needed)."""
    from fpdf import FPDF
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (200, 280), "white")
    draw = ImageDraw.Draw(image)
    for y in range(20, 260, 12):
        draw.line((20, y, 180, y), fill="black", width=3)
    pdf = FPDF()
    for _ in range(2):
        pdf.add_page()
        pdf.image(image, x=10, y=10, w=150)
    return bytes(pdf.output())


@pytest.fixture(scope="session")
def make_docx() -> Callable[..., bytes]:
    from docx import Document

    def build(blocks: Sequence[tuple[str, object]]) -> bytes:
        """blocks: ("title"|"h1"|"h2"|"p", text) or ("table", rows)."""
        doc = Document()
        for kind, content in blocks:
            if kind == "title":
                doc.add_heading(str(content), level=0)
            elif kind in ("h1", "h2", "h3"):
                doc.add_heading(str(content), level=int(kind[1]))
            elif kind == "p":
                doc.add_paragraph(str(content))
            elif kind == "table":
                rows = content  # type: ignore[assignment]
                table = doc.add_table(rows=len(rows), cols=len(rows[0]))  # type: ignore[arg-type]
                for r, row in enumerate(rows):  # type: ignore[arg-type]
                    for c, cell in enumerate(row):
                        table.cell(r, c).text = cell
        buf = io.BytesIO()
        doc.save(buf)
        return buf.getvalue()

    return build
