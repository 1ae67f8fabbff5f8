"""Hybrid ranking: lexical BM25 and vector runs, fused, filtered, de-duplicated."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from knowledge import fusion
from knowledge.model import Filters, Hit
from knowledge.rerank import RERANK_DEPTH

if TYPE_CHECKING:
    from knowledge.base import KnowledgeBase
    from knowledge.catalog import DocRecord
    from knowledge.rerank import Reranker

_SPACE = re.compile(r"\s+")
NEAR_DUPLICATE = 0.9
# a question that names a document ("宪法里…", "北京的…") wants that document first: its passages get
# a run of their own (RRF weight, lexical-only mode) or an indicator score (z-score fusion)
NAMED_WEIGHT = 4.0
NAMED_SCORE_WEIGHT = 2.0
# rules no longer in force (已修订 / 已废止) rank after the ones that replace them: in z-score units
# (enough to order two revisions of one text, not to bury a rule only the old one has), or as a factor
# on an RRF score
NOT_IN_FORCE_PENALTY = 0.5
NOT_IN_FORCE_FACTOR = 0.9


@dataclass(frozen=True)
class Fused:
    ranking: list[tuple[str, float]]  # (chunk id, fused score), best first
    similarity: dict[str, float]  # cosine to the query, for every candidate with a vector
    lexical_rank: dict[str, int]
    vector_rank: dict[str, int]


def _ranks(run: list[tuple[str, float]]) -> dict[str, int]:
    return {cid: i + 1 for i, (cid, _) in enumerate(run)}


def bigrams(text: str) -> set[str]:
    chars = _SPACE.sub("", text)
    return {chars[i : i + 2] for i in range(len(chars) - 1)}


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


class Ranker:
    def __init__(
        self, kb: KnowledgeBase, *, depth: int | None = None, reranker: Reranker | None = None
    ) -> None:
        self.kb = kb
        self.depth = depth or fusion.CANDIDATES_PER_RUN
        self.reranker = reranker  # an optional second stage over the fused top RERANK_DEPTH

    def runs(
        self, query: str, *, depth: int, filters: Filters | None = None
    ) -> tuple[list[tuple[str, float]], list[tuple[str, float]]]:
        """The lexical and the vector run, each (chunk id, score) best first."""
        kb = self.kb
        lexical = kb.lexical.search(kb.query_terms(query), k=depth, allowed=self._allowed(filters))
        vector: list[tuple[str, float]] = []
        if kb.vectors is not None and kb.embedder is not None:
            vector = kb.vectors.search(kb.embedder.embed_query(query), k=depth, filters=filters)
        return lexical, vector

    def _allowed(self, filters: Filters | None, doc_ids: set[int] | None = None) -> set[str] | None:
        if doc_ids is None and (filters is None or filters.empty):
            return None
        f = filters or Filters()
        if doc_ids is not None and f.doc_ids:
            doc_ids = doc_ids & set(f.doc_ids)
        return self.kb.catalog.chunk_ids_where(
            doc_types=f.doc_types,
            doc_ids=doc_ids if doc_ids is not None else f.doc_ids,
            date_from=f.date_from,
            date_to=f.date_to,
        )

    def named_documents(self, terms: dict[str, float]) -> set[int]:
        """Documents the question names by title; expansions name nothing."""
        return self.kb.titles.named(t for t, w in terms.items() if w >= 1.0)

    def fused(self, query: str, *, depth: int, filters: Filters | None = None) -> Fused:
        """Candidates from each run, every candidate scored by every run, z-score fused.

        Score fusion keeps the margins that RRF throws away: a passage far ahead in BM25 (a union term
        only it contains, 安康杯) keeps its lead unless the vector run puts it far behind, where RRF
        would let a vector run whose top scores sit within 0.01 of each other outvote it.
        """
        kb = self.kb
        terms = kb.query_terms(query)
        allowed = self._allowed(filters)
        lexical = kb.lexical.search(terms, k=depth, allowed=allowed)
        named = self.named_documents(terms)
        named_run: list[tuple[str, float]] = []
        if named:
            named_run = kb.lexical.search(terms, k=depth, allowed=self._allowed(filters, named))
        if kb.vectors is None or kb.embedder is None:
            runs = [(lexical, 1.0), (named_run, NAMED_WEIGHT)]
            ranking = fusion.fuse(
                [r for r, _ in runs if r], weights=[w for r, w in runs if r], k=fusion.RRF_K
            )
            return Fused(self._prefer_in_force(ranking, scaled=True), {}, _ranks(lexical), {})
        query_vector = kb.embedder.embed_query(query)
        vector = kb.vectors.search(query_vector, k=depth, filters=filters)
        candidates = list(
            dict.fromkeys([c for c, _ in lexical] + [c for c, _ in vector] + [c for c, _ in named_run])
        )
        if not candidates:
            return Fused([], {}, {}, {})
        lexical_scores = dict(lexical) | dict(named_run)
        missing_lex = [c for c in candidates if c not in lexical_scores]
        if missing_lex:
            ids, scores = kb.lexical.scores(terms)
            row = {d: i for i, d in enumerate(ids)}
            lexical_scores.update({c: float(scores[row[c]]) for c in missing_lex if c in row})
        similarity = dict(vector)
        missing_vec = [c for c in candidates if c not in similarity]
        similarity.update(kb.vectors.similarities(query_vector, missing_vec))
        floor = min(similarity.values(), default=0.0)
        named_chunks = {c for c, _ in named_run}
        score_runs = [
            [lexical_scores.get(c, 0.0) for c in candidates],
            [similarity.get(c, floor) for c in candidates],
        ]
        weights = list(fusion.SCORE_WEIGHTS)
        if named_chunks:
            score_runs.append([1.0 if c in named_chunks else 0.0 for c in candidates])
            weights.append(NAMED_SCORE_WEIGHT)
        ranking = fusion.fuse_scores(candidates, score_runs, weights=weights)
        return Fused(
            self._prefer_in_force(ranking, scaled=False), similarity, _ranks(lexical), _ranks(vector)
        )

    def _prefer_in_force(self, ranking: list[tuple[str, float]], *, scaled: bool) -> list[tuple[str, float]]:
        old = self.kb.not_in_force
        if not old:
            return ranking

        def adjusted(cid: str, score: float) -> float:
            if int(cid.split(":", 1)[0]) not in old:
                return score
            return score * NOT_IN_FORCE_FACTOR if scaled else score - NOT_IN_FORCE_PENALTY

        rescored = [(cid, adjusted(cid, score)) for cid, score in ranking]
        return sorted(rescored, key=lambda kv: (-kv[1], kv[0]))

    def search(self, query: str, *, k: int = 10, filters: Filters | None = None) -> list[Hit]:
        if not query.strip():
            return []
        result = self.fused(query, depth=max(fusion.SCORE_CANDIDATES_PER_RUN, k), filters=filters)
        fused, similarity, lex_rank, vec_rank = (
            result.ranking,
            result.similarity,
            result.lexical_rank,
            result.vector_rank,
        )
        # a reranker reorders the fused top RERANK_DEPTH; k are cut after it
        want = max(k, RERANK_DEPTH) if self.reranker else k
        # fetch a little more than wanted so de-duplication still leaves enough hits
        head = [cid for cid, _ in fused[: want * 2 + 5]]
        chunks = self.kb.catalog.chunks(head)
        docs: dict[int, DocRecord] = {}
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
                    title=doc.title,
                    section=chunk.section or "",
                    article=chunk.article,
                    text=chunk.text,
                    score=float(score),
                    doc_type=doc.doc_type,
                    date=doc.date,
                    doc_number=doc.doc_number,
                    short_title=doc.name,
                    issuer=doc.issuer,
                    status=doc.status,
                    superseded_by=doc.superseded_by,
                    lexical_rank=lex_rank.get(cid),
                    vector_rank=vec_rank.get(cid),
                    similarity=similarity.get(cid),
                    ocr_confidence=chunk.ocr_confidence,
                    ocr_low=chunk.ocr_low,
                )
            )
            if len(hits) >= want or cid == head[-1]:
                break
        if self.reranker is not None:
            hits = self.reranker.rerank(query, hits)
        return hits[:k]
