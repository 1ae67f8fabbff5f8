"""The ingest pipeline: file or text → cleaned, described, chunked :class:`~ingest.model.Document`."""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path

from ingest.chunking import chunk
from ingest.cleaning import clean, looks_hard_wrapped
from ingest.errors import EmptyDocument
from ingest.formats.base import Ocr, RawText
from ingest.formats.html_text import load_html
from ingest.formats.markdown_text import load_markdown
from ingest.limits import DEFAULT_LIMITS, Budget, Limits
from ingest.loaders import SUPPORTED_SUFFIXES, load_bytes, read_file
from ingest.metadata import OVERRIDE_FIELDS, extract_metadata
from ingest.model import Document
from ingest.tables import TABLE_HEADING_LEVEL, repeat_headers

log = logging.getLogger(__name__)

OVERRIDE_KEYS = OVERRIDE_FIELDS
EMPTY = "文件中没有可用的文字内容"


def prepare(
    path: str | Path,
    *,
    overrides: Mapping[str, str | None] | None = None,
    max_chars: int = 400,
    overlap: int = 60,
    ocr: Ocr | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Document:
    """Load, clean, describe and chunk one file. Raises an :class:`~ingest.errors.IngestError`.

    ``limits`` bound the file's size, unpacked size, pages, text, chunks and time; a file over any of
    them is refused with a :class:`~ingest.errors.LimitExceeded` before it costs more.
    """
    p = Path(path)
    _check_overrides(overrides)
    budget = limits.budget(str(p))
    data = read_file(p, budget=budget)
    raw = load_bytes(data, name=p.name, path=str(p), ocr=ocr, budget=budget)
    content_hash = hashlib.sha256(data).hexdigest()
    del data  # the source bytes are not needed past here; a large file should not stay in memory
    return _build(raw, str(p), content_hash, overrides, max_chars, overlap, budget)


def prepare_text(
    text: str,
    *,
    source: str,
    overrides: Mapping[str, str | None] | None = None,
    format: str = "txt",
    max_chars: int = 400,
    overlap: int = 60,
    from_pdf: bool | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Document:
    """Same as :func:`prepare` for text already in hand (a pasted message, one statute article).

    ``format`` ``md``/``html`` strips markup first; any other value is plain text and is only
    recorded. ``from_pdf`` forces (or forbids) rejoining of wrapped lines; by default it is detected.
    """
    _check_overrides(overrides)
    budget = limits.budget(source)
    budget.check_chars(len(text))
    data = text.encode("utf-8", "surrogatepass")  # hashing must not fail on odd input
    if format == "md":
        raw = load_markdown(data, path=source)
    elif format == "html":
        raw = load_html(data, path=source)
    else:
        raw = RawText(text, format, hard_wrapped=format == "pdf" or looks_hard_wrapped(text))
    if from_pdf is not None:
        raw = replace(raw, hard_wrapped=from_pdf)
    return _build(raw, source, hashlib.sha256(data).hexdigest(), overrides, max_chars, overlap, budget)


def iter_files(paths: Iterable[str | Path]) -> list[Path]:
    """Expand folders (recursively) to the supported files they hold, sorted; skip hidden files.

    Paths naming a file are kept as given, even unsupported or missing ones: :func:`prepare` then
    reports the problem for that file while the rest of the batch goes on.
    """
    out: dict[Path, None] = {}
    for item in paths:
        p = Path(item)
        if not p.is_dir():
            out.setdefault(p, None)
            continue
        found: list[Path] = []
        for root, dirs, files in os.walk(p):  # os.walk does not follow directory symlinks: no loops
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in files:
                # "~$x.docx" are Word's lock files, not documents.
                if name.startswith((".", "~$")) or Path(name).suffix.lower() not in SUPPORTED_SUFFIXES:
                    continue
                found.append(Path(root) / name)
        for f in sorted(found):
            out.setdefault(f, None)
    return list(out)


def _check_overrides(overrides: Mapping[str, str | None] | None) -> None:
    unknown = set(overrides or {}) - OVERRIDE_KEYS
    if unknown:
        raise ValueError(f"unknown metadata override(s) {sorted(unknown)}; allowed: {sorted(OVERRIDE_KEYS)}")


def _build(
    raw: RawText,
    source: str,
    content_hash: str,
    overrides: Mapping[str, str | None] | None,
    max_chars: int,
    overlap: int,
    budget: Budget,
) -> Document:
    for warning in raw.warnings:
        log.warning("%s：%s", source, warning)
    budget.check_chars(len(raw.text))
    text = clean(raw.text, from_pdf=raw.hard_wrapped)
    if not text:
        raise EmptyDocument(source, EMPTY)
    budget.check_time()
    hints = dict(raw.hints)
    for key in ("title", "title_hint"):
        if key in hints:  # compared with cleaned paragraphs later, so it must be cleaned the same way
            hints[key] = clean(hints[key], from_pdf=False).replace("\n", " ")
    meta = extract_metadata(text, filename=Path(source).name, overrides=overrides, hints=hints)
    headings = {
        h: level for h, level in ((clean(h, from_pdf=False), lv) for h, lv in raw.headings.items()) if h
    }
    heads = [clean(h, from_pdf=False) for h in raw.table_heads]
    text, table_heads = repeat_headers(text, heads, max_chars)
    for head in table_heads:
        headings.setdefault(head, TABLE_HEADING_LEVEL)
    chunks = chunk(text, max_chars=max_chars, overlap=overlap, headings=headings, title=meta.title)
    if raw.ocr:  # recognised pages: their confidence goes with the chunks cut from them
        from ingest.ocr.pagemap import mark_chunks

        chunks = mark_chunks(chunks, pages=raw.text.split("\f"), cleaned=text, ocr=raw.ocr)
    budget.check_chunks(len(chunks))
    budget.check_time()
    return Document(
        source=source,
        text=text,
        meta=meta,
        content_hash=content_hash,
        chunks=tuple(chunks),
        format=raw.format,
    )
