"""OcrReader: the product's OCR for scanned PDF pages and image files, within a page and time budget.

It is the :class:`ingest.formats.base.Ocr` the loaders call. Every page reports its confidence (the
recognition scores averaged over its characters); a page below ``min_confidence`` is marked ``low``,
and the chunks made of it carry the mark up to the answers (``（扫描件识别，请核对原件）``).
"""

from __future__ import annotations

import copy
import logging
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from ingest.errors import IngestError
from ingest.formats.base import OcrPage
from ingest.ocr import cleanup, layout
from ingest.ocr.engine import Box, RapidEngine
from ingest.ocr.render import image_frames, pdf_pages

if TYPE_CHECKING:
    from PIL import Image

log = logging.getLogger(__name__)

MAX_PAGES = 50
MIN_CONFIDENCE = 0.90  # bench ocr: pages below it had CER ≥ 0.12, pages above ≤ 0.031
SECONDS_PER_PAGE = 60.0  # a page takes 2–10 s on one core; far more means something is wrong

# (pages done, pages to do, the 1-based number of the page just read in its file, what it says)
PageProgress = Callable[[int, int, int, OcrPage], None]


class OcrPageLimit(IngestError):
    """More pages to recognise than the configured limit."""

    def __init__(self, path: str, pages: int, limit: int) -> None:
        super().__init__(
            path,
            f"需要 OCR 识别的扫描页共 {pages} 页，超过上限 {limit} 页；"
            "请拆分后分别导入，或调高 GONGHUI_OCR_MAX_PAGES",
        )


class OcrTimeout(IngestError):
    """Recognition took longer than its time budget."""


class OcrReader:
    """Reads scanned pages. ``on_page`` is told after each page (a job's progress, a progress bar)."""

    def __init__(
        self,
        *,
        max_pages: int = MAX_PAGES,
        min_confidence: float = MIN_CONFIDENCE,
        engine: RapidEngine | None = None,
        on_page: PageProgress | None = None,
        seconds_per_page: float = SECONDS_PER_PAGE,
    ) -> None:
        self.max_pages = max_pages
        self.min_confidence = min_confidence
        self.engine = engine or RapidEngine()
        self.on_page = on_page
        self.seconds_per_page = seconds_per_page

    def with_progress(self, on_page: PageProgress | None) -> OcrReader:
        """The same reader (and loaded models) reporting to another listener."""
        clone = copy.copy(self)
        clone.on_page = on_page
        return clone

    # -- the Ocr protocol ------------------------------------------------------------------------
    def __call__(self, pdf: bytes, pages: Sequence[int], *, path: str = "PDF") -> list[OcrPage]:
        self._check(path, len(pages))
        return self._read(pdf_pages(pdf, pages, path=path), len(pages), path)

    def read_image(self, data: bytes, *, path: str) -> list[OcrPage]:
        """The pages of an image file (PNG, JPEG, one or more TIFF frames)."""
        self.engine.check(path)
        count, frames = image_frames(data, path=path, max_frames=self.max_pages)
        return self._read(frames, count, path)

    # -- work ------------------------------------------------------------------------------------
    def _check(self, path: str, pages: int) -> None:
        if pages > self.max_pages:
            raise OcrPageLimit(path, pages, self.max_pages)
        self.engine.check(path)

    def _read(self, images: Iterable[tuple[int, Image.Image]], total: int | None, path: str) -> list[OcrPage]:
        out: list[OcrPage] = []
        started = time.monotonic()
        for n, image in images:
            page = self.read_page(image, where=path)
            out.append(page)
            done = len(out)
            log.info(
                "OCR %s：第 %d 页，置信度 %.2f%s", path, n + 1, page.confidence or 0, "（偏低）" * page.low
            )
            if self.on_page:
                self.on_page(done, total or done, n + 1, page)
            budget = self.seconds_per_page * max(total or done, 1)
            if time.monotonic() - started > budget:
                raise OcrTimeout(path, f"OCR 识别超时（{done} 页用了 {time.monotonic() - started:.0f} 秒）")
        return out

    def read_page(self, image: Image.Image, *, where: str = "") -> OcrPage:
        import numpy as np

        boxes = self.engine.read(np.asarray(image.convert("RGB")), where=where)
        return self.page_of(boxes, height=image.height)

    def page_of(self, boxes: list[Box], *, height: int) -> OcrPage:
        """Clean-up, reading order and confidence of one page's boxes."""
        angle = layout.skew(boxes)
        kept = cleanup.keep(boxes, height=height, skew=angle)
        text = cleanup.fix_text(layout.page_text(layout.deskew(kept, angle)))
        chars = sum(len(b.text) for b in kept)
        confidence = sum(b.score * len(b.text) for b in kept) / chars if chars else 0.0
        page = OcrPage(text, round(confidence, 4))
        return replace(page, low=confidence < self.min_confidence)
