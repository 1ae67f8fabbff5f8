"""Tokens, the one error envelope, and the OpenAPI description."""

from __future__ import annotations

import re

CHINESE = re.compile(r"[\u4e00-\u9fff]")


def _is_envelope(body: dict, code: str) -> bool:
    return (
        body.get("ok") is False
        and body["error"]["code"] == code
        and bool(CHINESE.search(body["error"]["message"]))
        and set(body) == {"ok", "error"}
    )


def test_401_without_a_token_or_with_a_wrong_one(api):
    for kwargs in (
        {},
        {"headers": {"Authorization": "Bearer gh_abcdefgh_" + "x" * 40}},
        {"headers": {"Authorization": "Bearer nonsense"}},
        {"headers": {"Authorization": "Basic abc"}},
    ):
        r = api.client.get("/api/v1/stats", **kwargs)
        assert r.status_code == 401, kwargs
        assert r.json()["ok"] is False and r.json()["error"]["code"] in ("unauthorized", "invalid_token")
        assert r.headers["www-authenticate"] == "Bearer"
    tampered = api.tokens["admin"][:-2] + ("AA" if not api.tokens["admin"].endswith("AA") else "BB")
    assert api.client.get("/api/v1/stats", headers={"Authorization": f"Bearer {tampered}"}).status_code == 401
    assert _is_envelope(api.client.post("/api/v1/ask", json={"question": "工会经费"}).json(), "unauthorized")


def test_tokens_are_stored_hashed_and_can_be_revoked(api):
    registry = api.app.state.registry
    user, token = registry.create_token("viewer")
    rows = registry._rows("SELECT * FROM api_tokens WHERE user_id = ?", (user.id,))
    assert all(token not in str(v) for row in rows for v in row.values())
    assert registry.user_for_token(token).name == "viewer"
    assert (
        api.client.get("/api/v1/competitions", headers={"Authorization": f"Bearer {token}"}).status_code
        == 200
    )
    assert registry.revoke_tokens("viewer") == 2  # the fixture's token and this one
    assert (
        api.client.get("/api/v1/competitions", headers={"Authorization": f"Bearer {token}"}).status_code
        == 401
    )
    api.tokens["viewer"] = registry.create_token("viewer")[1]  # later tests use the viewer again


def test_the_envelope_on_403_404_405_422_and_unknown_routes(api):
    assert _is_envelope(api.get("/api/v1/stats", "viewer").json(), "forbidden")
    assert _is_envelope(api.get("/api/v1/competitions/JS-2099-0001").json(), "not_found")
    r = api.get("/api/v1/no-such-thing")
    assert r.status_code == 404 and _is_envelope(r.json(), "not_found")
    r = api.client.get("/nowhere")
    assert r.status_code == 404 and _is_envelope(r.json(), "not_found")
    r = api.client.put("/api/v1/ask")
    assert r.status_code == 405 and _is_envelope(r.json(), "method_not_allowed")
    r = api.post("/api/v1/ask", json={"question": 12})
    assert r.status_code == 422 and r.json()["ok"] is False
    err = r.json()["error"]
    assert err["code"] == "invalid" and err["field"] == "question" and CHINESE.search(err["message"])
    r = api.client.post(
        "/api/v1/ask",
        content=b"{not json",
        headers={**api.headers("admin"), "Content-Type": "application/json"},
    )
    assert (
        r.status_code == 422
        and r.json()["error"]["code"] == "invalid"
        and CHINESE.search(r.json()["error"]["message"])
    )
    r = api.get("/api/v1/documents/abc")
    assert r.status_code == 422 and r.json()["error"]["field"] == "doc_id"


def test_health_needs_no_token(api):
    r = api.client.get("/api/v1/health")
    assert r.status_code == 200 and r.json()["ok"] is True and r.json()["documents"] >= 1


def test_openapi_lists_every_route_with_a_chinese_summary(api):
    spec = api.client.get("/api/v1/openapi.json").json()
    assert CHINESE.search(spec["info"]["title"])
    operations = [(path, method, op) for path, item in spec["paths"].items() for method, op in item.items()]
    expected = {
        ("/api/v1/health", "get"),
        ("/api/v1/ask", "post"),
        ("/api/v1/search", "get"),
        ("/api/v1/documents", "get"),
        ("/api/v1/documents", "post"),
        ("/api/v1/documents/{doc_id}", "get"),
        ("/api/v1/documents/{doc_id}", "delete"),
        ("/api/v1/documents/{doc_id}", "patch"),
        ("/api/v1/documents/reindex", "post"),
        ("/api/v1/jobs", "get"),
        ("/api/v1/jobs/{job_id}", "get"),
        ("/api/v1/competitions", "get"),
        ("/api/v1/competitions", "post"),
        ("/api/v1/competitions/{ref}", "get"),
        ("/api/v1/competitions/{ref}", "patch"),
        ("/api/v1/competitions/{ref}/status", "post"),
        ("/api/v1/competitions/{ref}/audit", "get"),
        ("/api/v1/activities", "get"),
        ("/api/v1/activities", "post"),
        ("/api/v1/activities/with-files", "post"),
        ("/api/v1/activities/{activity_id}", "get"),
        ("/api/v1/activities/{activity_id}", "patch"),
        ("/api/v1/activities/{activity_id}/files", "post"),
        ("/api/v1/attachments/{attachment_id}", "get"),
        ("/api/v1/attachments/{attachment_id}", "delete"),
        ("/api/v1/stats", "get"),
        ("/api/v1/export/{what}.{fmt}", "get"),
        ("/api/v1/chat", "post"),
        ("/api/v1/competitions/extract", "post"),
        ("/api/v1/activities/extract", "post"),
        ("/api/v1/courses", "get"),
        ("/api/v1/courses", "post"),
        ("/api/v1/courses/enrol", "post"),
        ("/api/v1/courses/certificates/{code}", "get"),
        ("/api/v1/courses/{course_id}", "get"),
        ("/api/v1/courses/{course_id}/lessons", "get"),
        ("/api/v1/courses/{course_id}/lessons", "post"),
        ("/api/v1/courses/{course_id}/items", "get"),
        ("/api/v1/courses/{course_id}/items/approve", "post"),
        ("/api/v1/courses/{course_id}/items/drop", "post"),
        ("/api/v1/courses/{course_id}/publish", "post"),
        ("/api/v1/courses/{course_id}/next", "get"),
        ("/api/v1/courses/{course_id}/answer", "post"),
        ("/api/v1/courses/{course_id}/progress", "get"),
        ("/api/v1/courses/{course_id}/certificate.pdf", "get"),
        ("/api/v1/courses/{course_id}/report", "get"),
        ("/api/v1/courses/{course_id}/report.xlsx", "get"),
    }
    assert {(p, m) for p, m, _ in operations} == expected
    for path, method, op in operations:
        assert CHINESE.search(op.get("summary", "")), (path, method)
        assert CHINESE.search(op.get("description", "")), (path, method)
        assert op.get("tags") and all(CHINESE.search(t) for t in op["tags"]), (path, method)
    assert "HTTPBearer" in spec["components"]["securitySchemes"]
    assert api.client.get("/api/v1/docs").status_code == 200
