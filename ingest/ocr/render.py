"""Pages as pictures for OCR: PDF pages rendered with PDFium, image files decoded with Pillow, both
within pixel bounds so that no page costs more than a few tens of megabytes.

PDF pages are rendered (pypdfium2) rather than their embedded images extracted (pypdf): a scan's
page may be several image strips, a JBIG2 or CCITT fax image pypdf cannot decode, a mask, or rotated
by the page's /Rotate; rendering shows what a reader sees, at the resolution we choose instead of the
scanner's (a 600-dpi scan's image is 5000 × 7000 px). pypdfium2's wheel ships its own PDFium binary.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from ingest.errors import CorruptFile

if TYPE_CHECKING:
    from PIL import Image

DPI = 150  # 三号 print (16 pt) is ~33 px high: what the recogniser reads best
MAX_SIDE = 2000  # pixels of a rendered page's long side (an A3 or A0 page is rendered smaller)
MAX_SOURCE_PIXELS = 50_000_000  # an image file larger than this is refused before decoding (50 MP)
BROKEN_IMAGE = "图片文件已损坏或无法解析"


def pdf_pages(data: bytes, pages: Sequence[int], *, path: str) -> Iterator[tuple[int, Image.Image]]:
    """Render the given 0-based pages of a PDF, one at a time (only one page image is alive)."""
    try:
        import pypdfium2 as pdfium
    except ImportError as exc:
        from ingest.ocr.engine import INSTALL, OcrUnavailable

        raise OcrUnavailable(path, INSTALL) from exc
    try:
        pdf = pdfium.PdfDocument(data)
    except Exception as exc:  # pdfium reports broken and locked files alike
        raise CorruptFile(path, "PDF 文件无法渲染为图像，无法进行 OCR") from exc
    try:
        for n in pages:
            page = pdf[n]
            try:
                width, height = page.get_size()  # points, /Rotate applied
                scale = min(DPI / 72, MAX_SIDE / max(width, height, 1))
                bitmap = page.render(scale=scale)
                yield n, bitmap.to_pil().convert("RGB")
            finally:
                page.close()
    finally:
        pdf.close()


def image_frames(data: bytes, *, path: str, max_frames: int) -> tuple[int, Iterator[tuple[int, Image.Image]]]:
    """How many frames an image file holds (a TIFF may hold several pages), and the frames, upright,
    RGB, bounded in size, decoded one at a time. More than ``max_frames`` are refused before any is
    decoded."""
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            frames = getattr(image, "n_frames", 1)
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
        raise CorruptFile(path, _too_large()) from exc
    except Exception as exc:
        raise CorruptFile(path, BROKEN_IMAGE) from exc
    if frames > max_frames:
        from ingest.ocr.reader import OcrPageLimit

        raise OcrPageLimit(path, frames, max_frames)
    return frames, _frames(image, frames, path)


def _frames(image: Image.Image, frames: int, path: str) -> Iterator[tuple[int, Image.Image]]:
    from PIL import ImageOps

    for i in range(frames):
        try:
            image.seek(i)
            if image.width * image.height > MAX_SOURCE_PIXELS:
                raise CorruptFile(path, _too_large())
            if image.format == "JPEG":
                image.draft("RGB", (MAX_SIDE, MAX_SIDE))  # decode at a reduced size: cheap for photos
            frame = ImageOps.exif_transpose(image).convert("RGB")  # phone photos lie on their side
            frame.thumbnail((MAX_SIDE, MAX_SIDE))
        except CorruptFile:
            raise
        except Exception as exc:
            raise CorruptFile(path, BROKEN_IMAGE) from exc
        yield i, frame


def _too_large() -> str:
    return f"图片尺寸过大（超过 {MAX_SOURCE_PIXELS // 1_000_000} 百万像素），请缩小后再导入"
