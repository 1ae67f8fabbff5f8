"""Ingest: files → cleaned, described, chunked documents (see :mod:`ingest.pipeline`).

The public names are resolved lazily so that ``import ingest.model`` (done by every consumer of the
records) does not pay for the parsers' imports.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "prepare": "ingest.pipeline",
    "prepare_text": "ingest.pipeline",
    "iter_files": "ingest.pipeline",
    "Chunk": "ingest.model",
    "DocMeta": "ingest.model",
    "Document": "ingest.model",
    "IngestError": "ingest.errors",
    "UnsupportedFormat": "ingest.errors",
    "CorruptFile": "ingest.errors",
    "ScannedPdf": "ingest.errors",
    "EmptyDocument": "ingest.errors",
    "UnreadableFile": "ingest.errors",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'ingest' has no attribute {name!r}")
