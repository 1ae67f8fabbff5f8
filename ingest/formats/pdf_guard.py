"""PDF streams measured before any of them is parsed: flate bombs are refused, not unpacked.

pypdf (and pdfminer, used for tables) inflate content streams, fonts and forms whole. A PDF can hold
streams that inflate to gigabytes, or thousands of streams of a few dozen MB each. Every compressed
stream is inflated here once, block by block, counting its size without keeping the output: non-image
streams count against the budget's unpacked total (and their compression ratio is checked), an image
only against the same bound on its own, since text extraction never decodes images and scans of
white paper legitimately compress hundreds to one.
"""

from __future__ import annotations

import logging
import zlib
from typing import TYPE_CHECKING

from ingest.limits import MB, Budget

if TYPE_CHECKING:
    from pypdf import PdfReader

log = logging.getLogger(__name__)

_BLOCK = 1 * MB
_FLATE = ("/FlateDecode", "/Fl")


def check_streams(reader: PdfReader, budget: Budget) -> None:
    """Raise :class:`~ingest.errors.UnpackedTooLarge` if the PDF's streams inflate past the limits."""
    from pypdf.generic import IndirectObject, StreamObject

    cap = budget.limits.unpacked_mb * MB
    for generation, objects in list(getattr(reader, "xref", {}).items()):
        for number in list(objects):
            budget.check_time()
            try:
                obj = reader.get_object(IndirectObject(number, generation, reader))
            except Exception:  # an unreadable object is the page extractor's problem, reported there
                continue
            if not isinstance(obj, StreamObject):
                continue
            raw = getattr(obj, "_data", b"") or b""  # the encoded bytes as stored in the file
            if not raw or not _is_flate(obj.get("/Filter")):
                continue
            size = _inflated_size(raw, cap)
            if obj.get("/Subtype") == "/Image":
                if size > cap:
                    budget.add_unpacked(size)  # raises: one image alone is over the limit
                continue
            budget.check_ratio(f"数据流 {number}", size, len(raw))
            budget.add_unpacked(size)


def _is_flate(filters: object) -> bool:
    first = filters[0] if isinstance(filters, list) and filters else filters
    return str(first) in _FLATE if first is not None else False


def _inflated_size(raw: bytes, cap: int) -> int:
    """Inflated size of a zlib stream, counted in blocks; stops just past ``cap``."""
    inflater = zlib.decompressobj()
    total = 0
    data = raw
    try:
        while True:
            out = inflater.decompress(data, _BLOCK)
            total += len(out)
            if total > cap or inflater.eof:
                return total
            data = inflater.unconsumed_tail
            if not out and not data:
                return total
    except zlib.error:  # broken or truncated stream: pypdf decides what to do with it
        return total
