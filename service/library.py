"""The document library as every channel uses it — the API's routes and the console's pages alike: a
document with its passages, an edit or a removal (admins), an upload queued as a job (whether the user may
replace a document of that name is checked now and again by the job), re-indexing, and the jobs a user may
see. Roles are the registry's; the HTTP edge only reads the request and renders what comes back."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from registry.errors import NotFound
from registry.policy import Action
from service.jobs import Job, new_job
from service.uploads import check_owner, ingest_upload, keep_upload

if TYPE_CHECKING:
    from knowledge.catalog import ChunkRecord, DocRecord
    from registry.model import User
    from service.composition import Application


class JobNotFound(NotFound):
    code = "not_found"


class Library:
    def __init__(self, application: Application, *, uploads_dir: Path, lock: threading.RLock) -> None:
        self.application = application
        self.uploads_dir = uploads_dir
        self.lock = lock  # document-library writes (uploads, deletes, re-index) one at a time

    @property
    def knowledge(self):
        return self.application.knowledge

    @property
    def registry(self):
        return self.application.registry

    # -- documents -------------------------------------------------------------------------------
    def document(self, doc_id: int) -> tuple[DocRecord, list[ChunkRecord]]:
        catalog = self.knowledge.catalog
        return catalog.get(doc_id), catalog.doc_chunks(doc_id)

    def edit(self, user: User, doc_id: int, values: Mapping[str, str | None]) -> DocRecord:
        self.registry.require(user, Action.MANAGE_DOCUMENTS)
        with self.lock:
            return self.knowledge.update_document(doc_id, **values)

    def remove(self, user: User, doc_id: int) -> DocRecord:
        """The document out of every index, and its uploaded file with it (files ingested from elsewhere
        are the operator's and stay)."""
        self.registry.require(user, Action.MANAGE_DOCUMENTS)
        with self.lock:
            record = self.knowledge.remove(doc_id)
        source = Path(record.source)
        if source.parent == self.uploads_dir.resolve():
            source.unlink(missing_ok=True)
        return record

    # -- uploads and jobs ------------------------------------------------------------------------
    def upload(self, user: User, filename: str, data: bytes, overrides: Mapping[str, str]) -> Job:
        """Queue an upload. The file is on disk (and the job in jobs.db) before this returns, so a
        restart resumes it; someone else's document of the same name is refused now (409)."""
        self.registry.require(user, Action.UPLOAD_DOCUMENTS)
        may_replace_any = self.registry.allows(user, Action.MANAGE_DOCUMENTS)
        check_owner(
            self.knowledge.catalog,
            str((self.uploads_dir / filename).resolve()),
            filename,
            user.name,
            may_replace_any=may_replace_any,
            display=self.display,
        )
        params = {"overrides": dict(overrides), "size": len(data), "may_replace_any": may_replace_any}
        job = new_job("ingest", filename=filename, user=user.name, params=params)
        keep_upload(self.uploads_dir, job.id, filename, data)
        return self.application.jobs.submit(job, self.work(job))

    def reindex(self, user: User, *, lexical_only: bool) -> Job:
        self.registry.require(user, Action.MANAGE_DOCUMENTS)
        job = new_job("reindex", user=user.name, params={"lexical_only": lexical_only})
        return self.application.jobs.submit(job, self.work(job))

    def work(self, job: Job) -> Callable[[Job], None]:
        """A job's body from its record: for new jobs and for those a restart interrupted."""
        if job.kind == "reindex":
            lexical_only = bool(job.params.get("lexical_only"))

            def reindex_work(job: Job) -> None:
                with self.lock:
                    job.documents = self.knowledge.reindex(vectors=not lexical_only)

            return reindex_work
        assert job.filename is not None  # an ingest job is created with its upload's name
        # jobs recorded before may_replace_any was: the uploader's rights were checked at upload
        return ingest_upload(
            self.knowledge,
            self.application.settings,
            self.uploads_dir,
            job.filename,
            job.params.get("overrides") or None,
            lock=self.lock,
            display=self.display,
            may_replace_any=job.params.get("may_replace_any", True),
            on_progress=self.application.jobs.progress,  # jobs.db shows a long upload's pages and chunks
        )

    def jobs(self, user: User, limit: int) -> list[Job]:
        """Scoped like uploads: admins see every job, everyone else their own."""
        everyone = self.registry.allows(user, Action.MANAGE_DOCUMENTS)
        return self.application.jobs.recent(limit, user=None if everyone else user.name)

    def job(self, user: User, job_id: str) -> Job:
        job = self.application.jobs.get(job_id)
        if job is None or (job.user != user.name and not self.registry.allows(user, Action.MANAGE_DOCUMENTS)):
            raise JobNotFound(f"没有编号为 {job_id} 的任务。")
        return job

    def display(self, name: str) -> str:
        """A user's display name, for messages that name an uploader."""
        found = self.registry.get_user(name)
        return found.display_name if found else name
