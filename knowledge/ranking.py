"""Hybrid ranking: lexical BM25 and vector runs, fused, filtered, de-duplicated."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from knowledge import fusion
from knowledge.model import Filters, Hit

if TYPE_CHECKING:
    from knowledge.base import KnowledgeBase

_SPACE = re.compile(r"\s+")
NEAR_DUPLICATE = 0.9  # Jaccard of character bigrams above which two passages count as the same


def bigrams(text: str) -> set[str]:
    chars = _SPACE.sub("", text)
    return {chars[i : i + 2] for i in range(len(chars) - 1)}


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


class Ranker:
    def __init__(self, kb: KnowledgeBase, *, depth: int | None = None) -> None:
        self.kb = kb
        self.depth = depth or fusion.CANDIDATES_PER_RUN

    def runs(
        self, query: str, *, depth: int, filters: Filters | None = None
    ) -> tuple[list[tuple[str, float]], list[tuple[str, float]]]:
        """The lexical and the vector run, each (chunk id, score) best first."""
        kb = self.kb
        allowed = None
        if filters is not None and not filters.empty:
            allowed = kb.catalog.chunk_ids_where(
                doc_types=filters.doc_types,
                doc_ids=filters.doc_ids,
                date_from=filters.date_from,
                date_to=filters.date_to,
            )
        lexical = kb.lexical.search(kb.analyzer.query_terms(query), k=depth, allowed=allowed)
        vector: list[tuple[str, float]] = []
        if kb.vectors is not None and kb.embedder is not None:
            vector = kb.vectors.search(kb.embedder.embed_query(query), k=depth, filters=filters)
        return lexical, vector

    def search(self, query: str, *, k: int = 10, filters: Filters | None = None) -> list[Hit]:
        if not query.strip():
            return []
        lexical, vector = self.runs(query, depth=max(self.depth, k), filters=filters)
        if vector and lexical:
            fused = fusion.fuse([lexical, vector], weights=fusion.WEIGHTS, k=fusion.RRF_K)
        else:
            fused = list(lexical or vector)
        lex_rank = {cid: i + 1 for i, (cid, _) in enumerate(lexical)}
        vec_rank = {cid: i + 1 for i, (cid, _) in enumerate(vector)}
        similarity = dict(vector)
        # fetch a little more than k so de-duplication still leaves k hits
        head = [cid for cid, _ in fused[: k * 2 + 5]]
        chunks = self.kb.catalog.chunks(head)
        docs: dict[int, object] = {}
        hits: list[Hit] = []
        seen: list[set[str]] = []
        for cid, score in fused:
            chunk = chunks.get(cid)
            if chunk is None:  # stale id in an index (e.g. another process removed it)
                continue
            grams = bigrams(chunk.text)
            if any(jaccard(grams, other) >= NEAR_DUPLICATE for other in seen):
                continue
            seen.append(grams)
            doc = docs.get(chunk.doc_id) or self.kb.catalog.get(chunk.doc_id)
            docs[chunk.doc_id] = doc
            hits.append(
                Hit(
                    chunk_id=cid,
                    doc_id=chunk.doc_id,
                    title=doc.title,  # type: ignore[attr-defined]
                    section=chunk.section or "",
                    article=chunk.article,
                    text=chunk.text,
                    score=float(score),
                    doc_type=doc.doc_type,  # type: ignore[attr-defined]
                    date=doc.date,  # type: ignore[attr-defined]
                    doc_number=doc.doc_number,  # type: ignore[attr-defined]
                    lexical_rank=lex_rank.get(cid),
                    vector_rank=vec_rank.get(cid),
                    similarity=similarity.get(cid),
                )
            )
            if len(hits) >= k or cid == head[-1]:
                break
        return hits
