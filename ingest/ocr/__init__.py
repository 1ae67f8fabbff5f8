"""OCR of scanned PDF pages and images (RapidOCR, models inside the package, offline).

``engine`` wraps the recogniser, ``render`` turns PDF pages and image files into bounded pictures,
``cleanup`` drops seals and page numbers, ``layout`` restores the reading order, ``reader`` puts them
together behind the loaders' :class:`~ingest.formats.base.Ocr` seam, and ``pagemap`` carries each
page's confidence to the chunks cut from it. Importing this package loads no model: the engine loads
at the first page, and without the ``ocr`` extra a scan gets ``需要安装 OCR 组件：pip install 'gonghui[ocr]'``.
"""

from __future__ import annotations

from ingest.ocr.engine import INSTALL, OcrUnavailable
from ingest.ocr.reader import OcrPageLimit, OcrReader, OcrTimeout

NOTE = "（扫描件识别，请核对原件）"

__all__ = ["INSTALL", "NOTE", "OcrPageLimit", "OcrReader", "OcrTimeout", "OcrUnavailable"]
