"""问答、检索、文档库 through the HTTP API."""

from __future__ import annotations

from .conftest import docx_bytes

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def test_ask_has_the_cli_json_shape(api):
    r = api.post("/api/v1/ask", json={"question": "工会经费有哪些来源？"})
    assert r.status_code == 200
    body = r.json()
    assert set(body) == {"answer", "found", "citations", "closest", "standalone"}
    assert body["found"] is True and body["standalone"] == "工会经费有哪些来源？"
    assert any(c["article"] == "第四十三条" for c in body["citations"])
    assert {"n", "doc_id", "title", "section", "article", "quote"} <= set(body["citations"][0])
    assert body["citations"][0]["short_title"] and body["citations"][0]["status"] == "现行有效"


def test_ask_with_history_understands_a_follow_up(api):
    r = api.post(
        "/api/v1/ask", json={"question": "企业拖着不交怎么办？", "history": ["工会经费有哪些来源？"]}
    )
    assert r.status_code == 200
    body = r.json()
    assert body["standalone"] != "企业拖着不交怎么办？" and "工会经费" in body["standalone"]
    assert body["found"] is True and any(c["article"] == "第四十四条" for c in body["citations"])
    # a new subject is asked as typed, history or not
    r = api.post(
        "/api/v1/ask", json={"question": "工会经费有哪些来源？", "history": ["企业拖着不交怎么办？"]}
    )
    assert r.json()["standalone"] == "工会经费有哪些来源？"


def test_ask_history_is_bounded(api):
    r = api.post("/api/v1/ask", json={"question": "那女职工呢？", "history": ["问题？"] * 11})
    assert r.status_code == 422 and r.json()["error"]["field"] == "history"
    r = api.post("/api/v1/ask", json={"question": "那女职工呢？", "history": ["长" * 501]})
    assert r.status_code == 422


def test_ask_with_filters_that_exclude_everything_is_not_found(api):
    r = api.post(
        "/api/v1/ask", json={"question": "工会经费有哪些来源？", "filters": {"doc_types": ["不存在的类型"]}}
    )
    assert r.status_code == 200 and r.json()["found"] is False and r.json()["citations"] == []


def test_ask_rejects_a_blank_question_in_chinese(api):
    r = api.post("/api/v1/ask", json={"question": "   "})
    assert r.status_code == 422
    assert r.json()["error"]["field"] == "question" and "问题" in r.json()["error"]["message"]


def test_search_returns_hits(api):
    r = api.get("/api/v1/search", params={"q": "工会经费 来源", "k": 2})
    assert r.status_code == 200
    body = r.json()
    assert body["query"] == "工会经费 来源" and 1 <= len(body["hits"]) <= 2
    assert {"doc_id", "title", "section", "article", "text", "score"} <= set(body["hits"][0])
    assert body["hits"][0]["status"] == "现行有效"
    assert api.get("/api/v1/search", params={"q": "经费", "k": 0}).status_code == 422


def test_upload_docx_is_ingested_in_the_background_and_searchable(api):
    data = docx_bytes(
        [
            "松北区职工创新工作室管理办法",
            "第一条 为规范职工创新工作室建设，制定本办法。",
            "第二条 创新工作室每年开展一次评星定级，优秀工作室给予资金扶持。",
        ]
    )
    r = api.post(
        "/api/v1/documents", files={"file": ("创新工作室办法.docx", data, DOCX)}, data={"doc_type": "办法"}
    )
    assert r.status_code == 202
    job = r.json()
    assert job["status"] in ("queued", "running", "done") and job["kind"] == "ingest"
    job = api.wait_job(job["id"])
    assert job["status"] == "done", job
    assert job["outcome"] == "added" and job["doc_id"] and job["chunks"] >= 1
    hits = api.get("/api/v1/search", params={"q": "创新工作室 评星定级"}).json()["hits"]
    assert hits and hits[0]["doc_id"] == job["doc_id"]
    doc = api.get(f"/api/v1/documents/{job['doc_id']}").json()
    assert doc["doc_type"] == "办法" and doc["source"] == "创新工作室办法.docx"
    assert any("评星定级" in c["text"] for c in doc["chunk_list"])
    # the same file again: recognised as unchanged, not stored twice
    again = api.wait_job(
        api.post(
            "/api/v1/documents",
            files={"file": ("创新工作室办法.docx", data, DOCX)},
            data={"doc_type": "办法"},
        ).json()["id"]
    )
    assert again["status"] == "done" and again["outcome"] == "unchanged" and again["doc_id"] == job["doc_id"]


