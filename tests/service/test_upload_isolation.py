"""The server parses an upload in a child process under a memory limit (issue 8.1): a file the loaders'
own bounds let through (here: bounds raised by the settings) costs the child, not the server, and the
other uploads of the batch are ingested. Progress is reported in chunks (issue 8.2)."""

from __future__ import annotations

import pytest

from bench import hostile
from service.composition import Application
from service.jobs import new_job
from service.settings import Settings
from service.uploads import ingest_upload, keep_upload

NOTICE = "关于开展安康杯竞赛的通知\n\n一、各基层工会要组织职工开展安康杯竞赛。\n".encode()


def run_upload(app, settings, uploads, name: str, data: bytes):
    job = new_job("ingest", filename=name, user="admin", params={"size": len(data)})
    keep_upload(uploads, job.id, name, data)
    app.jobs.submit(job, ingest_upload(app.knowledge, settings, uploads, name, None))
    return job


def test_a_file_over_the_memory_limit_fails_in_the_child_and_the_rest_goes_on(tmp_path):
    # the loaders' bounds are switched off, so only the child's memory limit stands in the way
    settings = Settings(
        data_dir=tmp_path,
        embedder="hash",
        ingest_max_unpacked_mb=100_000,
        ingest_max_ratio=1_000_000,
        ingest_max_chars=10**10,
        ingest_max_chunks=10**9,
        ingest_max_memory_mb=300,
    )
    app = Application(settings)
    uploads = tmp_path / "uploads"
    # 30 MB of HTML parses in about 60 s and 1.5 GB when nothing stops it
    bomb = hostile.huge_html(tmp_path / "b.html", size_mb=30).read_bytes()
    hostile_job = run_upload(app, settings, uploads, "大网页.html", bomb)
    normal_job = run_upload(app, settings, uploads, "通知.txt", NOTICE)
    app.jobs.wait_idle(timeout=300)
    assert hostile_job.status == "failed"
    assert hostile_job.reason == "文件处理时占用内存过多（超过 300 MB），已跳过；请拆分后再导入"
    assert normal_job.status == "done", normal_job.reason
    assert [d.title for d in app.knowledge.catalog.documents()] == ["关于开展安康杯竞赛的通知"]
    assert not (uploads / "大网页.html").exists()
    app.close()


def test_a_long_upload_reports_chunks_done_and_total(tmp_path):
    settings = Settings(data_dir=tmp_path, embedder="hash")
    app = Application(settings)
    uploads = tmp_path / "uploads"
    text = "实施细则\n\n" + "".join(
        f"第{i}条 各级工会应当依法维护职工的合法权益，做好第{i}项工作。\n" for i in range(1, 400)
    )
    seen: list[tuple[int, int]] = []
    job = new_job("ingest", filename="细则.txt", user="admin", params={"size": len(text)})
    keep_upload(uploads, job.id, job.filename, text.encode())
    work = ingest_upload(
        app.knowledge,
        settings,
        uploads,
        job.filename,
        None,
        on_progress=lambda j: seen.append((j.chunks_done, j.chunks_total)),
    )
    app.jobs.submit(job, work)
    app.jobs.wait_idle(timeout=120)
    assert job.status == "done", job.reason
    total = job.chunks
    assert total > 64 and (job.chunks_done, job.chunks_total) == (total, total)
    assert seen[0] == (0, total) and seen[-1] == (total, total)
    assert len(seen) > 2 and [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert job.to_json()["chunks_done"] == total
    app.close()


def test_the_child_is_read_when_the_server_holds_over_a_thousand_descriptors(tmp_path):
    """A server that has run a while holds many descriptors (chroma, SQLite, sockets); select() refuses
    any numbered above 1024, and every upload failed with `filedescriptor out of range`."""
    import os
    import resource

    from service.sandbox import prepare_isolated

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and hard < 1200:
        pytest.skip(f"the hard limit of open files ({hard}) is too low to hold 1,100 descriptors")
    resource.setrlimit(
        resource.RLIMIT_NOFILE, (max(soft, 1200) if hard == resource.RLIM_INFINITY else hard, hard)
    )
    held = [os.open(os.devnull, os.O_RDONLY) for _ in range(1100)]
    try:
        path = tmp_path / "通知.txt"
        path.write_text("关于开展劳动竞赛的通知\n\n各单位要积极组织职工参加竞赛。", encoding="utf-8")
        doc = prepare_isolated(path, Settings(data_dir=tmp_path / "data", embedder="none"))
        assert "积极组织职工" in doc.text
    finally:
        for fd in held:
            os.close(fd)
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
