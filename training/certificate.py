"""The certificate PDF (fpdf2): Chinese text needs a font with CJK glyphs, Settings.cert_font or the
system's own (Noto CJK, WenQuanYi, Droid) found with fc-match."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from training.errors import TrainingError
from training.model import Certificate

_KNOWN = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
)
NO_FONT = "没有找到含中文字形的字体，无法生成证书。请安装 fonts-noto-cjk 或 fonts-wqy-microhei，或设置 GONGHUI_CERT_FONT。"


def find_font(configured: str = "") -> str:
    if configured:
        if not Path(configured).is_file():
            raise TrainingError(f"证书字体文件不存在：{configured}")
        return configured
    if shutil.which("fc-match"):
        try:
            out = subprocess.run(
                ["fc-match", "-f", "%{file}", ":lang=zh-cn"],
                capture_output=True,
                text=True,
                timeout=10,
                check=False,
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            out = ""
        if (
            out.lower().endswith((".ttf", ".ttc", ".otf"))
            and Path(out).is_file()
            and "dejavu" not in out.lower()
        ):
            return out
    for path in _KNOWN:
        if Path(path).is_file():
            return path
    raise TrainingError(NO_FONT)


def certificate_pdf(cert: Certificate, *, font: str = "") -> bytes:
    from fpdf import FPDF

    pdf = FPDF(orientation="L", format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.add_font("cjk", fname=find_font(font))
    pdf.set_draw_color(180, 30, 30)
    pdf.set_line_width(1.2)
    pdf.rect(10, 10, 277, 190)
    pdf.set_line_width(0.4)
    pdf.rect(14, 14, 269, 182)
    pdf.set_text_color(180, 30, 30)
    pdf.set_font("cjk", size=34)
    pdf.set_y(38)
    pdf.cell(0, 16, "培 训 合 格 证 书", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(30, 30, 30)
    pdf.set_font("cjk", size=18)
    pdf.ln(14)
    pdf.cell(0, 12, f"{cert.holder} 同志：", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.multi_cell(
        0,
        12,
        f"参加“{cert.course_title}”培训，完成全部学习和测验，成绩 {cert.score} 分，考核合格。",
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(4)
    pdf.cell(0, 12, "特发此证。", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("cjk", size=12)
    pdf.set_y(168)
    issued = cert.issued_at[:10]
    pdf.cell(0, 8, f"发证日期：{issued}    证书编号：{cert.code}", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(
        0,
        8,
        f"核验：在工会助手控制台打开 /verify/{cert.code}，或运行 gonghui courses verify {cert.code}",
        align="C",
    )
    return bytes(pdf.output())