def test_a_corrupt_upload_fails_with_a_chinese_reason(api):
    r = api.post("/api/v1/documents", files={"file": ("坏文件.docx", b"PK\x03\x04 this is not a docx", DOCX)})
    assert r.status_code == 202
    job = api.wait_job(r.json()["id"])
    assert job["status"] == "failed" and job["status_name"] == "失败"
    assert job["reason"] and any("\u4e00" <= ch <= "\u9fff" for ch in job["reason"])
    titles = [d["source"] for d in api.get("/api/v1/documents").json()["items"]]
    assert "坏文件.docx" not in titles
    assert not (api.data_dir / "uploads" / "坏文件.docx").exists()


def test_upload_limits_on_type_and_size(api):
    r = api.post("/api/v1/documents", files={"file": ("旧文件.rtf", b"{\\rtf1 whatever}", "application/rtf")})
    assert r.status_code == 415
    err = r.json()["error"]
    assert err["code"] == "unsupported_type" and ".docx" in err["message"] and err["field"] == "file"
    r = api.post("/api/v1/documents", files={"file": ("录像.mp4", b"\x00\x00\x00\x18ftyp", "video/mp4")})
    assert r.status_code == 415 and "不支持" in r.json()["error"]["message"]
    big = b"x" * (api.app.state.max_upload_bytes + 10)  # the test app's limit is 256 KB
    r = api.post("/api/v1/documents", files={"file": ("大文件.txt", big, "text/plain")})
    assert (
        r.status_code == 413
        and r.json()["error"]["code"] == "too_large"
        and "MB" in r.json()["error"]["message"]
    )
    huge = b"x" * (api.app.state.max_upload_bytes + 2 * 1024 * 1024)  # refused from Content-Length
    r = api.post("/api/v1/documents", files={"file": ("更大.txt", huge, "text/plain")})
    assert r.status_code == 413 and r.json()["ok"] is False
    r = api.post("/api/v1/documents", files={"file": ("空.txt", b"", "text/plain")})
    assert r.status_code == 422


def test_viewer_cannot_upload_and_cadre_cannot_delete(api):
    r = api.post(
        "/api/v1/documents", "viewer", files={"file": ("a.txt", "第一条 测试。".encode(), "text/plain")}
    )
    assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden"
    assert api.delete("/api/v1/documents/1", "songbei").status_code == 403
    assert api.post("/api/v1/documents/reindex", "songbei").status_code == 403


def test_list_show_and_delete_documents(api):
    text = "关于开展职工书屋建设的通知\n一、各基层工会要建设职工书屋，配备图书不少于一千册。".encode()
    job = api.wait_job(
        api.post("/api/v1/documents", "songbei", files={"file": ("书屋通知.txt", text, "text/plain")}).json()[
            "id"
        ]
    )
    assert job["status"] == "done" and job["user"] == "songbei"
    listing = api.get("/api/v1/documents", "viewer").json()
    assert listing["total"] >= 2 and any(d["id"] == job["doc_id"] for d in listing["items"])
    assert api.get("/api/v1/documents", params={"limit": 1}).json()["items"].__len__() == 1
    shown = api.get(f"/api/v1/documents/{job['doc_id']}", "viewer").json()
    assert shown["title"] and shown["chunks"] == len(shown["chunk_list"])
    assert (api.data_dir / "uploads" / "书屋通知.txt").exists()
    r = api.delete(f"/api/v1/documents/{job['doc_id']}")
    assert r.status_code == 200 and r.json()["deleted"]["id"] == job["doc_id"]
    assert not (api.data_dir / "uploads" / "书屋通知.txt").exists()
    r = api.get(f"/api/v1/documents/{job['doc_id']}")
    assert (
        r.status_code == 404
        and r.json()["error"]["code"] == "not_found"
        and "gonghui" not in r.json()["error"]["message"]
    )
    hits = api.get("/api/v1/search", params={"q": "职工书屋 图书"}).json()["hits"]
    assert all(h["doc_id"] != job["doc_id"] for h in hits)
    assert api.delete(f"/api/v1/documents/{job['doc_id']}").status_code == 404


def test_reindex_runs_as_a_job(api):
    r = api.post("/api/v1/documents/reindex", json={"lexical_only": True})
    assert r.status_code == 202 and r.json()["kind"] == "reindex"
    job = api.wait_job(r.json()["id"])
    assert job["status"] == "done" and job["documents"] >= 1
    assert api.get("/api/v1/search", params={"q": "工会经费"}).json()["hits"]
    assert any(j["id"] == job["id"] for j in api.get("/api/v1/jobs").json())
    assert api.get("/api/v1/jobs/nonexistent").status_code == 404
