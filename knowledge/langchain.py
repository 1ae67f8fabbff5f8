"""The knowledge base as a LangChain retriever, for users' own chains (needs the `llm` extra).

    from knowledge.langchain import KnowledgeRetriever
    retriever = KnowledgeRetriever(knowledge=application.knowledge, k=5)
    chain = {"context": retriever | format_passages, "question": RunnablePassthrough()} | prompt | model

Each Document is one passage: its text, and where it comes from (document, section, article) in
the metadata, so a chain can cite it the way our answers do.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever

from knowledge.model import Filters, Hit


def to_document(hit: Hit) -> Document:
    return Document(
        page_content=hit.text,
        id=hit.chunk_id,
        metadata={
            "chunk_id": hit.chunk_id,
            "doc_id": hit.doc_id,
            "title": hit.title,
            "section": hit.section,
            "article": hit.article,
            "doc_type": hit.doc_type,
            "date": hit.date,
            "score": hit.score,
        },
    )


def format_passages(documents: Sequence[Document]) -> str:
    """Numbered passages with their source, the way our own prompt shows them."""
    lines = []
    for n, d in enumerate(documents, 1):
        where = d.metadata.get("article") or d.metadata.get("section") or ""
        lines.append(f"[{n}] 《{d.metadata.get('title', '')}》{where}\n{d.page_content}")
    return "\n\n".join(lines)


class KnowledgeRetriever(BaseRetriever):
    """Hybrid search over the knowledge base (`KnowledgeBase.search`), as a LangChain retriever."""

    knowledge: Any  # a KnowledgeBase (kept as Any: pydantic needs no schema for it)
    k: int = 5
    filters: Filters | None = None

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[Document]:
        return [to_document(h) for h in self.knowledge.search(query, k=self.k, filters=self.filters)]
