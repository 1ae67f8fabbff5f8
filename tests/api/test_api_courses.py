"""/api/v1/courses with TestClient over a real app: a trainer builds, reviews and publishes a course; a
trainee joins and answers one question at a time; roles and scoping; the report and its XLSX; verify."""

from __future__ import annotations

import io

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from api.app import create_app
from service.composition import Application
from service.settings import Settings
from tests.course_setup import LAW, PARTS, Answers

from .conftest import Api, make_users


@pytest.fixture
def api(tmp_path) -> Api:
    app = create_app(Application(Settings(data_dir=tmp_path / "data", embedder="hash")), run_telegram=False)
    registry = app.state.registry
    tokens = make_users(registry)
    for name, role in (
        ("trainer", "trainer"),
        ("trainer2", "trainer"),
        ("wang", "trainee"),
        ("zhao", "trainee"),
    ):
        registry.add_user(name, display_name=name, role=role)
        tokens[name] = registry.create_token(name)[1]
    from ingest.pipeline import prepare

    app.state.knowledge.ingest([prepare(LAW)])
    with TestClient(app) as client:
        yield Api(client, tokens, tmp_path / "data")


def build(api: Api, who: str = "trainer") -> dict:
    r = api.post("/api/v1/courses", who, json={"title": "入门", "parts": list(PARTS), "pass_mark": 50})
    assert r.status_code == 201, r.text
    course = r.json()
    items = api.get(f"/api/v1/courses/{course['id']}/items?state=pending", who).json()["items"]
    assert items and all("answer" in i and i["source"]["quote"] for i in items)
    approved = api.post(
        f"/api/v1/courses/{course['id']}/items/approve", who, json={"ids": [i["id"] for i in items]}
    )
    assert approved.status_code == 200, approved.text
    published = api.post(f"/api/v1/courses/{course['id']}/publish", who)
    assert published.status_code == 200 and published.json()["status"] == "published", published.text
    return published.json()


def test_a_trainee_joins_answers_every_question_and_the_trainer_sees_the_report(api, cjk_font):
    course = build(api)
    cid = course["id"]
    lessons = api.get(f"/api/v1/courses/{cid}/lessons", "trainer").json()["items"]
    assert [lesson["position"] for lesson in lessons] == [1, 2]

    r = api.post(
        "/api/v1/courses/enrol", "wang", json={"code": course["invite_code"], "enterprise": "某某科技公司"}
    )
    assert r.status_code == 201, r.text
    key = Answers(api.app.state.application, api.app.state.registry.get_user("trainer"), cid)
    answered = 0
    while True:
        shown = api.get(f"/api/v1/courses/{cid}/next", "wang").json()
        if shown["item"] is None:
            break
        assert "answer" not in shown["item"]  # a trainee never sees the answer before answering
        item = key.item_in(shown["item"]["question"])
        value = list(item.answer) if isinstance(item.answer, tuple) else item.answer
        fb = api.post(f"/api/v1/courses/{cid}/answer", "wang", json={"item_id": item.id, "answer": value})
        assert fb.status_code == 200 and fb.json()["correct"] and fb.json()["source"]["quote"], fb.text
        answered += 1
        assert answered < 100
    progress = api.get(f"/api/v1/courses/{cid}/progress", "wang").json()
    assert progress["completed"] and progress["score"] == 100

    pdf = api.get(f"/api/v1/courses/{cid}/certificate.pdf", "wang")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    code = pdf.headers["x-certificate-code"]
    checked = api.client.get(f"/api/v1/courses/certificates/{code}")  # no token: anyone may check
    assert checked.json()["valid"] and checked.json()["certificate"]["score"] == 100
    assert api.client.get("/api/v1/courses/certificates/NOPE").json() == {"valid": False, "certificate": None}

    report = api.get(f"/api/v1/courses/{cid}/report", "trainer").json()
    assert (report["enrolled"], report["started"], report["completed"]) == (1, 1, 1)
    assert report["groups"][0]["enterprise"] == "某某科技公司" and report["trainees"][0]["name"] == "wang"
    xlsx = api.get(f"/api/v1/courses/{cid}/report.xlsx", "trainer")
    assert xlsx.status_code == 200 and "attachment" in xlsx.headers["content-disposition"]
    book = load_workbook(io.BytesIO(xlsx.content))
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for c in row]
    assert "某某科技公司" in cells and "wang" in cells


def test_roles_and_scoping(api):
    course = build(api)
    cid = course["id"]
    # a trainee cannot build courses; another trainer cannot see or manage this one; an admin can
    assert api.post("/api/v1/courses", "wang", json={"title": "x", "parts": []}).status_code == 403
    assert api.get(f"/api/v1/courses/{cid}/report", "trainer2").status_code in (403, 404)
    assert api.post(
        f"/api/v1/courses/{cid}/lessons", "trainer2", json={"parts": ["工会法 第十三条"]}
    ).status_code in (403, 404)
    assert api.get(f"/api/v1/courses/{cid}/report", "admin").status_code == 200
    assert [c["id"] for c in api.get("/api/v1/courses", "trainer2").json()["items"]] == []
    # a trainee sees only their own: not the report, not the items with answers, only the courses they joined
    assert api.get("/api/v1/courses", "zhao").json()["items"] == []
    api.post("/api/v1/courses/enrol", "zhao", json={"code": course["invite_code"]})
    assert api.get(f"/api/v1/courses/{cid}/report", "zhao").status_code == 403
    assert api.get(f"/api/v1/courses/{cid}/items", "zhao").status_code == 403
    assert [c["id"] for c in api.get("/api/v1/courses", "zhao").json()["items"]] == [cid]
    assert api.get(f"/api/v1/courses/{cid}/next", "wang").status_code == 403  # not enrolled
    # errors are the one envelope, in Chinese
    bad = api.post("/api/v1/courses/enrol", "wang", json={"code": "ZZZZ"})
    assert bad.status_code == 404 and bad.json()["error"]["code"] == "bad_invite"
    assert "邀请码" in bad.json()["error"]["message"]
    missing = api.post("/api/v1/courses", "trainer", json={"parts": []})
    assert missing.status_code == 422 and missing.json()["error"]["field"] == "title"
