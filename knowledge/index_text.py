"""What the lexical index and the vector store see for a chunk."""

from __future__ import annotations

from collections.abc import Sequence

from ingest.model import Chunk
from knowledge.catalog import ChunkRecord, DocRecord


def index_text(title: str, chunk: Chunk) -> str:
    """What both indexes see for a chunk: its document title and heading path give context that
    colloquial questions often name (the law, the chapter), which the bare passage lacks."""
    parts = [title, *chunk.heading_path]
    if chunk.article:
        parts.append(chunk.article)
    return " ".join(parts) + "\n" + chunk.text


def stored_texts(doc: DocRecord, chunks: Sequence[ChunkRecord]) -> list[str]:
    """What the indexes saw for stored chunks (their heading path is kept as the section)."""
    heads = [
        Chunk(c.idx, c.text, c.start, c.end, tuple(c.section.split(" › ")) if c.section else (), c.article)
        for c in chunks
    ]
    return [index_text(doc.title, c) for c in heads]
