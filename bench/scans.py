"""Synthetic scans: known Chinese text drawn with a CJK font and spoilt the way a scanner or a phone
camera spoils it (a slight rotation, noise, blur, JPEG; a red header, a red stamp over the signature,
page numbers). The OCR tests and ``python -m bench ocr`` build their pages here, so every image can be
regenerated and its true text is known.

``Page.truth`` is the text in reading order, one visual line per line, without the page number and
the stamp: what a perfect OCR followed by our clean-up should return.
"""

from __future__ import annotations

import io
import math
import os
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
)
DPI = 150
A4 = (1240, 1754)  # pixels at 150 dpi
MARGIN = (150, 150, 150, 170)  # left, top, right, bottom
RED = (205, 30, 35)
_NO_LINE_START = set("，。、；：？！）》”’」』")


def find_font() -> str | None:
    env = os.environ.get("GONGHUI_TEST_CJK_FONT")
    for candidate in (env, *FONT_CANDIDATES):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


@lru_cache(maxsize=16)
def _font(size: int) -> ImageFont.FreeTypeFont:
    path = find_font()
    if path is None:
        raise RuntimeError("没有中文字体：请安装 fonts-wqy-microhei")
    return ImageFont.truetype(path, size)


@dataclass(frozen=True)
class Page:
    image: Image.Image
    truth: str


def wrap(text: str, width: float, size: int, *, indent: int = 0) -> list[str]:
    """Greedy wrap at ``width`` pixels; closing punctuation never starts a line."""
    font = _font(size)
    lines: list[str] = []
    line = "\u3000" * indent
    for ch in text:
        if line and font.getlength(line + ch) > width and ch not in _NO_LINE_START:
            lines.append(line)
            line = ""
        line += ch
    if line:
        lines.append(line)
    return lines


class _Canvas:
    def __init__(self, size: tuple[int, int] = A4) -> None:
        self.image = Image.new("RGB", size, "white")
        self.draw = ImageDraw.Draw(self.image)
        self.y = MARGIN[1]
        self.truth: list[str] = []

    @property
    def left(self) -> int:
        return MARGIN[0]

    @property
    def right(self) -> int:
        return self.image.width - MARGIN[2]

    def line(
        self,
        text: str,
        size: int,
        *,
        x: float | None = None,
        align: str = "left",
        fill: tuple[int, int, int] = (20, 20, 20),
        gap: float = 0.55,
        truth: bool = True,
    ) -> None:
        font = _font(size)
        width = font.getlength(text)
        if x is None:
            x = {
                "left": self.left,
                "center": (self.left + self.right - width) / 2,
                "right": self.right - width,
            }[align]
        self.draw.text((x, self.y), text, font=font, fill=fill)
        if truth:
            self.truth.append(text.replace("\u3000", ""))
        self.y += int(size * (1 + gap))

    def paragraph(self, text: str, size: int, *, x0: int | None = None, x1: int | None = None) -> None:
        x0 = self.left if x0 is None else x0
        x1 = self.right if x1 is None else x1
        for ln in wrap(text, x1 - x0, size, indent=2):
            self.line(ln, size, x=x0)

    def rule(self, color: tuple[int, int, int] = RED, width: int = 4) -> None:
        self.draw.line((self.left - 20, self.y, self.right + 20, self.y), fill=color, width=width)
        self.y += 30

    def page_number(self, n: int, size: int = 26) -> None:
        text = f"- {n} -"
        font = _font(size)
        x = (self.image.width - font.getlength(text)) / 2
        self.draw.text((x, self.image.height - MARGIN[3] + 60), text, font=font, fill=(20, 20, 20))

    def page(self) -> Page:
        return Page(self.image, "\n".join(self.truth))


