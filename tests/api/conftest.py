"""One real app per test module: a temporary data dir, real SQLite, a real embedded chromadb with the
deterministic `hash` embedder, and four users with API tokens (admin, two district cadres, a viewer)."""

from __future__ import annotations

import datetime as dt
import io
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from ingest.pipeline import prepare_text
from service.composition import Application
from service.settings import Settings

TODAY = dt.date(2026, 5, 20)
LAW = """中华人民共和国工会法

第四十三条 工会经费的来源：
（一）工会会员缴纳的会费；
（二）建立工会组织的用人单位按每月全部职工工资总额的百分之二向工会拨缴的经费；
（三）工会所属的企业、事业单位上缴的收入；
（四）人民政府的补助；
（五）其他收入。

第四十四条 企业、事业单位、社会组织拖延或者拒不拨缴工会经费的，基层工会或者上级工会可以向当地人民法院申请支付令。
"""


@dataclass
class Api:
    client: TestClient
    tokens: dict[str, str]
    data_dir: Path

    @property
    def app(self):
        return self.client.app

    def headers(self, who: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[who]}"}

    def get(self, url: str, who: str = "admin", **kw):
        return self.client.get(url, headers=self.headers(who), **kw)

    def post(self, url: str, who: str = "admin", **kw):
        return self.client.post(url, headers=self.headers(who), **kw)

    def patch(self, url: str, who: str = "admin", **kw):
        return self.client.patch(url, headers=self.headers(who), **kw)

    def delete(self, url: str, who: str = "admin", **kw):
        return self.client.delete(url, headers=self.headers(who), **kw)

    def wait_job(self, job_id: str, who: str = "admin", timeout: float = 30) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            job = self.get(f"/api/v1/jobs/{job_id}", who).json()
            if job["status"] in ("done", "failed") or time.monotonic() > deadline:
                return job
            time.sleep(0.05)


def make_users(registry) -> dict[str, str]:
    registry.add_union("哈尔滨市总工会")
    registry.add_union("松北区总工会", parent="哈尔滨市总工会")
    registry.add_union("道里区总工会", parent="哈尔滨市总工会")
    registry.add_user("admin", display_name="市总管理员", role="admin", union="哈尔滨市总工会")
    registry.add_user("songbei", display_name="松北干部", role="cadre", union="松北区总工会")
    registry.add_user("daoli", display_name="道里干部", role="cadre", union="道里区总工会")
    registry.add_user("viewer", display_name="查看者", role="viewer", union="哈尔滨市总工会")
    return {name: registry.create_token(name)[1] for name in ("admin", "songbei", "daoli", "viewer")}


@pytest.fixture
def api(tmp_path) -> Api:
    """A fresh app per test: tests that write (register, upload, revoke) cannot affect each other."""
    data_dir = tmp_path / "api-data"
    # small upload limits (256 KB a file, 2 files at once) so the limit tests stay fast
    settings = Settings(data_dir=data_dir, embedder="hash", upload_max_mb=0.25, upload_max_files=2)
    app = create_app(Application(settings, today=lambda: TODAY))
    tokens = make_users(app.state.registry)
    app.state.knowledge.ingest([prepare_text(LAW, source="工会法.txt")])
    with TestClient(app) as client:
        yield Api(client, tokens, data_dir)


def competition(**overrides: object) -> dict:
    data = {
        "name": "抢工期保安全劳动竞赛",
        "type": "六比一创",
        "union_name": "松北区总工会",
        "unit": "中建八局黑龙江分公司",
        "ownership": "公有",
        "start": "2026-06-01",
        "end": "2026-10-31",
        "planned": 200,
        "total": 300,
        "contact": "王敏",
        "phone": "13812345678",
    }
    return data | overrides


def docx_bytes(paragraphs: list[str]) -> bytes:
    from docx import Document

    doc = Document()
    for p in paragraphs:
        doc.add_paragraph(p)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
