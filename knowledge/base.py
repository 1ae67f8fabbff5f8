"""KnowledgeBase: the one entry point channels use: ingest, remove, search, ask.

SQLite (catalog) is the source of truth. The lexical index is rebuilt in memory from the stored tokens
when first needed; the chroma collection persists on its own. Writes keep all three in step.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np

from ingest.errors import IngestError
from ingest.model import Document
from knowledge import consistency
from knowledge.aliases import Aliases
from knowledge.analysis import Analyzer
from knowledge.answering import Answerer, AnswerPipeline, Verifier
from knowledge.catalog import Catalog, DocRecord, chunk_id
from knowledge.consistency import Consistency, Repair
from knowledge.definitions import Definitions, FirstDefinition, PassageDefinitions
from knowledge.embedders import Embedder, QueryCache
from knowledge.extractive import ExtractiveAnswerer
from knowledge.followup import IndexStats, Rewriter, RuleRewriter, Standalone
from knowledge.gate import EvidenceGate, similarity_gate
from knowledge.index_text import index_text
from knowledge.lexical import LexicalIndex
from knowledge.llm.stream import AnswerEvent
from knowledge.model import IN_FORCE, Answer, Filters, Hit
from knowledge.ranking import Ranker
from knowledge.rerank import Reranker
from knowledge.titles import TitleIndex
from knowledge.topics import OffTopic
from knowledge.validity import resolve
from knowledge.vectors import VectorStore, date_number

log = logging.getLogger(__name__)
EMBED_BATCH = 64
PROGRESS_BATCH = 256  # chunks embedded between two progress reports of a long document
VECTOR_SLICE = 128  # vectors written to chroma in one call
DEFINITION_SEARCH = 20  # passages searched for the one that defines a term

# builds the answerer once the knowledge base exists (the extractive one needs its IDF; an LLM one
# falls back to the extractive one): chosen in Settings, passed in by service/composition.py
AnswererFactory = Callable[["KnowledgeBase"], Answerer]


# builds the rewriter of follow-up questions: the rule-based one needs the index's word statistics; an
# LLM one (service.composition) wraps it as its fallback
RewriterFactory = Callable[["KnowledgeBase"], Rewriter]


def rule_rewriter(kb: KnowledgeBase) -> Rewriter:
    return RuleRewriter(kb.analyzer, stats=IndexStats(lambda: kb.lexical))


def extractive(kb: KnowledgeBase) -> Answerer:
    return ExtractiveAnswerer(kb.analyzer, idf=kb.idf, others=lambda term: kb.aliases.of(term))


@dataclass
class IngestReport:
    added: list[tuple[int, str]] = field(default_factory=list)  # (doc id, title)
    replaced: list[tuple[int, str]] = field(default_factory=list)
    unchanged: list[tuple[int, str]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, Chinese reason)
    chunks: int = 0
    chars: int = 0


class KnowledgeBase:
    def __init__(
        self,
        *,
        catalog: Catalog,
        analyzer: Analyzer,
        embedder: Embedder | None,
        vectors: VectorStore | None,
        answerer: AnswererFactory | None = None,
        verifier: Verifier | None = None,
        glossary: Definitions | None = None,
        region: str = "",
        reranker: Reranker | None = None,
        rewriter: RewriterFactory | None = None,
    ) -> None:
        if (embedder is None) != (vectors is None):
            raise ValueError("embedder and vectors come together (or neither: lexical only)")
        self.catalog = catalog
        self.analyzer = analyzer
        self.embedder = QueryCache(embedder) if embedder is not None else None
        self.vectors = vectors
        self._lexical: LexicalIndex | None = None
        self._seen_version = catalog.data_version()
        self._titles: TitleIndex | None = None
        self._aliases: Aliases | None = None
        self._not_in_force: set[int] | None = None
        self.ranker = Ranker(self, reranker=reranker)
        gate = EvidenceGate(
            analyzer,
            idf=self.idf,
            min_similarity=similarity_gate(embedder.name if embedder else None),
            off_topic=OffTopic(self.embedder).similarity
            if self.embedder and self.embedder.semantic
            else None,
        )
        documents = PassageDefinitions(
            lambda term: self.search(term, k=DEFINITION_SEARCH), others=lambda term: self.aliases.of(term)
        )
        self.answerer = (answerer or extractive)(self)
        self.pipeline = AnswerPipeline(
            retrieve=lambda q, k, f: self.search(q, k=k, filters=f),
            gate=gate,
            answerer=self.answerer,
            verifier=verifier,
            definitions=FirstDefinition(glossary, documents) if glossary else documents,
            region=region,
        )
        # follow-up questions become standalone ones before retrieval (knowledge.followup)
        self.rewriter = (rewriter or rule_rewriter)(self)

    # -- indexes -----------------------------------------------------------------------------------
    def _drop_if_changed_elsewhere(self) -> None:
        """Another process (a CLI ingest while `serve` runs) wrote to the catalogue: the in-memory
        indexes no longer match it and are rebuilt from it on next use (~0.2 s for 12k chunks)."""
        version = self.catalog.data_version()
        if version != self._seen_version:
            self._seen_version = version
            self._lexical = self._titles = self._not_in_force = self._aliases = None

    @property
    def lexical(self) -> LexicalIndex:
        self._drop_if_changed_elsewhere()
        if self._lexical is None:
            index = LexicalIndex()
            index.build(self.catalog.iter_tokens())
            self._lexical = index
        return self._lexical

    @property
    def aliases(self) -> Aliases:
        """The short names the documents declare (年休假 for 带薪年休假), rebuilt when they change."""
        self._drop_if_changed_elsewhere()
        if self._aliases is None:
            self._aliases = Aliases.of_texts(self.catalog.texts_with("称"))
        return self._aliases

    def query_terms(self, query: str) -> dict[str, float]:
        """The question's weighted search terms: the analyzer's (with the bundled synonyms), and the
        other names of every name in it that a document declared."""
        return self.analyzer.query_terms(query, also=self.aliases.in_text(query))

    def idf(self, terms: Iterable[str]) -> dict[str, float]:
        return self.lexical.idf(terms)

    @property
    def not_in_force(self) -> set[int]:
        """Ids of documents that are 已修订 or 已废止 (search ranks them after those in force)."""
        self._drop_if_changed_elsewhere()
        if self._not_in_force is None:
            self._not_in_force = {d.id for d in self.catalog.documents() if d.status != IN_FORCE}
        return self._not_in_force

    def resolve_validity(self) -> None:
        """Recompute which documents are in force after a change (a few ms for hundreds of documents)."""
        documents = self.catalog.documents()
        current = {d.id: (d.status, d.superseded_by, d.superseded_by_id) for d in documents}
        # only what changed is written: after a batch of new documents that is usually nothing
        changed = {i: r for i, r in resolve(documents).items() if current.get(i) != r}
        if changed:
            self.catalog.set_validity(changed)
        self._not_in_force = None

    def update_document(self, doc_id: int, **values: str | None) -> DocRecord:
        """Change what is declared about a document (short_title, in_force_from, declared_status,
        declared_superseded_by), then resolve validity again."""
        self.catalog.update_declared(doc_id, **values)
        self.resolve_validity()
        self._titles = None
        return self.catalog.get(doc_id)

    @property
    def titles(self) -> TitleIndex:
        self._drop_if_changed_elsewhere()
        if self._titles is None:
            self._titles = TitleIndex(self.analyzer, ((d.id, d.title) for d in self.catalog.documents()))
        return self._titles

    # -- writing -----------------------------------------------------------------------------------
    def ingest(
        self,
        documents: Iterable[Document | IngestError],
        *,
        on_progress: Callable[[Document | IngestError], None] | None = None,
        on_chunks: Callable[[int], None] | None = None,
    ) -> IngestReport:
        """Store prepared documents; an IngestError in the stream is reported and skipped.
        ``on_chunks`` hears how many chunks of the group being stored are embedded so far.

        Small documents are grouped so the embedder sees full batches; a group's catalog rows commit
        only after its vectors are stored, so a crash never leaves chunks without vectors (only vectors
        without chunks, which `check` finds and removes).
        """
        report = IngestReport()
        group: list[Document] = []
        pending = 0
        for item in documents:
            if isinstance(item, IngestError):
                report.failed.append((item.path, item.reason))
            elif self._needs_store(item, report):
                group.append(item)
                pending += len(item.chunks)
                if pending >= EMBED_BATCH:
                    self._store(group, report, on_chunks)
                    group, pending = [], 0
            if on_progress:
                on_progress(item)
        if group:
            self._store(group, report, on_chunks)
        return report

    def _needs_store(self, doc: Document, report: IngestReport) -> bool:
        old = self.catalog.find_by_source(doc.source)
        if old is None:
            return True
        if old.content_hash == doc.content_hash:
            report.unchanged.append((old.id, old.title))
            return False
        return True  # a changed version: _store swaps it in, the old one stays searchable until then

    def _embed(self, texts: list[str], on_chunks: Callable[[int], None] | None) -> np.ndarray | None:
        """Passage vectors, in slices when someone follows the progress."""
        if self.embedder is None or not texts:
            return None
        if on_chunks is None:
            return self.embedder.embed_passages(texts)
        parts = []
        for start in range(0, len(texts), PROGRESS_BATCH):
            parts.append(self.embedder.embed_passages(texts[start : start + PROGRESS_BATCH]))
            on_chunks(min(start + PROGRESS_BATCH, len(texts)))
        return np.concatenate(parts)

    def _store(
        self, docs: Sequence[Document], report: IngestReport, on_chunks: Callable[[int], None] | None = None
    ) -> None:
        texts_per_doc = [[index_text(d.meta.title, c) for c in d.chunks] for d in docs]
        tokens_per_doc = [[self.analyzer.index_tokens(t) for t in texts] for texts in texts_per_doc]
        flat = [t for texts in texts_per_doc for t in texts]
        vectors = self._embed(flat, on_chunks)
        # Write order, so that a crash (kill -9 included) leaves at most orphans that `check` removes:
        # 1. fresh document ids, committed (never handed out again, see catalog.m004);
        # 2. the vectors under those ids (a crash here: vectors of no document, under a dead reservation);
        # 3. one short catalogue transaction: the new rows, and a replaced version leaving (until then
        #    the old version stays whole and searchable); 4. the old version's vectors (a crash: orphans).
        new_ids = self.catalog.reserve_ids(len(docs))
        ids: list[str] = []
        metas: list[dict[str, str | int]] = []
        lexical_items = []
        for doc, doc_id, tokens in zip(docs, new_ids, tokens_per_doc, strict=True):
            for c, toks in zip(doc.chunks, tokens, strict=True):
                cid = chunk_id(doc_id, c.index)
                ids.append(cid)
                lexical_items.append((cid, toks))
                metas.append(
                    {
                        "doc_id": doc_id,
                        "doc_type": doc.meta.doc_type or "",
                        "date": date_number(doc.meta.date),
                    }
                )
        old_versions: list[tuple[int, list[str]]] = []  # (doc id, chunk ids) of replaced versions
        replacing: set[str] = set()
        try:
            if self.vectors is not None and vectors is not None and ids:
                # in slices: chromadb holds the GIL through one add (~1 s per 1,000 vectors), and the
                # server's other threads (/health, searches) must get a turn between them
                for start in range(0, len(ids), VECTOR_SLICE):
                    end = start + VECTOR_SLICE
                    self.vectors.add(ids[start:end], vectors[start:end], metas[start:end])
            with self.catalog.write():
                for doc, doc_id, tokens in zip(docs, new_ids, tokens_per_doc, strict=True):
                    old = self.catalog.find_by_source(doc.source)
                    if old is not None:
                        self.catalog.release_source(old.id)
                        replacing.add(doc.source)
                    self.catalog.add(doc, tokens=tokens, doc_id=doc_id)
                    if old is not None:
                        old_versions.append((old.id, self.catalog.remove(old.id)))
        except BaseException:
            self._forget(new_ids)
            raise
        for old_id, old_chunks in old_versions:
            if self.vectors is not None:
                self.vectors.remove_document(old_id)
            if self._lexical is not None:
                self._lexical.remove(old_chunks)
        if self._lexical is not None:
            self._lexical.add(lexical_items)
        self._titles = self._aliases = None
        self.resolve_validity()
        for doc, doc_id in zip(docs, new_ids, strict=True):
            (report.replaced if doc.source in replacing else report.added).append((doc_id, doc.meta.title))
            report.chunks += len(doc.chunks)
            report.chars += len(doc.text)

    def _forget(self, doc_ids: list[int]) -> None:
        """A store failed before its commit: drop what it wrote under its reserved ids. If that fails
        too, the reservations stay and `check` removes the vectors once this process is gone."""
        try:
            if self.vectors is not None:
                for doc_id in doc_ids:
                    self.vectors.remove_document(doc_id)
            self.catalog.release_ids(doc_ids)
        except Exception:  # noqa: BLE001 - the original error is the one to report
            log.warning("未能清理未完成导入的向量（文档 %s），下次检查时清理", doc_ids, exc_info=True)

    def remove(self, doc_id: int) -> DocRecord:
        record = self.catalog.get(doc_id)
        # the catalog first: it is the source of truth, and vectors it no longer knows are skipped
        chunk_ids = self.catalog.remove(doc_id)
        if self.vectors is not None:
            self.vectors.remove_document(doc_id)
        if self._lexical is not None:
            self._lexical.remove(chunk_ids)
        self._titles = self._aliases = None
        self.resolve_validity()
        return record

    def reindex(self, *, vectors: bool = True, on_progress: Callable[[int], None] | None = None) -> int:
        """Recompute tokens (and, unless ``vectors`` is False, vectors) for every stored chunk: after
        changing the embedder, or the dictionaries (then tokens alone suffice and take seconds)."""
        from knowledge.reindexing import reindex

        done = reindex(self, vectors=vectors, on_progress=on_progress)
        self._lexical = None
        self._titles = None
        return done

    def check(self, *, repair: bool = False) -> tuple[Consistency, Repair | None]:
        """Compare catalogue, lexical index and vector store; with ``repair`` remove orphans, embed
        chunks missing a vector and rebuild the lexical index, then check again."""
        found = consistency.check(self)
        if not repair or found.consistent:
            return found, None
        fixed = consistency.repair(self, found)
        return consistency.check(self), fixed

    def drop_lexical(self) -> None:
        """Forget the in-memory BM25 index: the next search rebuilds it from the catalogue."""
        self._lexical = None

    # -- reading -----------------------------------------------------------------------------------
    def search(self, query: str, *, k: int = 10, filters: Filters | None = None) -> list[Hit]:
        return self.ranker.search(query, k=k, filters=filters)

    def ask(
        self, question: str, *, filters: Filters | None = None, k: int = 5, region: str | None = None
    ) -> Answer:
        """Answer from the documents. ``region``: where the asker is (their union and its parents,
        e.g. "哈尔滨市总工会 松北区总工会"); None means the deployment's region alone."""
        return self.pipeline.ask(question, filters=filters, k=k, region=region)

    @property
    def streams(self) -> bool:
        """Whether answers really arrive in parts (an LLM answerer); the extractive one is instant."""
        return callable(getattr(self.answerer, "stream", None))

    def ask_stream(
        self, question: str, *, filters: Filters | None = None, k: int = 5, region: str | None = None
    ) -> Iterator[AnswerEvent]:
        """`ask` as events: text deltas as the answer arrives, then the final (verified) answer.
        Retrieval runs now, so its errors surface before anything is streamed."""
        return self.pipeline.ask_stream(question, filters=filters, k=k, region=region)

    def standalone(self, question: str, history: Sequence[str]) -> Standalone:
        """The question rewritten from the previous ones (oldest first) when it leans on them."""
        return self.rewriter.rewrite(question, history) if history else Standalone(question, False)

    def ask_in_conversation(
        self,
        question: str,
        history: Sequence[str],
        *,
        filters: Filters | None = None,
        k: int = 5,
        region: str | None = None,
    ) -> tuple[Answer, Standalone]:
        """`ask` for a question in a conversation: rewritten into a standalone question when it leans on
        the previous ones, then answered; returns how it was understood too."""
        standalone = self.standalone(question, history)
        return self.ask(standalone.text, filters=filters, k=k, region=region), standalone

    def embed_query(self, query: str) -> np.ndarray | None:
        return self.embedder.embed_query(query) if self.embedder else None
