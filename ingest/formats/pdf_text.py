"""PDF → text of its text layer, pages separated by ``\\f`` (the cleaner uses page boundaries).

Scanned PDFs have no text layer. Without an OCR engine they are refused with a clear message
instead of being indexed as empty documents; an engine can be plugged in through the ``Ocr`` seam.
"""

from __future__ import annotations

import io
import logging
import re

from ingest.errors import CorruptFile, ScannedPdf
from ingest.formats.base import Ocr, RawText
from ingest.formats.pdf_guard import check_streams
from ingest.formats.pdf_tables import ruled_pages, table_pages
from ingest.limits import DEFAULT_LIMITS, Budget

log = logging.getLogger(__name__)

_HAN = re.compile(r"[\u4e00-\u9fff]")
_MEANINGFUL = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
_GARBLED = re.compile(r"[\ue000-\uf8ff\ufffd]|\(cid:\d+\)")
_MIN_CHARS_PER_PAGE = 10  # less than this is a page number or a stray mark, not a text layer
_JUNK_TITLE = re.compile(r"^(?:microsoft word|wps|untitled|无标题)|\.(?:docx?|wps|pdf)$", re.I)

BROKEN = "PDF 文件已损坏或无法解析"
LOCKED = "PDF 文件已加密（有打开密码或使用了不支持的加密方式），无法读取；请去除密码后重试"
SCANNED = "该 PDF 没有文字层（可能是扫描件），需要 OCR，目前尚不支持"
GARBLED = "该 PDF 的文字层无法正确解码（字体缺少编码表），需要 OCR，目前尚不支持"


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

    empty = [i for i, t in enumerate(texts) if _usable(t) < _MIN_CHARS_PER_PAGE]
    if empty and ocr is not None:
        try:
            for i, t in zip(empty, ocr(data, empty), strict=True):
                texts[i] = t
        except Exception as exc:
            raise CorruptFile(path, f"OCR 识别失败：{exc}") from exc
        empty = [i for i, t in enumerate(texts) if _usable(t) < _MIN_CHARS_PER_PAGE]
    if len(empty) == len(texts):
        garbled = sum(len(_GARBLED.findall(t)) for t in texts)
        raise ScannedPdf(path, GARBLED if garbled > 20 else SCANNED)
    for i in empty:
        if _has_images(pages[i]):
            warnings.append(f"第 {i + 1} 页没有文字层（可能是扫描页），内容未能读取")

    hints = {"title_hint": title_hint} if title_hint else {}
    return RawText(
        "\f".join(texts),
        "pdf",
        pages=len(pages),
        hints=hints,
        hard_wrapped=True,
        warnings=tuple(warnings),
        table_heads=tuple(heads),
    )


def _usable(text: str) -> int:
    return len(_MEANINGFUL.findall(text))


def _title_hint(reader: object) -> str | None:
    try:
        title = (reader.metadata or {}).get("/Title")  # type: ignore[attr-defined]
    except Exception:  # metadata is optional decoration; a broken info dict is not a broken PDF
        return None
    title = str(title).strip() if title else ""
    if not title or _JUNK_TITLE.search(title) or not _HAN.search(title):
        return None
    return title


def _has_images(page: object) -> bool:
    try:
        resources = page.get("/Resources") or {}  # type: ignore[attr-defined]
        xobjects = resources.get("/XObject") or {}
        return any(xobjects[name].get_object().get("/Subtype") == "/Image" for name in xobjects)
    except Exception:  # only used to phrase a warning
        return False
