"""Background jobs for the document library: uploads are ingested (and re-indexes run) one at a time on
a single worker thread, so writes to the catalogue and the vector store never overlap; searches go on
in parallel.

An accepted job is never lost: its record (and, for an upload, the file itself, under
uploads/.pending/) is on disk before the 202 goes out, every status change is written to jobs.db, and
at start-up the jobs a stop interrupted are queued again (`resume`)."""

from __future__ import annotations

import datetime as dt
import json
import logging
import sqlite3
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

import sqlite_utils
from sqlite_utils.migrations import Migrations

from ingest.errors import IngestError

log = logging.getLogger("gonghui.service.jobs")
KEEP_JOBS = 500  # the oldest finished jobs are forgotten beyond this
# a running job's page and chunk counts reach jobs.db at most this often (each change reaches memory at
# once): another process (a second console, `gonghui jobs`) sees a long upload move, and a write per chunk
# would cost more than the chunk
PROGRESS_SECONDS = 1.0

STATUS_NAMES = {"queued": "排队中", "running": "处理中", "done": "已完成", "failed": "失败"}


def _now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


@dataclass
class Job:
    id: str
    kind: str  # "ingest" | "reindex"
    filename: str | None = None
    status: str = "queued"
    reason: str | None = None  # Chinese, when failed
    outcome: str | None = None  # ingest: added | replaced | unchanged
    doc_id: int | None = None
    title: str | None = None
    chunks: int | None = None
    documents: int | None = None  # reindex: how many documents were re-indexed
    # OCR of a scan: pages recognised so far / to recognise, and each page's confidence
    pages_done: int | None = None
    pages_total: int | None = None
    ocr_pages: list = field(default_factory=list)  # [{"page": 1, "confidence": 0.97, "low": false}]
    # chunks stored so far / in the document (a long upload shows how far it is)
    chunks_done: int | None = None
    chunks_total: int | None = None
    attempts: int = 0  # how many times the job was started (interrupted ones too)
    user: str | None = None
    created_at: str = field(default_factory=_now)
    started_at: str | None = None
    finished_at: str | None = None
    params: dict = field(default_factory=dict)  # what it takes to run it again after a restart

    def to_json(self) -> dict[str, object]:
        out = asdict(self) | {"status_name": STATUS_NAMES[self.status]}
        out.pop("params")
        return out


migrations = Migrations("gonghui.jobs")


@migrations()
def m001_jobs(db: sqlite_utils.Database) -> None:
    # counts are INTEGER columns: a TEXT column would turn a stored 3 into "3"
    counts = (
        "doc_id",
        "chunks",
        "documents",
        "pages_done",
        "pages_total",
        "chunks_done",
        "chunks_total",
        "attempts",
    )
    columns = {f.name: str for f in fields(Job)} | dict.fromkeys(counts, int)
    db.table("jobs").create(columns, pk="id")
    db.table("jobs").create_index(["created_at"])


@migrations()
def m002_ocr_progress(db: sqlite_utils.Database) -> None:
    # m001 creates a column per Job field, so a fresh jobs.db already has these
    existing = db.table("jobs").columns_dict
    for name, kind in (("pages_done", int), ("pages_total", int), ("ocr_pages", str)):
        if name not in existing:
            db.table("jobs").add_column(name, kind)


@migrations()
def m003_attempts_and_chunk_progress(db: sqlite_utils.Database) -> None:
    existing = db.table("jobs").columns_dict
    for name in ("chunks_done", "chunks_total"):
        if name not in existing:
            db.table("jobs").add_column(name, int)
    if "attempts" not in existing:  # jobs recorded before it count as never started
        db.table("jobs").add_column("attempts", int, not_null_default=0)


