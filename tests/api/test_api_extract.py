"""POST /api/v1/competitions/extract and /activities/extract on the real app: JSON text or a multipart
file, authenticated, bounded like other uploads, the same shapes as the CLI."""

from __future__ import annotations

from tests.api.conftest import docx_bytes

MESSAGE = "我们厂6月1日起搞安康杯竞赛，二百人参加，联系人张强，电话0451-84661234"


def test_text_is_extracted_with_year_notes(api):
    r = api.post("/api/v1/competitions/extract", json={"text": MESSAGE})
    assert r.status_code == 200
    body = r.json()
    # the app's today is 2026-05-20, so 6月1日 is still ahead: this year, without a note
    assert body["fields"]["start"] == "2026-06-01" and body["notes"] == []
    assert body["fields"]["planned"] == 200 and body["fields"]["phone"] == "0451-84661234"
    assert body["missing"][:4] == ["name", "union_name", "unit", "ownership"]


def test_a_plan_file_is_read(api):
    data = docx_bytes(["一、竞赛名称", "五小竞赛", "二、竞赛时间", "2026年7月1日至12月31日"])
    r = api.post("/api/v1/competitions/extract", files={"file": ("方案.docx", data)})
    assert r.status_code == 200, r.text
    f = r.json()["fields"]
    assert f["type"] == "五小" and (f["start"], f["end"]) == ("2026-07-01", "2026-12-31")


def test_activity_text(api):
    r = api.post(
        "/api/v1/activities/extract", json={"text": "昨天在车间开了动员会，八十多人参加"}, who="viewer"
    )
    assert r.status_code == 200
    f = r.json()["fields"]
    assert (f["kind"], f["date"], f["participants"]) == ("动员会", "2026-05-19", 80)


def test_refusals(api):
    assert api.client.post("/api/v1/competitions/extract", json={"text": MESSAGE}).status_code == 401
    r = api.post("/api/v1/competitions/extract", json={"text": "  "})
    assert r.status_code == 422 and r.json()["error"]["field"] == "text"
    r = api.post("/api/v1/competitions/extract", files={"file": ("方案.exe", b"MZ")})
    assert r.status_code == 415
    big = b"a" * (300 * 1024)  # the test app allows 256 KB a file
    r = api.post("/api/v1/competitions/extract", files={"file": ("方案.txt", big)})
    assert r.status_code == 413 and "上限" in r.json()["error"]["message"]
