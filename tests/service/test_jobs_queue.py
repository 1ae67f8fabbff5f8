"""The job queue: small jobs are not starved by large ones, a job that keeps being interrupted is given
up, long jobs report chunk progress (issue 8.1, 8.2). Real jobs.db files; job bodies are plain
functions that wait on events, so the order is observed, not timed."""

from __future__ import annotations

import threading

from service.jobs import MAX_ATTEMPTS, MAX_OVERTAKEN, Jobs, JobStore, new_job


def gate_and_log():
    """A first job that holds the single worker until released, and a body that logs job names."""
    release = threading.Event()
    order: list[str] = []

    def hold(job) -> None:
        release.wait(30)

    def log(job) -> None:
        order.append(job.filename)

    return release, order, hold, log


def test_a_small_upload_queued_behind_a_large_one_runs_first(tmp_path):
    jobs = Jobs(JobStore(tmp_path / "jobs.db"))
    release, order, hold, log = gate_and_log()
    jobs.submit(new_job("ingest", filename="gate", params={"size": 1}), hold)
    jobs.submit(new_job("ingest", filename="大文本.txt", params={"size": 19_000_000}), log)
    jobs.submit(new_job("ingest", filename="通知.txt", params={"size": 2_000}), log)
    release.set()
    jobs.wait_idle()
    assert order == ["通知.txt", "大文本.txt"]
    jobs.shutdown()


def test_a_large_job_is_overtaken_a_bounded_number_of_times(tmp_path):
    jobs = Jobs(JobStore(tmp_path / "jobs.db"))
    release, order, hold, log = gate_and_log()
    jobs.submit(new_job("ingest", filename="gate", params={"size": 1}), hold)
    jobs.submit(new_job("ingest", filename="large", params={"size": 10_000_000}), log)
    for i in range(MAX_OVERTAKEN + 5):
        jobs.submit(new_job("ingest", filename=f"small{i}", params={"size": 100}), log)
    release.set()
    jobs.wait_idle()
    assert order.index("large") == MAX_OVERTAKEN
    assert len(order) == MAX_OVERTAKEN + 6
    jobs.shutdown()


def test_a_job_interrupted_twice_is_failed_not_retried(tmp_path):
    store = JobStore(tmp_path / "jobs.db")
    once = new_job("ingest", filename="一次.txt", status="running", attempts=1)
    twice = new_job("ingest", filename="炸弹.docx", status="running", attempts=MAX_ATTEMPTS)
    for job in (once, twice):
        store.save(job)
    store.db.close()

    ran: list[str] = []
    jobs = Jobs(JobStore(tmp_path / "jobs.db"))
    jobs.resume(lambda job: lambda j: ran.append(j.filename))
    jobs.wait_idle()
    assert ran == ["一次.txt"]
    given_up = jobs.get(twice.id)
    assert given_up.status == "failed"
    assert (
        given_up.reason
        == "这个任务已中断 2 次（可能是文件导致服务异常），不再自动重试；请检查文件后重新上传。"
    )
    assert jobs.get(once.id).status == "done" and jobs.get(once.id).attempts == 2
    jobs.shutdown()
    # and it stays failed across the next start
    again = Jobs(JobStore(tmp_path / "jobs.db"))
    assert again.resume(lambda job: lambda j: ran.append(j.filename)) == []
    assert again.get(twice.id).status == "failed"
    again.shutdown()


def test_every_start_of_a_job_is_counted_on_disk(tmp_path):
    store = JobStore(tmp_path / "jobs.db")
    jobs = Jobs(store)
    seen: list[int] = []

    def body(job) -> None:
        # what a kill -9 at this moment would leave in jobs.db
        seen.append(JobStore(tmp_path / "jobs.db").load(10)[-1].attempts)

    job = jobs.submit(new_job("ingest", filename="a.txt"), body)
    jobs.wait_idle()
    assert seen == [1] and job.attempts == 1
    jobs.shutdown()


def test_a_running_jobs_progress_reaches_jobs_db_before_it_ends(tmp_path):
    # another process reading jobs.db (a second console) sees a long upload move, not only its end
    jobs = Jobs(JobStore(tmp_path / "jobs.db"))
    reported, release = threading.Event(), threading.Event()

    def long_upload(job) -> None:
        job.chunks_done, job.chunks_total = 40, 400
        jobs.progress(job)
        job.chunks_done = 41  # within PROGRESS_SECONDS: memory only
        jobs.progress(job)
        reported.set()
        release.wait(30)
        job.chunks_done = 400

    job = jobs.submit(new_job("ingest", filename="大文件.docx", params={"size": 1}), long_upload)
    assert reported.wait(30)
    seen = {j.id: j for j in JobStore(tmp_path / "jobs.db").load(10)}[job.id]
    assert seen.status == "running" and (seen.chunks_done, seen.chunks_total) == (40, 400)
    release.set()
    jobs.wait_idle()
    final = {j.id: j for j in JobStore(tmp_path / "jobs.db").load(10)}[job.id]
    assert final.status == "done" and final.chunks_done == 400
    jobs.shutdown()