class JobStore:
    """jobs.db: one row per job, rewritten on every status change."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite_utils.Database(sqlite3.connect(str(path), check_same_thread=False, timeout=30))
        self.db.execute("PRAGMA journal_mode=WAL")
        migrations.apply(self.db)

    def save(self, job: Job) -> None:
        row = asdict(job) | {
            "params": json.dumps(job.params, ensure_ascii=False),
            "ocr_pages": json.dumps(job.ocr_pages),
        }
        self.db.table("jobs").upsert(row, pk="id")

    def forget(self, job_id: str) -> None:
        self.db.table("jobs").delete_where("id = ?", [job_id])

    def load(self, limit: int) -> list[Job]:
        rows = self.db.table("jobs").rows_where(order_by="created_at desc, rowid desc", limit=limit)
        return [Job(**(r | _json_fields(r))) for r in reversed(list(rows))]


def _json_fields(row: dict) -> dict:
    return {"params": json.loads(row["params"] or "{}"), "ocr_pages": json.loads(row["ocr_pages"] or "[]")}


MAX_ATTEMPTS = 2  # a job started this many times and interrupted each time is given up
MAX_OVERTAKEN = 3  # how many smaller jobs may go before a waiting one (so no job waits forever)
REINDEX_COST = 10**12  # a re-index touches every document: it goes after the uploads waiting with it
GIVEN_UP = f"这个任务已中断 {MAX_ATTEMPTS} 次（可能是文件导致服务异常），不再自动重试；请检查文件后重新上传。"


@dataclass
class _Waiting:
    job: Job
    work: Callable[[Job], None]
    seq: int
    overtaken: int = 0

    @property
    def cost(self) -> int:
        if self.job.kind == "reindex":
            return REINDEX_COST
        return int(self.job.params.get("size") or 0)


class Jobs:
    """One worker runs the jobs one at a time, the smallest waiting job first (a 20 MB text must not
    hold up a one-page notice), except that a job overtaken MAX_OVERTAKEN times goes next: a large
    job waits for at most that many small ones."""

    def __init__(self, store: JobStore | None = None) -> None:
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._guard = threading.Lock()
        self._store = store
        self._queue: list[_Waiting] = []
        self._seq = 0
        self._busy = False
        self._stopping = False
        self._changed = threading.Condition()
        self._worker: threading.Thread | None = None
        self._saved_at: dict[str, float] = {}  # job id → when its progress last reached jobs.db
        for job in store.load(KEEP_JOBS) if store else ():
            self._jobs[job.id] = job

    def _save(self, job: Job) -> None:
        if self._store is not None:
            with self._guard:
                self._store.save(job)

    def progress(self, job: Job) -> None:
        """A running job's counts changed: write them, unless they were written under PROGRESS_SECONDS ago
        (the finish writes the last ones in any case)."""
        now = time.monotonic()
        if now - self._saved_at.get(job.id, -PROGRESS_SECONDS) >= PROGRESS_SECONDS:
            self._saved_at[job.id] = now
            self._save(job)

    def resume(self, make_work: Callable[[Job], Callable[[Job], None]]) -> list[Job]:
        """Queue again, in their original order, the jobs a stop interrupted; `make_work` rebuilds a
        job's body from its record. A job already started MAX_ATTEMPTS times is failed instead: a
        file that takes the server down must not do it again at every start."""
        with self._guard:
            interrupted = [j for j in self._jobs.values() if j.status in ("queued", "running")]
        resumed = []
        for job in interrupted:
            if job.attempts >= MAX_ATTEMPTS:
                # its waiting file stays in uploads/.pending/ for whoever looks into it
                log.warning(
                    "任务 %s（%s）已中断 %d 次，不再重试", job.id, job.filename or job.kind, job.attempts
                )
                job.status, job.reason, job.finished_at = "failed", GIVEN_UP, _now()
                self._save(job)
                continue
            job.status, job.started_at = "queued", None
            log.warning("服务重启：继续处理任务 %s（%s %s）", job.id, job.kind, job.filename or "")
            self.submit(job, make_work(job))
            resumed.append(job)
        return resumed

    def get(self, job_id: str) -> Job | None:
        with self._guard:
            return self._jobs.get(job_id)

    def recent(self, limit: int = 50, *, user: str | None = None) -> list[Job]:
        """The newest jobs first; with ``user``, only that user's."""
        with self._guard:
            jobs = [j for j in reversed(self._jobs.values()) if user is None or j.user == user]
        return jobs[:limit]

    def submit(self, job: Job, work: Callable[[Job], None]) -> Job:
        self._save(job)  # on disk before the caller answers 202
        with self._guard:
            self._jobs[job.id] = job
            while len(self._jobs) > KEEP_JOBS:
                oldest = next(iter(self._jobs))
                if self._jobs[oldest].status in ("queued", "running"):
                    break
                self._jobs.pop(oldest)
                if self._store is not None:
                    self._store.forget(oldest)
        with self._changed:
            self._seq += 1
            self._queue.append(_Waiting(job, work, self._seq))
            if self._worker is None:
                self._worker = threading.Thread(target=self._serve, name="gonghui-jobs", daemon=True)
                self._worker.start()
            self._changed.notify_all()
        return job

    def _next(self) -> _Waiting:
        """The smallest waiting job, unless an older one has been overtaken often enough."""
        starved = [w for w in self._queue if w.overtaken >= MAX_OVERTAKEN]
        chosen = starved[0] if starved else min(self._queue, key=lambda w: (w.cost, w.seq))
        self._queue.remove(chosen)
        for w in self._queue:
            if w.seq < chosen.seq:
                w.overtaken += 1
        return chosen

    def _serve(self) -> None:
        while True:
            with self._changed:
                while not self._queue and not self._stopping:
                    self._changed.wait()
                if self._stopping:
                    return
                waiting = self._next()
                self._busy = True
            try:
                self._run(waiting.job, waiting.work)
            finally:
                with self._changed:
                    self._busy = False
                    self._changed.notify_all()

    def _run(self, job: Job, work: Callable[[Job], None]) -> None:
        job.status, job.started_at = "running", _now()
        job.attempts += 1  # counted on disk before the work: a crash inside it still counts
        self._save(job)
        try:
            work(job)
            job.status = "done"
        except IngestError as exc:
            job.status, job.reason = "failed", exc.reason
        except Exception as exc:  # the job reports it; the log keeps the traceback
            log.exception("job %s failed", job.id)
            job.status, job.reason = "failed", f"处理失败：{exc}"
        finally:
            job.finished_at = _now()
            self._saved_at.pop(job.id, None)
            self._save(job)

    def wait_idle(self, timeout: float = 60.0) -> None:
        """Blocks until every job submitted so far has finished (tests, shutdown)."""
        with self._changed:
            self._changed.wait_for(lambda: not self._queue and not self._busy, timeout)

    def shutdown(self) -> None:
        # the running job finishes; the waiting ones stay "queued" in jobs.db: the next start runs them
        with self._changed:
            self._stopping = True
            self._changed.notify_all()
        if self._worker is not None:
            self._worker.join()
        if self._store is not None:
            self._store.db.close()


def new_job(kind: str, **values: object) -> Job:
    return Job(id=uuid.uuid4().hex[:16], kind=kind, **values)  # type: ignore[arg-type]
