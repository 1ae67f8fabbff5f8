"""Ingest's domain errors. Each carries its `code`, HTTP `status` and Chinese `message` (the reason a
file was skipped), so adapters translate it once."""

from __future__ import annotations


class IngestError(Exception):
    """A file could not be turned into a document; the ingest of other files goes on."""

    code = "ingest_failed"
    status = 422
    field: str | None = "file"

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}：{reason}")
        self.path = path
        self.reason = reason

    @property
    def message(self) -> str:
        return self.reason

    def details(self) -> dict[str, object]:
        return {}


class UnsupportedFormat(IngestError):
    """The file type is not one we read."""

    code = "unsupported_type"
    status = 415


class CorruptFile(IngestError):
    """The file claims a format we read but its bytes are broken."""


class ScannedPdf(IngestError):
    """A PDF without a text layer: needs OCR, which is not built in yet."""


class EmptyDocument(IngestError):
    """The file held no usable text."""


class UnreadableFile(IngestError):
    """The file could not be read at all (missing, a folder, no permission)."""


class LimitExceeded(IngestError):
    """The file is larger, longer or slower than the ingest limits allow (see :mod:`ingest.limits`)."""


class MissingTool(IngestError):
    """Reading this format needs a program that is not installed (e.g. antiword for .doc)."""


class FileTooLarge(LimitExceeded):
    """The file itself is over the size limit."""


class UnpackedTooLarge(LimitExceeded):
    """A container unpacks to more than the limit, or one of its parts is suspiciously compressed."""


class TextTooLong(LimitExceeded):
    """More extracted text than the limit."""


class TooManyChunks(LimitExceeded):
    """The document would make more chunks than the limit."""


class TooManyPages(LimitExceeded):
    """More pages (slides, sheets) than the limit."""


class TooSlow(LimitExceeded):
    """Reading the file took longer than the limit."""
