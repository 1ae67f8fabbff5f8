"""The knowledge base as a LangChain retriever, run in a small LCEL chain with langchain-core's
fake chat models (no endpoint at all)."""

from __future__ import annotations

import pytest

pytest.importorskip("langchain_core", reason="the llm extra (langchain-core) is not installed")

from langchain_core.language_models.fake_chat_models import FakeListChatModel, ParrotFakeChatModel  # noqa: E402
from langchain_core.output_parsers import StrOutputParser  # noqa: E402
from langchain_core.prompts import ChatPromptTemplate  # noqa: E402
from langchain_core.runnables import RunnablePassthrough  # noqa: E402

from knowledge.langchain import KnowledgeRetriever, format_passages  # noqa: E402
from knowledge.model import Filters  # noqa: E402
from service.composition import Application  # noqa: E402
from service.settings import Settings  # noqa: E402

from .helpers import COMPETITION_NOTICE, UNION_LAW  # noqa: E402

PROMPT = ChatPromptTemplate.from_messages(
    [("system", "只根据资料回答，并标注编号。"), ("human", "资料：\n{context}\n\n问题：{question}")]
)


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    kb = Application(Settings(data_dir=tmp_path_factory.mktemp("lc"), embedder="hash")).knowledge
    kb.ingest([UNION_LAW, COMPETITION_NOTICE])
    return kb


def chain(retriever, model):
    return (
        {"context": retriever | format_passages, "question": RunnablePassthrough()}
        | PROMPT
        | model
        | StrOutputParser()
    )


def test_retriever_returns_passages_with_their_source(kb):
    docs = KnowledgeRetriever(knowledge=kb, k=3).invoke("工会经费的来源有哪些")
    assert len(docs) == 3
    top = docs[0]
    assert "百分之二" in top.page_content
    assert top.metadata["title"] == "中华人民共和国工会法" and top.metadata["article"] == "第四十三条"
    assert top.id == top.metadata["chunk_id"] and top.metadata["doc_type"] == "法律"


def test_filters_pass_through(kb):
    docs = KnowledgeRetriever(knowledge=kb, k=5, filters=Filters(doc_types=("通知",))).invoke("开展竞赛")
    assert docs and {d.metadata["doc_type"] for d in docs} == {"通知"}


def test_an_lcel_chain_sends_the_retrieved_passages_to_the_model(kb):
    # the parrot model answers with the last message it was sent: the prompt our chain built
    echoed = chain(KnowledgeRetriever(knowledge=kb, k=2), ParrotFakeChatModel()).invoke(
        "工会经费的来源有哪些"
    )
    assert "问题：工会经费的来源有哪些" in echoed
    assert "[1] 《中华人民共和国工会法》第四十三条" in echoed and "百分之二" in echoed
    answer = chain(
        KnowledgeRetriever(knowledge=kb, k=2), FakeListChatModel(responses=["按工资总额的百分之二拨缴。[1]"])
    )
    assert answer.invoke("工会经费怎么拨缴") == "按工资总额的百分之二拨缴。[1]"
