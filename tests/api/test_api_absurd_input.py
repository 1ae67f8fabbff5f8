"""Absurd input gets a 404 or 422 in the JSON envelope, never a 500: huge ids, non-ASCII digits, dates
that are not dates, values of the wrong JSON type (strict), and OPTIONS answered with `Allow`."""

from __future__ import annotations

import pytest

from tests.api.conftest import competition

HUGE = "99999999999999999999999"


def _refused(r, *statuses: int) -> dict:
    assert r.status_code in statuses, (r.status_code, r.text)
    body = r.json()
    assert body["ok"] is False and body["error"]["message"], body
    assert not body["error"]["message"].isascii(), body  # a Chinese message, not pydantic's English
    return body["error"]


@pytest.mark.parametrize(
    "method,url",
    [
        ("GET", f"/api/v1/competitions/{HUGE}"),
        ("PATCH", f"/api/v1/competitions/{HUGE}"),
        ("GET", f"/api/v1/competitions/{HUGE}/audit"),
        ("GET", f"/api/v1/activities/{HUGE}"),
        ("GET", f"/api/v1/attachments/{HUGE}"),
        ("DELETE", f"/api/v1/attachments/{HUGE}"),
        ("GET", f"/api/v1/documents/{HUGE}"),
        ("DELETE", f"/api/v1/documents/{HUGE}"),
        ("GET", "/api/v1/competitions/%C2%B3"),
        ("GET", "/api/v1/activities/%C2%B3"),
        ("GET", "/api/v1/documents/0"),
        ("GET", "/api/v1/documents/-1"),
    ],
)
def test_absurd_ids_are_404_or_422(api, method, url):
    kw = {"json": {"planned": 1}} if method == "PATCH" else {}
    _refused(api.client.request(method, url, headers=api.headers("admin"), **kw), 404, 422)


def test_a_malformed_registration_number_says_what_it_should_look_like(api):
    error = _refused(api.get("/api/v1/competitions/%C2%B3"), 422)
    assert error["field"] == "ref" and "JS-2026-0001" in error["message"], error


def test_huge_numbers_inside_bodies_and_queries_are_422(api):
    activity = {"kind": "动员会", "date": "2026-06-01", "place": "松北", "participants": 3, "summary": "动员"}
    for ref in (HUGE, int(HUGE), "³", 0):
        error = _refused(api.post("/api/v1/activities", json=activity | {"competition_id": ref}), 422)
        assert error["field"].startswith("competition_id"), error
        error = _refused(api.post("/api/v1/competitions", json=competition(project_id=ref)), 422)
        assert error["field"].startswith("project_id"), error
    _refused(api.get(f"/api/v1/activities?competition={HUGE}"), 422)
    r = api.post("/api/v1/competitions", json=competition(project_id="没有这个项目"))
    assert (
        r.status_code == 422 and "重点项目" in r.json()["error"]["message"]
    )  # names still reach the registry


def test_files_for_a_huge_activity_id_are_refused(api):
    r = api.post(f"/api/v1/activities/{HUGE}/files", files=[("files", ("a.txt", b"x", "text/plain"))])
    _refused(r, 404, 422)


@pytest.mark.parametrize("value", ["null", "0", "2021-13", "2021-02-30", "２０２１", "20211"])
def test_search_dates_that_are_not_dates_are_422(api, value):
    error = _refused(api.get(f"/api/v1/search?q=经费&date_to={value}"), 422)
    assert error["field"] == "date_to" and "日期" in error["message"], error


def test_search_dates_keep_their_prefix_forms(api):
    for value in ("2021", "2021-12", "2021-12-31"):
        r = api.get(f"/api/v1/search?q=经费&date_from=2000&date_to={value}")
        assert r.status_code == 200, r.text


@pytest.mark.parametrize(
    "filters",
    [
        {"date_to": "null"},
        {"date_to": 0},
        {"date_from": "1月"},
        {"doc_ids": [False]},
        {"doc_ids": ["1"]},
        {"doc_ids": [int(HUGE)]},
    ],
)
def test_ask_filters_are_strict(api, filters):
    r = api.post("/api/v1/ask", json={"question": "工会经费有哪些来源？", "filters": filters})
    _refused(r, 422)


def test_ask_with_valid_filters_still_answers(api):
    filters = {"date_from": "2000", "date_to": "2030-12", "doc_ids": [1]}
    r = api.post("/api/v1/ask", json={"question": "工会经费有哪些来源？", "filters": filters})
    assert r.status_code == 200, r.text


@pytest.mark.parametrize("body", [{"lexical_only": 0}, {"lexical_only": "true"}])
def test_reindex_flag_is_a_real_boolean(api, body):
    _refused(api.post("/api/v1/documents/reindex", json=body), 422)


def test_registration_requires_what_the_registry_requires(api):
    """The schema says which fields are required; a null there is a 422 naming the field."""
    error = _refused(api.post("/api/v1/competitions", json=competition(name=None)), 422)
    assert error["field"] == "name"
    schema = api.get("/api/v1/openapi.json").json()["components"]["schemas"]["CompetitionIn"]
    assert {"name", "type", "start", "planned"} <= set(schema["required"])


@pytest.mark.parametrize("url", ["/api/v1/competitions", "/api/v1/competitions/1", "/api/v1/health"])
def test_options_is_answered_with_allow(api, url):
    r = api.client.options(url, headers=api.headers("admin"))
    assert r.status_code in (200, 204, 405), r.text
    allow = {m.strip() for m in r.headers["allow"].split(",")}
    expected = {
        "/api/v1/competitions": {"GET", "POST"},
        "/api/v1/competitions/1": {"GET", "PATCH"},
        "/api/v1/health": {"GET"},
    }[url]
    assert expected <= allow, allow


def test_every_documented_route_lists_its_error_statuses(api):
    schema = api.get("/api/v1/openapi.json").json()
    paths = schema["paths"]
    upload = paths["/api/v1/documents"]["post"]["responses"]
    assert {"401", "403", "413", "415", "422"} <= set(upload), upload.keys()
    assert "409" in paths["/api/v1/competitions"]["post"]["responses"]
    assert "413" in paths["/api/v1/activities/{activity_id}/files"]["post"]["responses"]
    assert "401" not in paths["/api/v1/health"]["get"]["responses"]
    ref = paths["/api/v1/competitions/{ref}"]["get"]["responses"]["404"]["content"]["application/json"]
    assert ref["schema"]["$ref"].endswith("/ErrorEnvelope")
