"""The shapes of identifiers and dates at the HTTP edge, defined once and used by every route, so that a
huge number, a non-ASCII digit or a date that is not one is a 422 from validation and never reaches
SQLite (which stores 64-bit integers) or the registry's parsers."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import Path
from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

MAX_ID = 2**63 - 1  # SQLite INTEGER

_REF_PATTERN = r"^(?:[0-9]{1,18}|[A-Za-z]{1,8}-[0-9]{4}-[0-9]{1,9})$"
_DATE_PREFIX = r"^[0-9]{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?)?$"
# what a value that misses one of these patterns should look like (api.errors words the 422 with it)
PATTERN_HINTS = {
    _REF_PATTERN: "应为登记编号（如 JS-2026-0001）或编号",
    _DATE_PREFIX: "应为日期，如 2020、2020-05 或 2020-05-27",
}

# a row id in a path: /documents/{doc_id}, /activities/{activity_id}, /attachments/{attachment_id}
RowId = Annotated[int, Path(ge=1, le=MAX_ID, description="编号（正整数）")]
# a passage of a document: /documents/{doc_id}/passages/{idx}
PassageIndex = Annotated[int, Path(ge=0, le=MAX_ID, description="段落序号")]
# a competition: its registration number (JS-2026-0001) or its row id; ASCII digits only ('³'.isdigit())
CompetitionRef = Annotated[
    str,
    Path(
        pattern=_REF_PATTERN,
        description="登记编号（如 JS-2026-0001）或编号",
        examples=["JS-2026-0001"],
    ),
]
# a row id in a query string (?doc=3&doc=5)
QueryId = Annotated[int, Field(ge=1, le=MAX_ID)]
# a row id inside a JSON body: strict, so `false` or "1" is refused rather than read as 0 or 1
BodyId = Annotated[int, Field(strict=True, ge=1, le=MAX_ID)]


def _real_date(value: str) -> str:
    if len(value) == 10:
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            raise PydanticCustomError("date_invalid", "不是有效的日期") from None
    return value


# an ISO date prefix: 2020, 2020-05 or 2020-05-27 (what knowledge.model.Filters compares against)
DatePrefix = Annotated[
    str,
    Field(strict=True, pattern=_DATE_PREFIX, examples=["2020", "2021-12", "2021-12-31"]),
    AfterValidator(_real_date),
]


def _within_ids(value: str | int | None) -> str | int | None:
    # a record named by name or number: a number must be an id SQLite can hold, in ASCII digits
    text = str(value).strip() if value is not None else ""
    if text.lstrip("-").isdigit() and not (text.isascii() and text.isdigit() and 0 < int(text) <= MAX_ID):
        raise PydanticCustomError("id_range", "编号应为 1 到 {max} 之间的整数", {"max": MAX_ID})
    return value


# a competition or key project named in a body or query: its number, registration number or name
Reference = Annotated[str | int, AfterValidator(_within_ids)]
