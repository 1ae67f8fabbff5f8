"""Bytes → str for the text-like formats (txt, md, html).

Chinese files in the wild are UTF-8 (with or without BOM), GBK/GB2312 (old Windows tools) or, rarely,
something else (Big5, UTF-16 from Notepad). Order matters: UTF-8 is self-validating, so trying it first
cannot produce mojibake; GB18030 accepts most byte soup, so its result is only kept when it reads like
ordinary simplified Chinese; charset-normalizer is the last resort. Anything else is refused rather
than indexed as garbage.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from ingest.errors import CorruptFile

# BOMs win over any guessing: they are an explicit statement by the writer.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_CJK = re.compile(r"[\u4e00-\u9fff]")
# C0 controls other than \t \n \r \f, private-use code points and U+FFFD: none belongs in a real
# document, and a wrong decoder produces them in bulk.
_SUSPECT = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ue000-\uf8ff\ufffd]")
_SAMPLE = 200_000  # characters looked at by the plausibility checks; enough to judge, cheap on big files

UNDECODABLE = (
    "无法识别文件的文字编码（既不是 UTF-8，也不是 GBK/GB18030），请用记事本或 WPS 另存为 UTF-8 后重试"
)
NOT_TEXT = "文件内容不像文字（含大量控制字符或乱码），可能是二进制文件或已损坏"


def decode(data: bytes, *, path: str = "<bytes>", declared: str | None = None) -> str:
    """Decode ``data`` to text or raise :class:`CorruptFile`.

    ``declared`` is an encoding the container itself names (e.g. an HTML ``<meta charset>``); it is
    tried right after BOMs, because the author's statement beats our statistics.
    """
    if not data:
        return ""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data[len(bom) :].decode(codec), path)
            except UnicodeDecodeError:
                raise CorruptFile(path, UNDECODABLE) from None
    candidates = [c for c in (_codec(declared), "utf-8") if c]
    for codec in dict.fromkeys(candidates):
        try:
            return _checked(data.decode(codec), path)
        except UnicodeDecodeError:
            continue
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    if text is not None and _plausible_chinese(text):
        return _checked(text, path)
    return _checked(_guess(data, path), path)


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        codec = codecs.lookup(name.strip()).name
    except LookupError:
        return None
    # Pages labelled gb2312/gbk routinely contain GB18030-only characters; the superset is always safe.
    return "gb18030" if codec in ("gb2312", "gbk") else codec


def _plausible_chinese(text: str) -> bool:
    """Would a reader see normal Chinese? Rejects Big5/Latin-1/binary bytes read as GBK.

    Real simplified-Chinese prose is made almost entirely of GB2312 characters; bytes of another
    encoding read as GBK land largely in the rarely used GBK extension areas instead.
    """
    sample = text[:_SAMPLE]
    if len(_SUSPECT.findall(sample)) > max(2, len(sample) // 1000):
        return False
    cjk = "".join(_CJK.findall(sample))
    if not cjk:
        # No Han characters at all: only trust GB18030 if the bytes were (nearly) ASCII anyway.
        return all(ord(c) < 0x80 for c in sample[:2000])
    rare = cjk.encode("gb2312", errors="replace").count(b"?")
    return rare <= max(1, len(cjk) // 10)


def _guess(data: bytes, path: str) -> str:
    try:
        best = from_bytes(data).best()
    except Exception:  # the detector is heuristic code; its own failure just means "unknown"
        best = None
    if best is None or best.chaos > 0.3:
        raise CorruptFile(path, UNDECODABLE)
    return str(best)


def _checked(text: str, path: str) -> str:
    sample = text[:_SAMPLE]
    if len(_SUSPECT.findall(sample)) > max(8, len(sample) // 100):
        raise CorruptFile(path, NOT_TEXT)
    return text
