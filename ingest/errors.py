"""Ingest's domain errors. Messages are Chinese because adapters show them to users as they are."""

from __future__ import annotations


class IngestError(Exception):
    """A file could not be turned into a document; the ingest of other files goes on."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}：{reason}")
        self.path = path
        self.reason = reason


class UnsupportedFormat(IngestError):
    """The file type is not one we read."""


class CorruptFile(IngestError):
    """The file claims a format we read but its bytes are broken."""


class ScannedPdf(IngestError):
    """A PDF without a text layer: needs OCR, which is not built in yet."""


class EmptyDocument(IngestError):
    """The file held no usable text."""


class UnreadableFile(IngestError):
    """The file could not be read at all (missing, a folder, no permission)."""
