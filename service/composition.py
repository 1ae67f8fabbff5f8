"""The composition root: the one place that builds the application from Settings.

Every adapter (CLI, terminal chat, Telegram, HTTP API and console, benchmarks) receives an
`Application` and uses its parts; none of them constructs a knowledge base, a registry or an engine
itself. Parts are built on first use, so a registry command never loads the embedder.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

from service.settings import Settings

if TYPE_CHECKING:
    from bot.engine import Engine
    from knowledge.base import KnowledgeBase
    from registry import Registry
    from service.jobs import Jobs

log = logging.getLogger("gonghui")


class Application:
    def __init__(
        self,
        settings: Settings,
        *,
        knowledge: KnowledgeBase | None = None,
        registry: Registry | None = None,
        today: Callable[[], date] | None = None,
    ) -> None:
        self.settings = settings
        self._today = today or date.today
        if knowledge is not None:
            self.__dict__["knowledge"] = knowledge
        if registry is not None:
            self.__dict__["registry"] = registry

    @cached_property
    def knowledge(self) -> KnowledgeBase:
        from knowledge.base import open_knowledge_base
        from knowledge.embedders import make_embedder
        from knowledge.llm.answerer import llm_answerer
        from knowledge.llm.client import LLMConfig
        from knowledge.rerank import make_reranker

        s = self.settings
        kb = open_knowledge_base(
            db_path=s.knowledge_db,
            chroma_path=s.chroma_dir,
            chroma_url=s.chroma_url,
            embedder=make_embedder(s.embedder),
        )
        kb.ranker.reranker = make_reranker(s.reranker, model=s.reranker_model)
        # the LLM answerer wraps the extractive one, which stays the answer on every LLM failure
        llm = LLMConfig(
            base_url=s.llm_base_url, model=s.llm_model, api_key=s.llm_api_key, timeout=s.llm_timeout
        )
        kb.answerer = llm_answerer(llm, fallback=kb.answerer)
        return kb

    @cached_property
    def registry(self) -> Registry:
        from registry import Registry

        self.settings.data_dir.mkdir(parents=True, exist_ok=True)
        return Registry(self.settings.registry_db, attachments_dir=self.settings.attachments_dir,
                        timezone=self.settings.timezone, limits=self.settings.upload_limits)  # fmt: skip

    @cached_property
    def engine(self) -> Engine:
        """The conversation engine every channel shares (terminal, Telegram, web)."""
        from bot.engine import Engine

        # the knowledge base is handed over lazily: a chat that only registers never loads the model
        return Engine(self.registry, _Lazy(lambda: self.knowledge), today=self._today)

    @cached_property
    def jobs(self) -> Jobs:
        """Document jobs (uploads, re-index): one worker, records in <data dir>/jobs.db."""
        from service.jobs import Jobs, JobStore

        return Jobs(JobStore(self.settings.data_dir / "jobs.db"))

    def close(self) -> None:
        if "jobs" in self.__dict__:
            self.jobs.shutdown()


class _Lazy:
    """Stands for an object that is built at its first use."""

    def __init__(self, build: Callable[[], object]) -> None:
        self._build = build

    def __getattr__(self, name: str) -> object:
        return getattr(self._build(), name)
