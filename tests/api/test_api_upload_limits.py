"""Uploads under the ingest limits: a zip bomb fails its job with the Chinese reason, long names keep
their extension."""

from __future__ import annotations

from bench import hostile

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def test_a_zip_bomb_upload_fails_its_job_with_the_reason(api, tmp_path):
    bomb = hostile.blank_bomb_docx(tmp_path / "bomb.docx", declared_mb=200).read_bytes()
    assert len(bomb) < api.app.state.max_upload_bytes  # the upload limit does not see it: 200 MB unpacked
    r = api.post("/api/v1/documents", files={"file": ("方案.docx", bomb, DOCX)})
    assert r.status_code == 202
    job = api.wait_job(r.json()["id"])
    assert job["status"] == "failed" and job["reason"] == "文件解压后过大（超过 100 MB），已跳过"


def test_a_long_file_name_keeps_its_extension(api):
    name = "关于印发" + "哈尔滨市总工会职工劳动和技能竞赛实施方案" * 8 + "的通知.txt"
    assert len(name) > 120
    body = "关于开展劳动竞赛的通知\n第一条 各基层工会要积极组织职工参加创新工作室评选活动。\n".encode()
    r = api.post("/api/v1/documents", files={"file": (name, body, "text/plain")})
    assert r.status_code == 202, r.json()
    job = api.wait_job(r.json()["id"])
    assert job["status"] == "done", job
    assert job["filename"].endswith(".txt") and job["filename"].startswith("关于印发哈尔滨")
    assert len(job["filename"].encode()) <= 180
    doc = api.get(f"/api/v1/documents/{job['doc_id']}").json()
    assert doc["source"] == job["filename"]
