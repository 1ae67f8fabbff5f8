"""PDF → text of its text layer, pages separated by ``\\f`` (the cleaner uses page boundaries).

Scanned PDFs have no text layer: their pages (and only those, in a mixed PDF) go to the OCR engine
plugged in through the ``Ocr`` seam (the product's is :class:`ingest.ocr.OcrReader`). Without one they
are refused with a clear message instead of being indexed as empty documents.
"""

from __future__ import annotations

import io
import logging
import re
from typing import TYPE_CHECKING

from ingest.errors import CorruptFile, IngestError, ScannedPdf
from ingest.formats.base import Ocr, OcrPage, RawText
from ingest.formats.pdf_guard import check_streams
from ingest.formats.pdf_tables import ruled_pages, table_pages
from ingest.limits import DEFAULT_LIMITS, Budget

if TYPE_CHECKING:
    from pypdf import PageObject, PdfReader

log = logging.getLogger(__name__)

_HAN = re.compile(r"[\u4e00-\u9fff]")
_MEANINGFUL = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
_GARBLED = re.compile(r"[\ue000-\uf8ff\ufffd]|\(cid:\d+\)")
_MIN_CHARS_PER_PAGE = 10  # less than this is a page number or a stray mark, not a text layer
_JUNK_TITLE = re.compile(r"^(?:microsoft word|wps|untitled|无标题)|\.(?:docx?|wps|pdf)$", re.I)

BROKEN = "PDF 文件已损坏或无法解析"
LOCKED = "PDF 文件已加密（有打开密码或使用了不支持的加密方式），无法读取；请去除密码后重试"
SCANNED = "该 PDF 没有文字层（可能是扫描件），需要 OCR 识别"
GARBLED = "该 PDF 的文字层无法正确解码（字体缺少编码表），需要 OCR 识别"
NO_OCR = "，但本次导入未启用 OCR"


def load_pdf(data: bytes, *, path: str, ocr: Ocr | None = None, budget: Budget | None = None) -> RawText:
    from pypdf import PdfReader  # imported lazily: heavy, and only PDFs need it

    budget = budget or DEFAULT_LIMITS.budget(path)
    try:
        reader = PdfReader(io.BytesIO(data))
        encrypted = reader.is_encrypted
    except Exception as exc:  # pypdf raises many kinds of errors for broken files
        raise CorruptFile(path, BROKEN) from exc
    if encrypted:
        # Many PDFs are "encrypted" with an empty user password just to forbid editing: try it.
        try:
            opened = bool(reader.decrypt(""))
        except Exception:  # e.g. AES without the optional crypto dependency
            opened = False
        if not opened:
            raise CorruptFile(path, LOCKED)
    try:
        count = len(reader.pages)
    except Exception as exc:
        raise CorruptFile(path, BROKEN) from exc
    budget.check_pages(count)
    check_streams(reader, budget)  # before any stream is parsed: flate bombs stop here
    try:
        pages = list(reader.pages)
        title_hint = _title_hint(reader)
    except Exception as exc:
        raise CorruptFile(path, BROKEN) from exc
    if not pages:
        raise CorruptFile(path, "PDF 文件没有任何页面")

    texts: list[str] = []
    warnings: list[str] = []
    chars = 0
    for n, page in enumerate(pages, start=1):
        budget.check_time()
        budget.check_chars(chars)
        try:
            texts.append(page.extract_text() or "")
            chars += len(texts[-1])
        except Exception:  # one bad page should not cost the whole document
            log.warning("%s: page %d could not be extracted", path, n, exc_info=True)
            texts.append("")
            warnings.append(f"第 {n} 页无法解析，已跳过")

    tables, heads = table_pages(data, ruled_pages(pages), budget)
    for i, text in tables.items():
        texts[i] = text

    recognised: dict[int, OcrPage] = {}
    empty = [i for i, t in enumerate(texts) if _needs_ocr(t)]
    if empty and ocr is not None:
        # only the pages without a (usable) text layer are recognised: a mixed PDF keeps its text
        recognised = _recognise(ocr, data, empty, path=path)
        for i, scan in recognised.items():
            texts[i] = scan.text
        empty = [i for i, t in enumerate(texts) if _usable(t) < _MIN_CHARS_PER_PAGE]
    if len(empty) == len(texts):
        garbled = sum(len(_GARBLED.findall(t)) for t in texts)
        raise ScannedPdf(path, (GARBLED if garbled > 20 else SCANNED) + ("" if ocr else NO_OCR))
    for i in empty:
        if _has_images(pages[i]):
            warnings.append(f"第 {i + 1} 页没有文字层（可能是扫描页），内容未能读取")
    warnings.extend(
        f"第 {i + 1} 页为扫描识别，置信度偏低（{p.confidence or 0:.2f}），请核对原件"
        for i, p in recognised.items()
        if p.low
    )

    hints = {"title_hint": title_hint} if title_hint else {}
    return RawText(
        "\f".join(texts),
        "pdf",
        pages=len(pages),
        hints=hints,
        hard_wrapped=True,
        warnings=tuple(warnings),
        table_heads=tuple(heads),
        ocr=recognised,
    )


def _needs_ocr(text: str) -> bool:
    """No text layer, or one whose glyphs do not decode (a font without a ToUnicode map)."""
    garbled = len(_GARBLED.findall(text))
    usable = _usable(_GARBLED.sub("", text))
    return usable < _MIN_CHARS_PER_PAGE or garbled > max(20, usable)


def _recognise(ocr: Ocr, data: bytes, pages: list[int], *, path: str) -> dict[int, OcrPage]:
    try:
        results = ocr(data, pages, path=path)
        return {
            i: r if isinstance(r, OcrPage) else OcrPage(str(r)) for i, r in zip(pages, results, strict=True)
        }
    except IngestError:
        raise  # page limit, time limit, OCR not installed: their own messages
    except Exception as exc:
        raise CorruptFile(path, f"OCR 识别失败：{exc}") from exc


def _usable(text: str) -> int:
    return len(_MEANINGFUL.findall(text))


def _title_hint(reader: PdfReader) -> str | None:
    try:
        metadata = reader.metadata
        title = metadata.get("/Title") if metadata is not None else None
    except Exception:  # metadata is optional decoration; a broken info dict is not a broken PDF
        return None
    title = str(title).strip() if title else ""
    if not title or _JUNK_TITLE.search(title) or not _HAN.search(title):
        return None
    return title


def _has_images(page: PageObject) -> bool:
    try:
        resources = page.get("/Resources") or {}
        xobjects = resources.get("/XObject") or {}
        return any(xobjects[name].get_object().get("/Subtype") == "/Image" for name in xobjects)
    except Exception:  # only used to phrase a warning
        return False
