"""Recompute every stored chunk's tokens and, optionally, its vector: after changing the embedder or the
dictionaries. The catalogue keeps the texts, so nothing is read from the original files."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from knowledge.index_text import stored_texts
from knowledge.vectors import date_number

if TYPE_CHECKING:
    from knowledge.base import KnowledgeBase


def reindex(
    kb: KnowledgeBase, *, vectors: bool = True, on_progress: Callable[[int], None] | None = None
) -> int:
    """The number of documents done."""
    store, embedder = kb.vectors, kb.embedder
    if not vectors:
        store = None
    if store is not None and embedder is not None:
        store.reset(embedder_name=embedder.name)
    done = 0
    for doc in kb.catalog.documents():
        chunks = kb.catalog.doc_chunks(doc.id)
        texts = stored_texts(doc, chunks)
        with kb.catalog.write():
            for c, text in zip(chunks, texts, strict=True):
                toks = " ".join(kb.analyzer.index_tokens(text))
                kb.catalog.db.execute("update chunks set tokens = ? where id = ?", [toks, c.id])
        if store is not None and embedder is not None and texts:
            meta: dict[str, str | int] = {
                "doc_id": doc.id,
                "doc_type": doc.doc_type or "",
                "date": date_number(doc.date),
            }
            store.add([c.id for c in chunks], embedder.embed_passages(texts), [meta] * len(texts))
        done += 1
        if on_progress:
            on_progress(done)
    return done
