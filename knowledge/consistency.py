"""Whether the catalogue, the lexical index and the vector store hold the same chunks, and repairs.

The catalogue (SQLite) is the source of truth. Writes are ordered so that a crash leaves only vectors
that no catalogue chunk has (knowledge.base.KnowledgeBase._store): those are removed. Chunks without a
vector can only come from outside damage (a restored or half-copied chroma directory): they are
embedded again. Vectors of an ingest still running in a live process are left alone ("in flight").
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from knowledge.catalog import ChunkRecord
from knowledge.index_text import stored_texts
from knowledge.vectors import date_number

if TYPE_CHECKING:
    from knowledge.base import KnowledgeBase

MAX_REEMBED = 5000  # beyond this a repair reports the chunks and leaves them to `gonghui reindex`


def process_alive(pid: int) -> bool:
    """Whether a process with this pid runs (a zombie, killed but not yet reaped, does not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    stat = Path(f"/proc/{pid}/stat")
    try:
        return stat.read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


@dataclass(frozen=True)
class Consistency:
    documents: int
    chunks: int  # catalogue chunk rows
    lexical: int  # chunks in the BM25 index
    vectors: int | None  # vectors in chroma; None when the knowledge base is lexical only
    orphan_vectors: tuple[str, ...] = ()  # vectors of no catalogue chunk (crash leftovers)
    orphan_docs: tuple[int, ...] = ()  # the document ids those vectors carry
    missing_vectors: tuple[str, ...] = ()  # catalogue chunks without a vector
    orphan_lexical: tuple[str, ...] = ()  # in the BM25 index, not in the catalogue
    missing_lexical: tuple[str, ...] = ()  # in the catalogue, not in the BM25 index
    miscounted: tuple[tuple[int, int, int], ...] = ()  # (doc id, chunks it says, chunk rows)
    in_flight: int = 0  # vectors of an ingest still running in a live process

    @property
    def consistent(self) -> bool:
        return not (
            self.orphan_vectors
            or self.missing_vectors
            or self.orphan_lexical
            or self.missing_lexical
            or self.miscounted
        )

    def as_json(self) -> dict[str, object]:
        return {
            "consistent": self.consistent,
            "catalogue": {"documents": self.documents, "chunks": self.chunks},
            "lexical": {"chunks": self.lexical},
            "vectors": None if self.vectors is None else {"count": self.vectors},
            "orphan_vectors": {"count": len(self.orphan_vectors), "doc_ids": list(self.orphan_docs)},
            "missing_vectors": {
                "count": len(self.missing_vectors),
                "chunk_ids": list(self.missing_vectors[:50]),
            },
            "orphan_lexical": len(self.orphan_lexical),
            "missing_lexical": len(self.missing_lexical),
            "miscounted": [{"doc_id": d, "says": n, "has": m} for d, n, m in self.miscounted],
            "in_flight": self.in_flight,
        }


@dataclass(frozen=True)
class Repair:
    removed_vectors: int = 0
    embedded: int = 0
    not_embedded: int = 0  # chunks without a vector left for `gonghui reindex` (too many, or no embedder)
    lexical_rebuilt: bool = False
    recounted: int = 0
    released: tuple[int, ...] = field(default=())  # dead reservations dropped

    def as_json(self) -> dict[str, object]:
        return {
            "removed_vectors": self.removed_vectors,
            "embedded": self.embedded,
            "not_embedded": self.not_embedded,
            "lexical_rebuilt": self.lexical_rebuilt,
            "recounted": self.recounted,
        }


def check(kb: KnowledgeBase) -> Consistency:
    catalog = kb.catalog
    in_catalog = catalog.chunk_ids()
    lexical = kb.lexical.ids()  # what this process searches (rebuilt from the catalogue if stale)
    counts = catalog.chunk_counts()
    miscounted = tuple((d, n, m) for d, (n, m) in sorted(counts.items()) if n != m)
    stored = kb.vectors.ids() if kb.vectors is not None else set()
    # Read after the vectors: a vector present now had its reservation made before it was written,
    # and the reservation goes only in the commit that adds its chunks to the catalogue.
    orphans = [v for v in stored if v not in in_catalog]
    missing = [c for c in in_catalog if c not in stored] if kb.vectors is not None else []
    doc_of: dict[str, int] = {}
    flying: list[str] = []
    if orphans or missing:
        now = catalog.chunk_ids()
        live = {d for d, pid in catalog.reservations().items() if process_alive(pid)}
        missing = [c for c in missing if c in now]
        orphans = [v for v in orphans if v not in now]
        # orphans exist only where vectors are stored (`stored` is empty without a vector store)
        doc_of = kb.vectors.docs_of(orphans) if orphans and kb.vectors is not None else {}
        flying = [v for v in orphans if doc_of.get(v) in live]
        orphans = [v for v in orphans if doc_of.get(v) not in live]
    return Consistency(
        documents=len(counts),
        chunks=len(in_catalog),
        lexical=len(lexical),
        vectors=None if kb.vectors is None else len(stored),
        orphan_vectors=tuple(sorted(orphans)),
        orphan_docs=tuple(sorted({doc_of.get(v, -1) for v in orphans})),
        missing_vectors=tuple(sorted(missing)),
        orphan_lexical=tuple(sorted(lexical - in_catalog.keys())),
        missing_lexical=tuple(sorted(in_catalog.keys() - lexical)),
        miscounted=miscounted,
        in_flight=len(flying),
    )


def repair(kb: KnowledgeBase, found: Consistency) -> Repair:
    catalog = kb.catalog
    removed = embedded = not_embedded = 0
    if kb.vectors is not None and found.orphan_vectors:
        kb.vectors.delete(list(found.orphan_vectors))
        removed = len(found.orphan_vectors)
        # ids seen in the vector store are never handed out again, whatever wrote them
        catalog.bump_ids_past(max(found.orphan_docs))
    dead = [d for d, pid in catalog.reservations().items() if not process_alive(pid)]
    if dead:
        catalog.release_ids(dead)
    if found.missing_vectors:
        if kb.embedder is not None and len(found.missing_vectors) <= MAX_REEMBED:
            embedded = _embed(kb, found.missing_vectors)
        not_embedded = len(found.missing_vectors) - embedded
    if found.miscounted:
        with catalog.write():
            for doc_id, _says, has in found.miscounted:
                catalog.db.execute("update documents set chunks = ? where id = ?", [has, doc_id])
    rebuilt = bool(found.orphan_lexical or found.missing_lexical)
    kb.drop_lexical()
    return Repair(
        removed_vectors=removed,
        embedded=embedded,
        not_embedded=not_embedded,
        lexical_rebuilt=rebuilt,
        recounted=len(found.miscounted),
        released=tuple(dead),
    )


def _embed(kb: KnowledgeBase, ids: Sequence[str]) -> int:
    """Embed and store the vectors of these catalogue chunks (a repair); returns how many."""
    if kb.vectors is None or kb.embedder is None:
        return 0
    by_doc: dict[int, list[ChunkRecord]] = {}
    for c in kb.catalog.chunks(ids).values():
        by_doc.setdefault(c.doc_id, []).append(c)
    done = 0
    for doc_id, chunks in by_doc.items():
        doc = kb.catalog.get(doc_id)
        meta: dict[str, str | int] = {
            "doc_id": doc.id,
            "doc_type": doc.doc_type or "",
            "date": date_number(doc.date),
        }
        texts = stored_texts(doc, chunks)
        kb.vectors.add([c.id for c in chunks], kb.embedder.embed_passages(texts), [meta] * len(chunks))
        done += len(chunks)
    return done
