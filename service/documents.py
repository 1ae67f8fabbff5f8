"""Files → prepared documents for the knowledge base, with the chunking and OCR Settings; the bundled
samples."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from ingest.errors import IngestError
from ingest.model import Document
from ingest.ocr.engine import RapidEngine
from ingest.ocr.reader import OcrReader, PageProgress
from ingest.pipeline import iter_files, prepare
from service.settings import Settings

if TYPE_CHECKING:
    from tqdm import tqdm

log = logging.getLogger("gonghui")


@lru_cache(maxsize=1)
def _engine() -> RapidEngine:
    # one per process: its models load at the first scanned page, then stay for the next ones
    return RapidEngine()


def ocr_reader(settings: Settings, *, on_page: PageProgress | None = None) -> OcrReader:
    """The OCR for scanned pages and images, bounded by the settings; ``on_page`` hears each page."""
    return OcrReader(
        max_pages=settings.ocr_max_pages,
        min_confidence=settings.ocr_min_confidence,
        engine=_engine(),
        on_page=on_page,
    )


def prepare_all(
    files: Iterable[Path], settings: Settings, *, overrides: dict[str, str] | None = None
) -> Iterator[Document | IngestError]:
    """Prepared documents, or the error that stopped one; a bad file never stops the rest."""
    for path in files:
        bar = _PageBar(path.name)
        try:
            # the absolute path identifies a document: the same file ingested from another folder is
            # recognised as unchanged instead of being stored twice
            yield prepare(
                path.resolve(),
                overrides=overrides,
                max_chars=settings.chunk_chars,
                overlap=settings.chunk_overlap,
                limits=settings.ingest_limits,
                ocr=ocr_reader(settings, on_page=bar),
            )
        except IngestError as exc:
            log.warning("跳过 %s：%s", path, exc.reason)
            yield exc
        finally:
            bar.close()


class _PageBar:
    """OCR progress of one file: a bar in a terminal (elsewhere the reader logs a line per page)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.bar: tqdm | None = None

    def __call__(self, done: int, total: int, number: int, page: object) -> None:
        if not sys.stderr.isatty():
            return
        if self.bar is None:
            from tqdm import tqdm

            self.bar = tqdm(total=total, desc=f"OCR {self.name}", unit="页", leave=False, file=sys.stderr)
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def sample_files() -> list[Path]:
    """The documents bundled with the package (the user's seed notice and a few core laws)."""
    folder = Path(str(resources.files("knowledge") / "samples"))
    return iter_files([folder])
