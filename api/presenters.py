"""Registry records as the JSON the API returns and the console renders: one shape for both."""

from __future__ import annotations

from dataclasses import fields
from urllib.parse import quote

from registry.listing import ActivityEntry, CompetitionEntry, Page
from registry.model import Activity, Competition, to_jsonable

# every field of the registry's records, in their order (attachments come with their download URLs)
COMPETITION_FIELDS = tuple(f.name for f in fields(Competition))
ACTIVITY_FIELDS = tuple(f.name for f in fields(Activity) if f.name != "attachments")


def competition_json(entry: CompetitionEntry) -> dict:
    data = to_jsonable(entry.competition)
    assert isinstance(data, dict)
    out = {f: data[f] for f in COMPETITION_FIELDS}
    return out | {
        "district": entry.district,
        "linked_union": entry.linked_union,
        "participation_rate": entry.participation_rate,
    }


def activity_json(entry: ActivityEntry, *, url_prefix: str = "/api/v1") -> dict:
    data = to_jsonable(entry.activity)
    assert isinstance(data, dict)
    out = {f: data[f] for f in ACTIVITY_FIELDS}
    out["reg_no"] = entry.reg_no
    out["competition_name"] = entry.competition_name
    out["district"] = entry.district
    out["attachments"] = [
        {
            "id": f.id,
            "filename": f.filename,
            "size": f.size,
            "sha256": f.sha256,
            "url": f"{url_prefix}/attachments/{f.id}",
        }
        for f in entry.activity.attachments
    ]
    return out


def page_json(page: Page, present) -> dict:
    return {
        "total": page.total,
        "limit": page.limit,
        "offset": page.offset,
        "items": [present(item) for item in page.items],
    }


def content_disposition(filename: str) -> str:
    """`attachment` with an ASCII fallback and the UTF-8 name (RFC 6266) for Chinese file names."""
    ascii_name = filename.encode("ascii", "ignore").decode() or "export"
    if ascii_name.startswith("."):
        ascii_name = "export" + ascii_name
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