def stamp(image: Image.Image, center: tuple[float, float], text: str, *, radius: int = 115) -> None:
    """A round red seal: a ring, a star and the issuer's name along the upper arc, over whatever is below."""
    layer = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    cx, cy = center
    red = (*RED, 200)
    draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), outline=red, width=7)
    star = [
        (
            cx + 32 * math.cos(math.pi / 2 + k * math.pi / 5) * (1 if k % 2 == 0 else 0.4),
            cy - 32 * math.sin(math.pi / 2 + k * math.pi / 5) * (1 if k % 2 == 0 else 0.4),
        )
        for k in range(10)
    ]
    draw.polygon(star, fill=red)
    font = _font(int(radius * 0.3))
    span = math.radians(220)
    for i, ch in enumerate(text):
        angle = math.pi / 2 + span / 2 - span * (i + 0.5) / len(text)
        glyph = Image.new("RGBA", (60, 60), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text((30, 30), ch, font=font, fill=red, anchor="mm")
        glyph = glyph.rotate(math.degrees(angle - math.pi / 2), resample=Image.BICUBIC)
        r = radius * 0.74
        x, y = cx + r * math.cos(angle), cy - r * math.sin(angle)
        layer.alpha_composite(glyph, (int(x - 30), int(y - 30)))
    # ink on paper multiplies: black print under the seal stays black, white paper turns red
    ink = np.asarray(layer).astype(np.float32)
    alpha = ink[..., 3:4] / 255
    tint = 1 - alpha * (1 - ink[..., :3] / 255)
    image.paste(Image.fromarray((np.asarray(image).astype(np.float32) * tint).astype(np.uint8)))


def official_page(
    paragraphs: Sequence[str],
    *,
    header: str | None = None,
    doc_number: str | None = None,
    title: Sequence[str] = (),
    addressee: str | None = None,
    signature: str | None = None,
    date: str | None = None,
    page_number: int | None = None,
    size: int = 30,
) -> Page:
    """One page of a 红头文件: red header and rule, 文号, centred title, body, signature with a stamp."""
    c = _Canvas()
    if header:
        c.line(header, 64, align="center", fill=RED, gap=0.5)
    if doc_number:
        c.line(doc_number, size, align="center")
    if header:
        c.rule()
    for t in title:
        c.line(t, 40, align="center", gap=0.45)
    if title:
        c.y += 20
    if addressee:
        c.line(addressee, size)
    for p in paragraphs:
        if c.y > A4[1] - MARGIN[3] - 3 * size:
            break
        c.paragraph(p, size)
    if signature:
        c.y += 2 * size
        font = _font(size)
        sig_x = c.right - font.getlength(signature) - 2 * size
        center = (sig_x + font.getlength(signature) / 2, c.y + size * 0.9)
        c.line(signature, size, x=sig_x)
        if date:
            c.line(date, size, x=c.right - font.getlength(date) - 2.5 * size)
        stamp(c.image, center, signature)
    if page_number:
        c.page_number(page_number)
    return c.page()


def document_pages(
    paragraphs: Sequence[str],
    *,
    centred: Sequence[str] = (),
    right: Sequence[str] = (),
    header: str | None = None,
    size: int = 30,
) -> list[Page]:
    """A whole document flowed over as many pages as it needs, numbered ``- n -``: paragraphs in
    ``centred`` (文号, title) are centred, those in ``right`` (signature, date) set flush right, the
    rest indented by two characters; ``header`` is a red 发文机关标志 on the first page."""
    pages: list[Page] = []
    c = _Canvas()
    bottom = A4[1] - MARGIN[3] - size

    def new_page() -> _Canvas:
        c.page_number(len(pages) + 1)
        pages.append(c.page())
        return _Canvas()

    if header:
        c.line(header, 64, align="center", fill=RED, gap=0.5)
        c.rule()
    for p in paragraphs:
        if p in centred or p in right:
            for ln in wrap(p, c.right - c.left - 4 * size, size):
                if c.y > bottom:
                    c = new_page()
                c.line(ln, size, align="center" if p in centred else "right")
            continue
        for ln in wrap(p, c.right - c.left, size, indent=2):
            if c.y > bottom:
                c = new_page()
            c.line(ln, size)
    new_page()
    return pages


def two_column_page(
    left: Sequence[str],
    right: Sequence[str],
    *,
    title: str | None = None,
    page_number: int | None = None,
    size: int = 26,
) -> Page:
    """A newsletter-style page: a full-width title, then two columns read left column first."""
    c = _Canvas()
    if title:
        c.line(title, 40, align="center")
        c.y += 10
    top = c.y
    mid = (c.left + c.right) // 2
    gutter = 30
    columns = ((c.left, mid - gutter, left), (mid + gutter, c.right, right))
    bottom = top
    for x0, x1, paragraphs in columns:
        c.y = top
        for p in paragraphs:
            if c.y > A4[1] - MARGIN[3] - 2 * size:
                break
            c.paragraph(p, size, x0=x0, x1=x1)
        bottom = max(bottom, c.y)
    c.y = bottom
    if page_number:
        c.page_number(page_number)
    return c.page()


def table_page(
    title: str,
    rows: Sequence[Sequence[str]],
    *,
    intro: str | None = None,
    widths: Sequence[float] | None = None,
    size: int = 26,
) -> Page:
    """A ruled table (评分表): one line of text per cell; truth rows are joined with ' | '."""
    c = _Canvas()
    c.line(title, 36, align="center")
    c.y += 10
    if intro:
        c.paragraph(intro, size)
    cols = len(rows[0])
    shares = list(widths or [1.0] * cols)
    total = sum(shares)
    xs = [c.left]
    for s in shares:
        xs.append(xs[-1] + (c.right - c.left) * s / total)
    row_h = int(size * 2.0)
    y0 = c.y
    font = _font(size)
    for r, row in enumerate(rows):
        y = y0 + r * row_h
        for i, cell in enumerate(row):
            text = cell
            while text and font.getlength(text) > xs[i + 1] - xs[i] - 16:
                text = text[:-1]
            c.draw.text((xs[i] + 8, y + (row_h - size) / 2 - 2), text, font=font, fill=(20, 20, 20))
        c.truth.append(" | ".join(_fit(cell, xs[i + 1] - xs[i] - 16, size) for i, cell in enumerate(row)))
    y_end = y0 + len(rows) * row_h
    for r in range(len(rows) + 1):
        c.draw.line((xs[0], y0 + r * row_h, xs[-1], y0 + r * row_h), fill=(40, 40, 40), width=2)
    for x in xs:
        c.draw.line((x, y0, x, y_end), fill=(40, 40, 40), width=2)
    c.y = y_end + size
    return c.page()


def _fit(text: str, width: float, size: int) -> str:
    font = _font(size)
    while text and font.getlength(text) > width:
        text = text[:-1]
    return text


# -- spoiling -----------------------------------------------------------------------------------------


def scanned(
    page: Page, *, angle: float = 0.8, noise: float = 12.0, seed: int = 0, jpeg: int | None = 70
) -> Page:
    """A flatbed scan: slight rotation, grey paper, sensor noise, a little blur, JPEG artefacts."""
    rng = np.random.default_rng(seed)
    img = page.image.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=(250, 250, 248))
    img = img.filter(ImageFilter.GaussianBlur(0.6))
    arr = np.asarray(img).astype(np.float32) * 0.96 + 6
    arr += rng.normal(0, noise, arr.shape[:2])[..., None]
    specks = rng.random(arr.shape[:2]) < 0.0008
    arr[specks] = 40
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    if jpeg:
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=jpeg)
        img = Image.open(io.BytesIO(buf.getvalue())).convert("RGB")
    return replace(page, image=img)


