"""A competition plan sent as a file: its text, read by the ingest loaders under their limits."""

from __future__ import annotations

from pathlib import PurePath

from bot.messages import InFile

PLAN_SUFFIXES = (".docx", ".pdf", ".txt")


def plan_text(file: InFile) -> str | None:
    """The plan's text, or None for a kind of file a plan does not come as. The loaders' limits (size,
    unpacked size, pages, characters, time) apply as for any ingested file; over one they raise an
    IngestError whose Chinese message the engine shows."""
    from ingest.limits import Limits
    from ingest.loaders import load_bytes

    if PurePath(file.filename).suffix.lower() not in PLAN_SUFFIXES:
        return None
    # a plan is a few pages: far tighter than a law, so a wrong file fails fast
    limits = Limits(file_mb=20, pages=50, chars=200_000, seconds=30)
    return load_bytes(file.data, name=file.filename, limits=limits).text
