"""A registration draft from a pasted text or a plan file, for a form to show for review (the console's
新建竞赛 page): the understander reads it; nothing is stored."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Draft:
    values: dict[str, str] = field(default_factory=dict)  # form field → value as the form shows it
    notes: dict[str, str] = field(default_factory=dict)  # how a value was read ("2027-06-01，按明年理解")


def competition_draft(
    understander, *, text: str = "", file: tuple[str, bytes] | None = None, today: date
) -> Draft:
    """Read `text` and/or `file` (name, bytes; DOCX/PDF/TXT under the plan limits of bot.flows.intake)
    as a competition. Raises IngestError for a file that cannot be read."""
    from bot.flows.intake import plan_text
    from bot.messages import InFile

    parts = [text.strip()]
    if file is not None:
        read = plan_text(InFile(file[0], file[1]))
        if read is None:
            from ingest.errors import UnsupportedFormat

            raise UnsupportedFormat(file[0], "请上传 DOCX、PDF 或 TXT 格式的竞赛方案")
        parts.append(read)
    body = "\n".join(p for p in parts if p)
    if not body:
        return Draft()
    read_as = getattr(understander, "competition", None)
    u = read_as(body, today=today) if read_as else understander.understand(body, today=today)
    values = {
        k: (v.isoformat() if isinstance(v, date) else str(v)) for k, v in u.fields.items() if v is not None
    }
    return Draft(values, dict(u.notes))
