"""Image files (PNG, JPEG, TIFF: a scanned page, a phone photo of a notice) → text, by OCR.

Each image (each frame of a multi-page TIFF) is one page; pages are separated by ``\\f`` like a PDF's,
and their text is laid out one visual line per line, so cleaning and metadata treat a photographed
notice like a PDF one.
"""

from __future__ import annotations

from ingest.errors import UnsupportedFormat
from ingest.formats.base import Ocr, RawText

NO_OCR = "图片需要 OCR 识别，但本次导入未启用 OCR"


def load_image(data: bytes, *, path: str, ocr: Ocr | None = None) -> RawText:
    read_image = getattr(ocr, "read_image", None)
    if read_image is None:
        raise UnsupportedFormat(path, NO_OCR)
    pages = list(read_image(data, path=path))
    warnings = tuple(
        f"第 {n} 页（图片）识别置信度偏低（{p.confidence or 0:.2f}），请核对原件"
        for n, p in enumerate(pages, start=1)
        if p.low
    )
    return RawText(
        "\f".join(p.text for p in pages),
        "image",
        pages=len(pages),
        hard_wrapped=True,
        warnings=warnings,
        ocr=dict(enumerate(pages)),
    )
