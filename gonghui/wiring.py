"""Builds the object graph from Settings: the only place that knows every package."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path

from gonghui.settings import Settings
from ingest.errors import IngestError
from ingest.model import Document
from ingest.pipeline import iter_files, prepare
from knowledge.base import KnowledgeBase, open_knowledge_base
from knowledge.embedders import make_embedder

log = logging.getLogger("gonghui")


def build_knowledge(settings: Settings) -> KnowledgeBase:
    return open_knowledge_base(
        db_path=settings.knowledge_db,
        chroma_path=settings.chroma_dir,
        chroma_url=settings.chroma_url,
        embedder=make_embedder(settings.embedder),
    )


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
            )
        except IngestError as exc:
            log.warning("跳过 %s：%s", path, exc.reason)
            yield exc


def sample_files() -> list[Path]:
    """The documents bundled with the package (the user's seed notice and a few core laws)."""
    folder = Path(str(resources.files("knowledge") / "samples"))
    return iter_files([folder])


def build_registry(settings: Settings):
    from registry import Registry

    return Registry(settings.registry_db, attachments_dir=settings.attachments_dir)


def build_engine(settings: Settings):
    """The conversation engine every channel shares (terminal, Telegram, web)."""
    from bot.engine import Engine

    return Engine(build_registry(settings), build_knowledge(settings))
