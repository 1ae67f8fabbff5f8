"""The chroma vector collection: embedded PersistentClient or a `chroma run` server.

Embeddings are always computed by our own embedder and passed in: the collection is created without
an embedding function so chroma never reaches for its downloading default.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlparse

import numpy as np

from knowledge.errors import EmbedderMismatch, VectorStoreUnavailable
from knowledge.model import Filters

log = logging.getLogger(__name__)
COLLECTION = "gonghui_chunks"


def date_number(date: str | None) -> int:
    """2020-05-27 → 20200527; partial dates sort at the start of their period; unknown → 0."""
    if not date:
        return 0
    digits = date.replace("-", "")
    return int(digits.ljust(8, "0")) if digits.isdigit() else 0


class VectorStore:
    def __init__(self, *, embedder_name: str, path: Path | None = None, url: str = "") -> None:
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        chroma_settings = ChromaSettings(anonymized_telemetry=False)
        try:
            if url:
                parsed = urlparse(url)
                self.client = chromadb.HttpClient(
                    host=parsed.hostname or "127.0.0.1",
                    port=parsed.port or 8000,
                    ssl=parsed.scheme == "https",
                    settings=chroma_settings,
                )
                where = url
            else:
                assert path is not None
                path.mkdir(parents=True, exist_ok=True)
                self.client = chromadb.PersistentClient(path=str(path), settings=chroma_settings)
                where = str(path)
            self.collection = self.client.get_or_create_collection(
                COLLECTION,
                embedding_function=None,
                configuration={"hnsw": {"space": "cosine", "ef_search": 200}},
                metadata={"embedder": embedder_name},
            )
        except Exception as exc:  # noqa: BLE001 - connection errors vary by transport
            raise VectorStoreUnavailable(url or str(path), f"{type(exc).__name__}: {exc}") from exc
        built_with = (self.collection.metadata or {}).get("embedder")
        if built_with != embedder_name and self.collection.count() > 0:
            raise EmbedderMismatch(str(built_with), embedder_name)
        self.where = where

    def reset(self, *, embedder_name: str) -> None:
        """Drop every vector and record the (new) embedder: used by reindex."""
        self.client.delete_collection(COLLECTION)
        self.collection = self.client.get_or_create_collection(
            COLLECTION,
            embedding_function=None,
            configuration={"hnsw": {"space": "cosine", "ef_search": 200}},
            metadata={"embedder": embedder_name},
        )

    def add(self, ids: Sequence[str], vectors: np.ndarray, metas: Sequence[dict[str, str | int]]) -> None:
        for start in range(0, len(ids), 2000):  # chroma caps the batch size
            end = start + 2000
            self.collection.upsert(
                ids=list(ids[start:end]), embeddings=vectors[start:end], metadatas=list(metas[start:end])
            )

    def remove_document(self, doc_id: int) -> None:
        self.collection.delete(where={"doc_id": doc_id})

    def count(self) -> int:
        return self.collection.count()

    def ids(self, *, page: int = 50_000) -> set[str]:
        """Every stored vector id (ids alone: 20k in 0.1 s, where with their metadata it takes 5 s)."""
        out: set[str] = set()
        offset = 0
        while True:
            got = self.collection.get(include=[], limit=page, offset=offset)
            out.update(got["ids"])
            if len(got["ids"]) < page:
                return out
            offset += page

    def docs_of(self, ids: Sequence[str]) -> dict[str, int]:
        """The document id in the metadata of these vectors (-1 when it has none)."""
        out: dict[str, int] = {}
        ids = list(ids)
        for start in range(0, len(ids), 2000):
            got = self.collection.get(ids=ids[start : start + 2000], include=["metadatas"])
            metas = got["metadatas"] or [{} for _ in got["ids"]]
            for cid, meta in zip(got["ids"], metas, strict=True):
                doc_id = (meta or {}).get("doc_id", -1)
                out[cid] = int(doc_id) if isinstance(doc_id, int | float) else -1
        return out

    def delete(self, ids: Sequence[str]) -> None:
        for start in range(0, len(ids), 2000):
            self.collection.delete(ids=list(ids[start : start + 2000]))

    def similarities(self, vector: np.ndarray, ids: Sequence[str]) -> dict[str, float]:
        """Cosine similarity of the stored vectors of `ids` to `vector` (ids without a vector are left out)."""
        if not ids:
            return {}
        got = self.collection.get(ids=list(ids), include=["embeddings"])
        if not got["ids"]:
            return {}
        matrix = np.asarray(got["embeddings"], dtype=np.float32)
        norms = np.linalg.norm(matrix, axis=1) * max(float(np.linalg.norm(vector)), 1e-12)
        sims = matrix @ vector.astype(np.float32) / np.maximum(norms, 1e-12)
        return dict(zip(got["ids"], sims.tolist(), strict=True))

    def search(
        self, vector: np.ndarray, *, k: int, filters: Filters | None = None
    ) -> list[tuple[str, float]]:
        """(chunk id, cosine similarity), best first."""
        n = self.collection.count()
        if n == 0:
            return []
        result = self.collection.query(
            query_embeddings=[vector.tolist()],
            n_results=min(k, n),
            where=_where(filters),
            include=["distances"],
        )
        distances = result["distances"]
        assert distances is not None  # include=["distances"] above: chroma sends them
        return [(cid, 1.0 - float(d)) for cid, d in zip(result["ids"][0], distances[0], strict=True)]


def _where(filters: Filters | None) -> dict | None:
    if filters is None or filters.empty:
        return None
    clauses: list[dict] = []
    if filters.doc_types:
        clauses.append({"doc_type": {"$in": list(filters.doc_types)}})
    if filters.doc_ids:
        clauses.append({"doc_id": {"$in": list(filters.doc_ids)}})
    if filters.date_from:
        clauses.append({"date": {"$gte": date_number(filters.date_from)}})
    if filters.date_to:
        # an upper bound "2020" means through the end of 2020
        bound = filters.date_to.replace("-", "")
        clauses.append({"date": {"$lte": int(bound.ljust(8, "9"))}})
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}
