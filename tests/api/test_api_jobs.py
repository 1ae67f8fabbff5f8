"""Accepted uploads are never lost: job records and waiting files are on disk, and a restart resumes
what a stop interrupted. Each test runs real apps one after the other over the same data dir."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

from fastapi.testclient import TestClient

from api.app import create_app
from service.composition import Application
from service.jobs import JobStore, new_job
from service.settings import Settings
from service.uploads import keep_upload, pending_path

from .conftest import TODAY, Api, make_users

NOTICE = "关于开展2026年安康杯竞赛的通知\n\n一、各基层工会要组织职工开展安康杯竞赛，排查事故隐患。\n".encode()


@contextmanager
def running(data_dir: Path, tokens: dict[str, str] | None = None):
    """One server lifetime: create the app, run its lifespan, stop it."""
    app = create_app(Application(Settings(data_dir=data_dir, embedder="hash"), today=lambda: TODAY))
    tokens = tokens or make_users(app.state.registry)
    with TestClient(app) as client:
        yield Api(client, tokens, data_dir)
    app.state.registry.close()


def test_job_records_outlive_the_server(tmp_path):
    with running(tmp_path) as api:
        r = api.post("/api/v1/documents", files={"file": ("安康杯通知.txt", NOTICE, "text/plain")})
        assert r.status_code == 202
        job = api.wait_job(r.json()["id"])
        assert job["status"] == "done" and job["outcome"] == "added"
        tokens = api.tokens
    with running(tmp_path, tokens) as api:
        again = api.get(f"/api/v1/jobs/{job['id']}").json()
        assert (again["status"], again["doc_id"], again["filename"]) == (
            "done",
            job["doc_id"],
            "安康杯通知.txt",
        )
        assert job["id"] in [j["id"] for j in api.get("/api/v1/jobs").json()]
    # finished uploads leave nothing waiting
    assert not list((tmp_path / "uploads" / ".pending").glob("*"))


def test_an_upload_interrupted_by_a_stop_is_ingested_after_the_restart(tmp_path):
    with running(tmp_path) as api:
        tokens = api.tokens
    # what a server killed between its 202 and the end of the job leaves on disk: the job record
    # (one was running, one still queued) and the waiting files
    store = JobStore(tmp_path / "jobs.db")
    running_job = new_job(
        "ingest", filename="安康杯通知.txt", user="admin", params={"overrides": {"doc_type": "通知"}}
    )
    running_job.status = "running"
    queued_job = new_job("reindex", user="admin", params={"lexical_only": True})
    gone = new_job("ingest", filename="丢失.txt", user="admin")
    for job in (running_job, queued_job, gone):
        store.save(job)
    keep_upload(tmp_path / "uploads", running_job.id, "安康杯通知.txt", NOTICE)
    store.db.close()

    with running(tmp_path, tokens) as api:
        done = api.wait_job(running_job.id)
        assert done["status"] == "done" and done["outcome"] == "added", done
        hits = api.get("/api/v1/search", params={"q": "安康杯竞赛", "k": 3}).json()["hits"]
        assert hits and hits[0]["title"] == "关于开展2026年安康杯竞赛的通知"
        doc = api.get(f"/api/v1/documents/{done['doc_id']}").json()
        assert doc["doc_type"] == "通知"  # the caller's override survived the restart too
        assert api.wait_job(queued_job.id)["status"] == "done"
        lost = api.wait_job(gone.id)
        assert lost["status"] == "failed" and "请重新上传" in lost["reason"]
    assert not pending_path(tmp_path / "uploads", running_job.id, "安康杯通知.txt").exists()
