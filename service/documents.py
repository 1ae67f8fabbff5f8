"""Files → prepared documents for the knowledge base, with the chunking Settings; the bundled samples."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path

from ingest.errors import IngestError
from ingest.model import Document
from ingest.pipeline import iter_files, prepare
from service.settings import Settings

log = logging.getLogger("gonghui")


def prepare_all(
    files: Iterable[Path], settings: Settings, *, overrides: dict[str, str] | None = None
) -> Iterator[Document | IngestError]:
    """Prepared documents, or the error that stopped one; a bad file never stops the rest."""
    for path in files:
        try:
            # the absolute path identifies a document: the same file ingested from another folder is
            # recognised as unchanged instead of being stored twice
            yield prepare(
                path.resolve(),
                overrides=overrides,
                max_chars=settings.chunk_chars,
                overlap=settings.chunk_overlap,
                limits=settings.ingest_limits,
            )
        except IngestError as exc:
            log.warning("跳过 %s：%s", path, exc.reason)
            yield exc


def sample_files() -> list[Path]:
    """The documents bundled with the package (the user's seed notice and a few core laws)."""
    folder = Path(str(resources.files("knowledge") / "samples"))
    return iter_files([folder])
