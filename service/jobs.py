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
import os
import shutil
import sqlite3
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

import sqlite_utils
from sqlite_utils.migrations import Migrations

from ingest.errors import IngestError

log = logging.getLogger("gonghui.service.jobs")
KEEP_JOBS = 500  # the oldest finished jobs are forgotten beyond this

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
    columns = {f.name: str for f in fields(Job)} | {"doc_id": int, "chunks": int, "documents": int}
    db["jobs"].create(columns, pk="id")
    db["jobs"].create_index(["created_at"])


@migrations()
def m002_ocr_progress(db: sqlite_utils.Database) -> None:
    # m001 creates a column per Job field, so a fresh jobs.db already has these
    existing = db["jobs"].columns_dict
    for name, kind in (("pages_done", int), ("pages_total", int), ("ocr_pages", str)):
        if name not in existing:
            db["jobs"].add_column(name, kind)


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
        self.db["jobs"].upsert(row, pk="id")

    def forget(self, job_id: str) -> None:
        self.db["jobs"].delete_where("id = ?", [job_id])

    def load(self, limit: int) -> list[Job]:
        rows = self.db["jobs"].rows_where(order_by="created_at desc, rowid desc", limit=limit)
        return [Job(**(r | _json_fields(r))) for r in reversed(list(rows))]


def _json_fields(row: dict) -> dict:
    return {"params": json.loads(row["params"] or "{}"), "ocr_pages": json.loads(row["ocr_pages"] or "[]")}


class Jobs:
    def __init__(self, store: JobStore | None = None) -> None:
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._guard = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="gonghui-jobs")
        self._store = store
        for job in store.load(KEEP_JOBS) if store else ():
            self._jobs[job.id] = job

    def _save(self, job: Job) -> None:
        if self._store is not None:
            with self._guard:
                self._store.save(job)

    def resume(self, make_work: Callable[[Job], Callable[[Job], None]]) -> list[Job]:
        """Queue again, in their original order, the jobs a stop interrupted; `make_work` rebuilds a
        job's body from its record."""
        with self._guard:
            interrupted = [j for j in self._jobs.values() if j.status in ("queued", "running")]
        for job in interrupted:
            job.status, job.started_at = "queued", None
            log.warning("服务重启：继续处理任务 %s（%s %s）", job.id, job.kind, job.filename or "")
            self.submit(job, make_work(job))
        return interrupted

    def get(self, job_id: str) -> Job | None:
        with self._guard:
            return self._jobs.get(job_id)

    def recent(self, limit: int = 50) -> list[Job]:
        with self._guard:
            return list(reversed(self._jobs.values()))[:limit]

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
        self._pool.submit(self._run, job, work)
        return job

    def _run(self, job: Job, work: Callable[[Job], None]) -> None:
        job.status, job.started_at = "running", _now()
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
            self._save(job)

    def wait_idle(self, timeout: float = 60.0) -> None:
        """Blocks until every job submitted so far has finished (tests, shutdown)."""
        done = threading.Event()
        self._pool.submit(done.set)
        done.wait(timeout)

    def shutdown(self) -> None:
        # cancelled jobs stay "queued" in jobs.db: the next start runs them
        self._pool.shutdown(wait=True, cancel_futures=True)
        if self._store is not None:
            self._store.db.close()


def new_job(kind: str, **values: object) -> Job:
    return Job(id=uuid.uuid4().hex[:16], kind=kind, **values)  # type: ignore[arg-type]


def pending_path(uploads_dir: Path, job_id: str, filename: str) -> Path:
    """Where an accepted upload waits for its job: on disk, so a restart does not lose it."""
    return uploads_dir / ".pending" / f"{job_id}-{filename}"


def keep_upload(uploads_dir: Path, job_id: str, filename: str, data: bytes) -> Path:
    path = pending_path(uploads_dir, job_id, filename)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    tmp.write_bytes(data)
    os.replace(tmp, path)  # a crash mid-write leaves a .part file, never a truncated upload
    return path


def ingest_upload(kb, settings, uploads_dir: Path, filename: str, overrides: dict | None):
    """The job body for an upload: copy the waiting file into uploads/, prepare it, store it. The
    waiting copy goes only once the job has finished, so a job interrupted anywhere simply runs again
    (re-ingesting the same content is a no-op)."""
    from ingest.pipeline import prepare
    from service.documents import ocr_reader

    def work(job: Job) -> None:
        waiting = pending_path(uploads_dir, job.id, filename)
        if not waiting.is_file():
            raise IngestError(filename, "上传的文件已不在服务器上（可能已被删除），请重新上传")
        try:
            path = uploads_dir / filename
            tmp = path.with_name(f".{path.name}.part")
            shutil.copyfile(waiting, tmp)
            os.replace(tmp, path)
            job.pages_done, job.pages_total, job.ocr_pages = None, None, []  # a resumed job starts over

            def on_page(done: int, total: int, number: int, page) -> None:
                job.pages_done, job.pages_total = done, total
                job.ocr_pages = [
                    *job.ocr_pages,
                    {"page": number, "confidence": page.confidence, "low": page.low},
                ]

            try:  # the absolute path identifies the document, as for `gonghui ingest`
                prepared = prepare(path.resolve(), overrides=overrides, max_chars=settings.chunk_chars,
                                   overlap=settings.chunk_overlap, limits=settings.ingest_limits,
                                   ocr=ocr_reader(settings, on_page=on_page))  # fmt: skip
            except IngestError as exc:
                prepared = exc
            report = kb.ingest([prepared])
            if report.failed:
                if kb.catalog.find_by_source(str(path.resolve())) is None:
                    path.unlink(missing_ok=True)  # nothing refers to it: keep the folder clean
                raise IngestError(filename, report.failed[0][1])
            job.outcome = "unchanged" if report.unchanged else "replaced" if report.replaced else "added"
            record = kb.catalog.find_by_source(str(path.resolve()))
            if record is not None:
                job.doc_id, job.title, job.chunks = record.id, record.title, record.chunks
        finally:
            waiting.unlink(missing_ok=True)

    return work
