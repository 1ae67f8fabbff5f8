"""Uploads record who uploaded them; replacing a document needs admin or its uploader (issue 8.3), and a
failed re-upload keeps the stored original (issue 8.4)."""

from __future__ import annotations

from pathlib import Path

from bench import hostile

ADMIN_TEXT = "管理办法\n\n第一条 工会经费必须专款专用，严格按照预算执行。\n".encode()
CADRE_TEXT = "管理办法\n\n第一条 经费可随意使用，无需审批。\n".encode()


def upload(api, who: str, name: str, data: bytes, kind: str = "text/plain") -> dict:
    r = api.post("/api/v1/documents", who, files={"file": (name, data, kind)})
    assert r.status_code == 202, r.json()
    return api.wait_job(r.json()["id"], who)


def search_text(api, query: str) -> str:
    hits = api.get("/api/v1/search", "viewer", params={"q": query, "k": 5}).json()["hits"]
    return " ".join(h["text"] for h in hits)


def test_a_cadre_cannot_replace_the_admins_document(api):
    first = upload(api, "admin", "管理办法.txt", ADMIN_TEXT)
    assert first["status"] == "done" and first["outcome"] == "added", first
    doc = api.get(f"/api/v1/documents/{first['doc_id']}").json()
    assert doc["uploaded_by"] == "admin"

    r = api.post("/api/v1/documents", "songbei", files={"file": ("管理办法.txt", CADRE_TEXT, "text/plain")})
    assert r.status_code == 409, r.json()
    assert r.json()["error"]["message"] == (
        "文档库中已有同名文件「管理办法.txt」（由 市总管理员 上传），只有上传者或管理员可以替换；"
        "如果是另一份文件，请改名后再上传。"
    )
    stored = api.data_dir / "uploads" / "管理办法.txt"
    assert stored.read_bytes() == ADMIN_TEXT
    assert "经费可随意使用" not in search_text(api, "经费 使用")
    assert "专款专用" in search_text(api, "经费 使用")


def test_the_uploader_and_the_admin_may_replace(api):
    first = upload(api, "songbei", "管理办法.txt", CADRE_TEXT)
    assert first["status"] == "done", first
    assert api.get(f"/api/v1/documents/{first['doc_id']}").json()["uploaded_by"] == "songbei"
    other = api.post("/api/v1/documents", "daoli", files={"file": ("管理办法.txt", ADMIN_TEXT, "text/plain")})
    assert other.status_code == 409
    again = upload(api, "songbei", "管理办法.txt", CADRE_TEXT + "第二条 另行规定。\n".encode())
    assert again["outcome"] == "replaced", again
    by_admin = upload(api, "admin", "管理办法.txt", ADMIN_TEXT)
    assert by_admin["outcome"] == "replaced", by_admin
    assert api.get(f"/api/v1/documents/{by_admin['doc_id']}").json()["uploaded_by"] == "admin"
    assert "经费可随意使用" not in search_text(api, "经费 使用")


def test_two_queued_uploads_of_one_name_cannot_swap_the_owner(api):
    # both may pass the check at upload time (nothing stored yet); the job of the second checks again.
    # The cadre's file is the larger, so the queue (smallest first) runs the admin's job first.
    cadre_text = CADRE_TEXT + "第二条 本办法自发布之日起施行。\n".encode() * 20
    jobs = []
    for who, data in (("admin", ADMIN_TEXT), ("songbei", cadre_text)):
        r = api.post("/api/v1/documents", who, files={"file": ("管理办法.txt", data, "text/plain")})
        assert r.status_code in (202, 409)
        if r.status_code == 202:
            jobs.append((who, r.json()["id"]))
    results = {who: api.wait_job(job_id, who) for who, job_id in jobs}
    assert results["admin"]["status"] == "done"
    if "songbei" in results:
        assert results["songbei"]["status"] == "failed"
        assert "只有上传者或管理员可以替换" in results["songbei"]["reason"]
    assert (api.data_dir / "uploads" / "管理办法.txt").read_bytes() == ADMIN_TEXT
    assert api.get(f"/api/v1/documents/{results['admin']['doc_id']}").json()["uploaded_by"] == "admin"


def test_a_failed_reupload_keeps_the_stored_original(api, tmp_path):
    original = hostile.many_pages_pdf(tmp_path / "规定.pdf", pages=3).read_bytes()
    first = upload(api, "admin", "规定.pdf", original, "application/pdf")
    assert first["status"] == "done", first
    stored = api.data_dir / "uploads" / "规定.pdf"
    chunks_before = api.get(f"/api/v1/documents/{first['doc_id']}").json()["chunk_list"]

    truncated = original[: len(original) // 2]
    failed = upload(api, "admin", "规定.pdf", truncated, "application/pdf")
    assert failed["status"] == "failed", failed
    assert stored.read_bytes() == original  # the file beside it never took its place
    docs = api.get("/api/v1/documents").json()["items"]
    same = [d for d in docs if d["source"] == "规定.pdf"]
    assert [d["id"] for d in same] == [first["doc_id"]]
    assert api.get(f"/api/v1/documents/{first['doc_id']}").json()["chunk_list"] == chunks_before
    assert not [p for p in Path(api.data_dir / "uploads").iterdir() if p.is_file() and p.name != "规定.pdf"]
