"""One console app per test module: a temporary data dir, real SQLite and chromadb with the `hash`
embedder, the API tests' users (admin, two district cadres, a viewer), and a browser-like client per
user that logs in through the 登录 page and keeps its cookie."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from ingest.pipeline import prepare_text
from service.composition import Application
from service.settings import Settings
from tests.api.conftest import LAW, TODAY, competition, make_users

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201e221bc330000000049454e44ae426082"
)


@dataclass
class Console:
    app: object
    tokens: dict[str, str]
    data_dir: Path
    clients: dict[str, TestClient]
    seed: dict

    def anonymous(self, *, origin: str | None = "http://testserver") -> TestClient:
        """A browser-like client: it sends the Origin a browser sends for a form on our own pages."""
        headers = {"Origin": origin} if origin else {}
        return TestClient(self.app, follow_redirects=False, headers=headers)

    def __call__(self, who: str = "admin") -> TestClient:
        if who not in self.clients:
            client = self.anonymous()
            r = client.post("/login", data={"token": self.tokens[who], "next": "/ask"})
            assert r.status_code == 303, r.text
            self.clients[who] = client
        return self.clients[who]

    def wait_job(self, job_id: str, who: str = "admin", timeout: float = 30) -> str:
        deadline = time.monotonic() + timeout
        while True:
            html = self(who).get(f"/jobs/{job_id}", headers={"HX-Request": "true"}).text
            if "hx-get" not in html or time.monotonic() > deadline:
                return html
            time.sleep(0.05)


def hx(**headers: str) -> dict[str, str]:
    return {"HX-Request": "true", **headers}


def visible_text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def console(tmp_path):
    """A fresh, seeded console per test, so tests pass in any order."""
    data_dir = tmp_path / "web-data"
    settings = Settings(data_dir=data_dir, embedder="hash", upload_max_mb=0.25)
    app = create_app(Application(settings, today=lambda: TODAY), run_telegram=False)
    registry = app.state.registry
    tokens = make_users(registry)
    app.state.knowledge.ingest([prepare_text(LAW, source="工会法.txt")])
    admin, songbei, daoli = (registry.get_user(n) for n in ("admin", "songbei", "daoli"))
    project = registry.add_project("哈尔滨新区智慧园区", level="市重点", district="松北区")
    registry.add_project("道里区地铁三号线", level="省百大", district="道里区")
    sb = registry.register_competition(competition(project_id=project.id), by=songbei)
    sb2 = registry.register_competition(
        competition(
            name="安康杯安全知识竞赛",
            type="安康杯",
            unit="松北供热公司",
            start="2026-03-01",
            end="2026-05-31",
            planned=50,
            total=100,
        ),
        by=songbei,
    )
    dl = registry.register_competition(
        competition(
            name="道里区岗位练兵",
            type="岗位练兵",
            union_name="道里区总工会",
            unit="道里区供水公司",
            start="2026-07-01",
            end="2026-09-30",
        ),
        by=daoli,
    )
    registry.set_status(sb.reg_no, "进行中", by=songbei)
    act = registry.record_activity(
        {
            "kind": "动员会",
            "date": "2026-06-02",
            "place": "松北区职工之家",
            "participants": 80,
            "summary": "竞赛动员大会",
            "competition_id": sb.reg_no,
        },
        by=songbei,
        files=[("动员会照片.png", PNG), ("方案.txt", "竞赛方案".encode())],
    )
    registry.record_activity(
        {
            "kind": "座谈会",
            "date": "2026-07-10",
            "place": "道里区工会",
            "participants": 12,
            "summary": "职工座谈",
        },
        by=daoli,
    )
    assert admin is not None
    seed = {"sb": sb.reg_no, "sb2": sb2.reg_no, "dl": dl.reg_no, "activity": act.id}
    with TestClient(app, follow_redirects=False) as lifespan:
        yield Console(app, tokens, data_dir, {}, seed)
        lifespan.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):  # noqa: ARG001 - browser tests screenshot failed calls
    outcome = yield
    report = outcome.get_result()
    setattr(item, "rep_" + report.when, report)
