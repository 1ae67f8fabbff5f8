"""File → :class:`RawText`, dispatching on the file extension.

Every failure leaves as an :class:`~ingest.errors.IngestError` carrying the path and a Chinese
reason; library exceptions never escape, so a batch can report a bad file and go on.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ingest.encoding import decode
from ingest.errors import CorruptFile, IngestError, UnreadableFile, UnsupportedFormat
from ingest.formats.base import Ocr, RawText
from ingest.formats.docx_text import load_docx
from ingest.formats.html_text import load_html
from ingest.formats.image_text import load_image
from ingest.formats.markdown_text import load_markdown
from ingest.formats.pdf_text import load_pdf
from ingest.linejoin import looks_hard_wrapped

__all__ = ["SUPPORTED_SUFFIXES", "Ocr", "RawText", "format_of", "load", "load_bytes", "read_file"]

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
    ".doc": "旧版 Word（.doc）格式暂不支持，请在 Word/WPS 中另存为 .docx 后再导入",
    ".wps": "WPS 文字（.wps）格式暂不支持，请在 WPS 中另存为 .docx 后再导入",
    ".rtf": "RTF 格式暂不支持，请另存为 .docx 或 .txt 后再导入",
    ".ofd": "OFD 版式文件暂不支持，请导出为 PDF 后再导入",
    ".xls": "表格文件暂不支持，请把需要的内容另存为 .docx 或 .txt 后再导入",
    ".xlsx": "表格文件暂不支持，请把需要的内容另存为 .docx 或 .txt 后再导入",
}


def format_of(path: str | Path) -> str | None:
    """Our format name for a path (``txt``/``md``/``docx``/``pdf``/``html``/``image``), or None."""
    return _FORMATS.get(Path(path).suffix.lower())


def load(path: str | Path, *, ocr: Ocr | None = None) -> RawText:
    """Read and extract one file."""
    p = Path(path)
    _check_format(p)
    return load_bytes(read_file(p), name=p.name, path=str(p), ocr=ocr)


def read_file(path: str | Path) -> bytes:
    """The file's bytes, or :class:`UnreadableFile` with a reason a user understands."""
    p = Path(path)
    try:
        return p.read_bytes()
    except FileNotFoundError:
        raise UnreadableFile(str(p), "文件不存在") from None
    except IsADirectoryError:
        raise UnreadableFile(str(p), "这是一个文件夹，不是文件") from None
    except PermissionError:
        raise UnreadableFile(str(p), "没有读取该文件的权限") from None
    except OSError as exc:
        raise UnreadableFile(str(p), f"无法读取文件（{exc.strerror or exc}）") from None


def load_bytes(data: bytes, *, name: str, path: str | None = None, ocr: Ocr | None = None) -> RawText:
    """Extract bytes whose format is given by ``name``'s extension (e.g. an upload)."""
    where = path or name
    fmt = _check_format(Path(name), where)
    try:
        return _LOADERS[fmt](data, where, ocr)
    except IngestError:
        raise
    except RecursionError as exc:  # deliberately nested files can exhaust the parsers' recursion
        raise CorruptFile(where, "文件结构嵌套过深，无法解析") from exc


def _check_format(p: Path, where: str | None = None) -> str:
    suffix = p.suffix.lower()
    fmt = _FORMATS.get(suffix)
    if fmt is None:
        supported = "、".join(sorted(set(_FORMATS.values()), key=list(_FORMATS.values()).index))
        reason = _ADVICE.get(suffix) or f"不支持的文件类型「{suffix or '无扩展名'}」，目前支持：{supported}"
        raise UnsupportedFormat(where or str(p), reason)
    return fmt


def _txt(data: bytes, path: str, ocr: Ocr | None) -> RawText:
    text = decode(data, path=path)
    return RawText(text, "txt", hard_wrapped=looks_hard_wrapped(text))


_LOADERS: dict[str, Callable[[bytes, str, Ocr | None], RawText]] = {
    "txt": _txt,
    "md": lambda data, path, ocr: load_markdown(data, path=path),
    "docx": lambda data, path, ocr: load_docx(data, path=path),
    "pdf": lambda data, path, ocr: load_pdf(data, path=path, ocr=ocr),
    "html": lambda data, path, ocr: load_html(data, path=path),
    "image": lambda data, path, ocr: load_image(data, path=path, ocr=ocr),
}
