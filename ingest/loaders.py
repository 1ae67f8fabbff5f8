"""File → :class:`RawText`, dispatching on the file extension.

Every failure leaves as an :class:`~ingest.errors.IngestError` carrying the path and a Chinese
reason; library exceptions never escape, so a batch can report a bad file and go on.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ingest.encoding import decode
from ingest.errors import CorruptFile, IngestError, UnpackedTooLarge, UnreadableFile, UnsupportedFormat
from ingest.formats.base import Ocr, RawText
from ingest.formats.doc_text import load_doc
from ingest.formats.docx_text import load_docx
from ingest.formats.html_text import load_html
from ingest.formats.image_text import load_image
from ingest.formats.markdown_text import load_markdown
from ingest.formats.ofd_text import load_ofd
from ingest.formats.pdf_text import load_pdf
from ingest.formats.pptx_text import load_pptx
from ingest.formats.sheet_text import load_csv, load_xls, load_xlsx
from ingest.limits import DEFAULT_LIMITS, Budget, Limits
from ingest.linejoin import looks_hard_wrapped

__all__ = [
    "SUPPORTED_SUFFIXES",
    "Ocr",
    "RawText",
    "format_of",
    "load",
    "load_bytes",
    "read_file",
    "unsupported_reason",
]

_FORMATS = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".docx": "docx",
    ".pdf": "pdf",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".ofd": "ofd",
    ".doc": "doc",
    ".wps": "wps",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".xls": "xls",
    ".csv": "csv",
    ".pptx": "pptx",
    # scans and photos, read by OCR
    ".png": "image",
    ".jpg": "image",
    ".jpeg": "image",
    ".tif": "image",
    ".tiff": "image",
}
SUPPORTED_SUFFIXES = frozenset(_FORMATS)

# Formats people will try; a specific hint beats a generic "unsupported".
_ADVICE = {
    ".rtf": "RTF 格式暂不支持，请另存为 .docx 或 .txt 后再导入",
    ".ppt": "旧版 PowerPoint（.ppt）格式暂不支持，请另存为 .pptx 后再导入",
    ".et": "WPS 表格（.et）格式暂不支持，请另存为 .xlsx 后再导入",
    ".dps": "WPS 演示（.dps）格式暂不支持，请另存为 .pptx 后再导入",
    ".odt": "OpenDocument 文本（.odt）格式暂不支持，请另存为 .docx 后再导入",
    ".ods": "OpenDocument 表格（.ods）格式暂不支持，请另存为 .xlsx 后再导入",
    ".zip": "压缩包不能直接导入，请解压后导入其中的文件",
    ".rar": "压缩包不能直接导入，请解压后导入其中的文件",
    ".7z": "压缩包不能直接导入，请解压后导入其中的文件",
}


def format_of(path: str | Path) -> str | None:
    """Our format name for a path (``txt``/``md``/``docx``/``pdf``/``html``/``ofd``/``doc``/``wps``/
    ``xlsx``/``xls``/``csv``/``pptx``/``image``), or None."""
    return _FORMATS.get(Path(path).suffix.lower())


def load(path: str | Path, *, ocr: Ocr | None = None, limits: Limits = DEFAULT_LIMITS) -> RawText:
    """Read and extract one file."""
    p = Path(path)
    _check_format(p)
    budget = limits.budget(str(p))
    return load_bytes(read_file(p, budget=budget), name=p.name, path=str(p), ocr=ocr, budget=budget)


def read_file(path: str | Path, *, budget: Budget | None = None) -> bytes:
    """The file's bytes, or :class:`UnreadableFile` with a reason a user understands.

    With a budget, the size is checked before reading: a huge file is refused without loading it.
    """
    p = Path(path)
    try:
        if budget is not None and p.is_file():
            budget.check_file(p.stat().st_size)
        return p.read_bytes()
    except FileNotFoundError:
        raise UnreadableFile(str(p), "文件不存在") from None
    except IsADirectoryError:
        raise UnreadableFile(str(p), "这是一个文件夹，不是文件") from None
    except PermissionError:
        raise UnreadableFile(str(p), "没有读取该文件的权限") from None
    except OSError as exc:
        raise UnreadableFile(str(p), f"无法读取文件（{exc.strerror or exc}）") from None


def load_bytes(
    data: bytes,
    *,
    name: str,
    path: str | None = None,
    ocr: Ocr | None = None,
    limits: Limits = DEFAULT_LIMITS,
    budget: Budget | None = None,
) -> RawText:
    """Extract bytes whose format is given by ``name``'s extension (e.g. an upload).

    ``budget`` (else a new one from ``limits``) bounds size, unpacked size, pages, text and time.
    """
    where = path or name
    fmt = _check_format(Path(name), where)
    budget = budget or limits.budget(where)
    budget.check_file(len(data))
    try:
        raw = _LOADERS[fmt](data, where, ocr, budget)
    except IngestError:
        raise
    except RecursionError as exc:  # deliberately nested files can exhaust the parsers' recursion
        raise CorruptFile(where, "文件结构嵌套过深，无法解析") from exc
    except MemoryError as exc:  # the limits should make this unreachable; never take the process down
        raise UnpackedTooLarge(where, budget.too_big_unpacked()) from exc
    budget.check_chars(len(raw.text))
    budget.check_time()
    return raw


def unsupported_reason(suffix: str) -> str:
    """Why a file with this extension is refused, and what to do instead (Chinese)."""
    supported = "、".join(dict.fromkeys(_FORMATS.values()))
    return _ADVICE.get(suffix.lower()) or f"不支持的文件类型「{suffix or '无扩展名'}」，目前支持：{supported}"


def _check_format(p: Path, where: str | None = None) -> str:
    suffix = p.suffix.lower()
    fmt = _FORMATS.get(suffix)
    if fmt is None:
        raise UnsupportedFormat(where or str(p), unsupported_reason(suffix))
    return fmt


def check_text_bytes(data: bytes, budget: Budget) -> None:
    """A text file of n bytes holds at least n/4 characters (UTF-8/UTF-32): refuse before decoding."""
    budget.check_chars(len(data) // 4)


def _txt(data: bytes, path: str, ocr: Ocr | None, budget: Budget) -> RawText:
    check_text_bytes(data, budget)
    text = decode(data, path=path)
    return RawText(text, "txt", hard_wrapped=looks_hard_wrapped(text))


def _md(data: bytes, path: str, ocr: Ocr | None, budget: Budget) -> RawText:
    check_text_bytes(data, budget)
    return load_markdown(data, path=path)


_LOADERS: dict[str, Callable[[bytes, str, Ocr | None, Budget], RawText]] = {
    "txt": _txt,
    "md": _md,
    "docx": lambda data, path, ocr, budget: load_docx(data, path=path, budget=budget),
    "pdf": lambda data, path, ocr, budget: load_pdf(data, path=path, ocr=ocr, budget=budget),
    "html": lambda data, path, ocr, budget: load_html(data, path=path, budget=budget),
    "ofd": lambda data, path, ocr, budget: load_ofd(data, path=path, budget=budget),
    "doc": lambda data, path, ocr, budget: load_doc(data, path=path, fmt="doc", budget=budget),
    "wps": lambda data, path, ocr, budget: load_doc(data, path=path, fmt="wps", budget=budget),
    "xlsx": lambda data, path, ocr, budget: load_xlsx(data, path=path, budget=budget),
    "xls": lambda data, path, ocr, budget: load_xls(data, path=path, budget=budget),
    "csv": lambda data, path, ocr, budget: load_csv(data, path=path, budget=budget),
    "pptx": lambda data, path, ocr, budget: load_pptx(data, path=path, budget=budget),
    "image": lambda data, path, ocr, budget: load_image(data, path=path, ocr=ocr),
}
