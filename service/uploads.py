"""The job body of an upload: parse the waiting file in a child process, store it, and only then let
it take the place of the stored file of the same name.

An accepted upload waits under uploads/.pending/<job id>/<name> (on disk before the 202, so a restart
resumes it). A re-upload replaces the document of the same name only for its uploader or an admin,
and only once it has been ingested: a file that fails leaves the stored original and the index as
they were.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from ingest.errors import IngestError
from knowledge.uploaders import set_uploaded_by
from service.jobs import Job
from service.sandbox import prepare_isolated

GONE = "上传的文件已不在服务器上（可能已被删除），请重新上传"


class NotTheUploader(IngestError):
    """Someone else's document has this name: only its uploader or an admin may replace it."""

    code = "conflict"
    status = 409


def not_the_uploader(filename: str, owner: str) -> NotTheUploader:
    return NotTheUploader(
        filename,
        f"文档库中已有同名文件「{filename}」（由 {owner} 上传），只有上传者或管理员可以替换；"
        "如果是另一份文件，请改名后再上传。",
    )


def check_owner(
    catalog,
    source: str,
    filename: str,
    user: str | None,
    *,
    may_replace_any: bool,
    display: Callable[[str], str] = str,
) -> None:
    """Raises NotTheUploader unless ``user`` may replace what is stored under ``source``. Documents
    with no recorded uploader (stored before it was recorded) are the admins' to replace."""
    existing = catalog.find_by_source(source)
    if existing is None or may_replace_any or (user and existing.uploaded_by == user):
        return
    raise not_the_uploader(filename, display(existing.uploaded_by) if existing.uploaded_by else "管理员")


def pending_path(uploads_dir: Path, job_id: str, filename: str) -> Path:
    """Where an accepted upload waits for its job: under its own name (the title may come from it),
    in a folder of its own beside the stored files (so it takes their place by a rename)."""
    return uploads_dir / ".pending" / job_id / filename


def _waiting(uploads_dir: Path, job_id: str, filename: str) -> Path | None:
    for path in (
        pending_path(uploads_dir, job_id, filename),
        uploads_dir / ".pending" / f"{job_id}-{filename}",
    ):
        if path.is_file():  # the second: where uploads waited before (a job resumed across an upgrade)
            return path
    return None


def keep_upload(uploads_dir: Path, job_id: str, filename: str, data: bytes) -> Path:
    path = pending_path(uploads_dir, job_id, filename)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    tmp.write_bytes(data)
    os.replace(tmp, path)  # a crash mid-write leaves a .part file, never a truncated upload
    return path


def ingest_upload(
    kb,
    settings,
    uploads_dir: Path,
    filename: str,
    overrides: dict | None,
    *,
    may_replace_any: bool = True,
    display: Callable[[str], str] = str,
    lock: contextlib.AbstractContextManager | None = None,
    on_progress: Callable[[Job], None] | None = None,
):
    """The job body for an upload. ``lock`` guards the store (the parse in the child runs outside
    it); ``on_progress`` hears every change of the job's page and chunk counts. The waiting copy goes
    only once the job has finished, so a job interrupted anywhere simply runs again (re-ingesting the
    same content is a no-op)."""
    lock = lock if lock is not None else contextlib.nullcontext()
    final = uploads_dir / filename

    def work(job: Job) -> None:
        waiting = _waiting(uploads_dir, job.id, filename)
        if waiting is None:
            raise IngestError(filename, GONE)
        source = str(final.resolve())  # the absolute path identifies the document, as for `gonghui ingest`
        try:
            check_owner(
                kb.catalog, source, filename, job.user, may_replace_any=may_replace_any, display=display
            )
            job.pages_done, job.pages_total, job.ocr_pages = None, None, []  # a resumed job starts over
            job.chunks_done = job.chunks_total = None

            def on_page(done: int, total: int, number: int, page) -> None:
                job.pages_done, job.pages_total = done, total
                job.ocr_pages = [
                    *job.ocr_pages,
                    {"page": number, "confidence": page.confidence, "low": page.low},
                ]
                if on_progress:
                    on_progress(job)

            def on_chunks(done: int, total: int | None = None) -> None:
                job.chunks_done = done
                if total is not None:
                    job.chunks_total = total
                if on_progress:
                    on_progress(job)

            doc = prepare_isolated(waiting, settings, overrides=overrides, on_page=on_page)
            doc = replace(doc, source=source)
            on_chunks(0, len(doc.chunks))
            with lock:
                # again: another upload of this name may have been stored while this one was parsed
                check_owner(
                    kb.catalog, source, filename, job.user, may_replace_any=may_replace_any, display=display
                )
                report = kb.ingest([doc], on_chunks=on_chunks)
                if report.failed:
                    raise IngestError(filename, report.failed[0][1])
                record = kb.catalog.find_by_source(source)
                if not report.unchanged or record.uploaded_by is None:
                    with kb.catalog.lock, kb.catalog.db.atomic():
                        set_uploaded_by(kb.catalog.db, record.id, job.user)
                os.replace(waiting, final)  # only now does the new file take the old one's place
            on_chunks(len(doc.chunks))
            job.outcome = "unchanged" if report.unchanged else "replaced" if report.replaced else "added"
            job.doc_id, job.title, job.chunks = record.id, record.title, record.chunks
        finally:
            shutil.rmtree(pending_path(uploads_dir, job.id, filename).parent, ignore_errors=True)
            if waiting.exists():
                waiting.unlink(missing_ok=True)

    return work
