"""The knowledge base as a deployment opens it: the catalogue file, the vector store (embedded chroma or a
chroma server) for the embedder, and the pieces `Settings` chose (answerer, verifier, reranker, rewriter)."""

from __future__ import annotations

from pathlib import Path

from knowledge.analysis import Analyzer
from knowledge.answering import Verifier
from knowledge.base import AnswererFactory, KnowledgeBase, RewriterFactory
from knowledge.catalog import BUSY_TIMEOUT, Catalog
from knowledge.definitions import Definitions
from knowledge.embedders import Embedder
from knowledge.rerank import Reranker
from knowledge.vectors import VectorStore


def open_knowledge_base(
    *,
    db_path: Path,
    chroma_path: Path,
    chroma_url: str,
    embedder: Embedder | None,
    analyzer: Analyzer | None = None,
    answerer: AnswererFactory | None = None,
    verifier: Verifier | None = None,
    glossary: Definitions | None = None,
    region: str = "",
    reranker: Reranker | None = None,
    rewriter: RewriterFactory | None = None,
    busy_timeout: float = BUSY_TIMEOUT,
) -> KnowledgeBase:
    vectors = None
    if embedder is not None:
        vectors = VectorStore(embedder_name=embedder.name, path=chroma_path, url=chroma_url)
    return KnowledgeBase(
        catalog=Catalog(db_path, busy_timeout=busy_timeout),
        analyzer=analyzer or Analyzer(),
        embedder=embedder,
        vectors=vectors,
        answerer=answerer,
        verifier=verifier,
        glossary=glossary,
        region=region,
        reranker=reranker,
        rewriter=rewriter,
    )
