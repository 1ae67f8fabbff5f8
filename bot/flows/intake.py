"""What comes in to fill a form: a competition plan sent as a file (its text, read by the ingest loaders
under their limits), or a message read as a registration or an activity."""

from __future__ import annotations

from datetime import date
from pathlib import PurePath

from bot.messages import InFile
from bot.understanding.model import Intent, Understanding

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


def read_as(understander, command: str, text: str, *, today: date) -> Understanding:
    """The text read as a registration (/register) or an activity (/activity), whatever its intent."""
    intent = Intent.REGISTER if command == "/register" else Intent.ACTIVITY
    read = getattr(understander, "competition" if intent is Intent.REGISTER else "activity", None)
    u = read(text, today=today) if read else Understanding(intent)
    return Understanding(intent, u.fields, u.notes)


_RECORD_WORDS = ("竞赛", "比武", "练兵", "大赛", "比赛", "擂台", "活动", "登记")


def names_a_record(text: str) -> bool:
    """Whether a doubtful message is about a competition at all: 你好 or 谢谢 get no 您是想登记竞赛… buttons."""
    from bot.understanding.vocabulary import find_type

    return any(w in text for w in _RECORD_WORDS) or find_type(text) is not None