def degraded(
    page: Page, *, factor: float = 0.4, blur: float = 1.0, noise: float = 25.0, seed: int = 0, jpeg: int = 25
) -> Page:
    """A bad copy of a copy (a fax, a scan at 60 dpi): resolution lost, blurred, noisy, over-compressed."""
    img = page.image
    small = img.resize((int(img.width * factor), int(img.height * factor)), Image.BILINEAR)
    img = small.resize(img.size, Image.BILINEAR).filter(ImageFilter.GaussianBlur(blur))
    return scanned(replace(page, image=img), angle=0.5, noise=noise, seed=seed, jpeg=jpeg)


def photographed(page: Page, *, angle: float = 5.0, seed: int = 0) -> Page:
    """A phone photo of the page on a desk: rotated, seen at a slant (perspective), unevenly lit."""
    rng = random.Random(seed)
    w, h = page.image.size
    pad = 120
    desk = Image.new("RGB", (w + 2 * pad, h + 2 * pad), (95, 85, 70))
    desk.paste(page.image, (pad, pad))
    img = desk.rotate(angle, resample=Image.BICUBIC, fillcolor=(95, 85, 70))
    # perspective: the top edge further away (narrower) than the bottom one
    W, H = img.size
    squeeze = 0.04 * W
    quad = (squeeze + rng.uniform(-8, 8), 0, 0, H, W, H, W - squeeze, 0)  # source corners: ul, ll, lr, ur
    img = img.transform((W, H), Image.QUAD, quad, resample=Image.BICUBIC, fillcolor=(95, 85, 70))
    arr = np.asarray(img).astype(np.float32)
    yy, xx = np.mgrid[0:H, 0:W]
    light = 0.82 + 0.18 * (1 - ((xx / W - 0.7) ** 2 + (yy / H - 0.3) ** 2))
    arr = arr * light[..., None]
    arr += np.random.default_rng(seed).normal(0, 5, arr.shape[:2])[..., None]
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.8))
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=80)
    return replace(page, image=Image.open(io.BytesIO(buf.getvalue())).convert("RGB"))


def image_pdf(images: Sequence[Image.Image], *, dpi: int = DPI) -> bytes:
    """An image-only PDF (no text layer), one image per page, as a scanner writes it."""
    buf = io.BytesIO()
    first, *rest = [im.convert("RGB") for im in images]
    first.save(buf, "PDF", resolution=dpi, save_all=True, append_images=rest)
    return buf.getvalue()


# -- scoring ------------------------------------------------------------------------------------------

_IGNORED = re.compile(r"[\s|\u3000]+")
_FOLD = str.maketrans("，：；？！（）", ",:;?!()")


def normalise(text: str) -> str:
    """What CER compares: no whitespace or cell bars; half- and full-width punctuation folded."""
    return _IGNORED.sub("", text).translate(_FOLD)


def edit_distance(a: str, b: str) -> int:
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def cer(hypothesis: str, truth: str) -> float:
    """Character error rate: edits to turn the OCR text into the truth, per truth character."""
    h, t = normalise(hypothesis), normalise(truth)
    return edit_distance(h, t) / max(1, len(t))
