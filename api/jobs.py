"""Background jobs for the document library: uploads are ingested (and re-indexes run) one at a time on
a single worker thread, so writes to the catalogue and the vector store never overlap; searches go on
in parallel. Job records live in memory: a restart forgets finished jobs (the documents stay)."""

from __future__ import annotations

import datetime as dt
import logging
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ingest.errors import IngestError

log = logging.getLogger("gonghui.api.jobs")
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
    user: str | None = None
    created_at: str = field(default_factory=_now)
    started_at: str | None = None
    finished_at: str | None = None

    def to_json(self) -> dict[str, object]:
        return asdict(self) | {"status_name": STATUS_NAMES[self.status]}


class Jobs:
    def __init__(self) -> None:
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._guard = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="gonghui-jobs")

    def get(self, job_id: str) -> Job | None:
        with self._guard:
            return self._jobs.get(job_id)

    def recent(self, limit: int = 50) -> list[Job]:
        with self._guard:
            return list(reversed(self._jobs.values()))[:limit]

    def submit(self, job: Job, work: Callable[[Job], None]) -> Job:
        with self._guard:
            self._jobs[job.id] = job
            while len(self._jobs) > KEEP_JOBS:
                oldest = next(iter(self._jobs))
                if self._jobs[oldest].status in ("queued", "running"):
                    break
                self._jobs.pop(oldest)
        self._pool.submit(self._run, job, work)
        return job

    def _run(self, job: Job, work: Callable[[Job], None]) -> None:
        job.status, job.started_at = "running", _now()
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

    def wait_idle(self, timeout: float = 60.0) -> None:
        """Blocks until every job submitted so far has finished (tests, shutdown)."""
        done = threading.Event()
        self._pool.submit(done.set)
        done.wait(timeout)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


def new_job(kind: str, **values: object) -> Job:
    return Job(id=uuid.uuid4().hex[:16], kind=kind, **values)  # type: ignore[arg-type]


def ingest_upload(kb, settings, uploads_dir: Path, data: bytes, filename: str, overrides: dict | None):
    """The job body for an upload: write the file under uploads/, prepare it, store it."""
    from ingest.pipeline import prepare

    def work(job: Job) -> None:
        uploads_dir.mkdir(parents=True, exist_ok=True)
        path = uploads_dir / filename
        path.write_bytes(data)
        try:  # the absolute path identifies the document, as for `gonghui ingest`
            prepared = prepare(path.resolve(), overrides=overrides, max_chars=settings.chunk_chars,
                               overlap=settings.chunk_overlap)  # fmt: skip
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

    return work
