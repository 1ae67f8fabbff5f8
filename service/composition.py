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
    from knowledge.base import AnswererFactory, KnowledgeBase
    from registry import Registry
    from service.jobs import Jobs
    from training.service import TrainingService

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
        from knowledge.embedders import make_embedder
        from knowledge.opening import open_knowledge_base
        from knowledge.rerank import make_reranker

        s = self.settings
        return open_knowledge_base(
            db_path=s.knowledge_db,
            chroma_path=s.chroma_dir,
            chroma_url=s.chroma_url,
            embedder=make_embedder(s.embedder),
            answerer=self._answerer(),
            rewriter=self._rewriter(),
            region=s.region,
            reranker=make_reranker(s.reranker, model=s.reranker_model),
            busy_timeout=s.busy_timeout,
        )

    @cached_property
    def chat_model(self) -> object | None:
        """The deployment's LLM (GONGHUI_LLM_*) as a LangChain chat model, built once and shared by the
        answerer, the follow-up rewriter and the intent reader; None when none is configured (or the
        `llm` extra is missing: then everything stays rule-based and extractive, with a log line)."""
        from knowledge.llm.client import LLMUnavailable, chat_model

        if not self.llm_config.configured:
            return None
        try:
            return chat_model(self.llm_config)
        except LLMUnavailable as exc:
            log.warning("%s 改用抽取式回答和规则。", exc)
            return None

    @cached_property
    def llm_config(self):
        from knowledge.llm.client import LLMConfig

        s = self.settings
        return LLMConfig(
            base_url=s.llm_base_url, model=s.llm_model, api_key=s.llm_api_key, timeout=s.llm_timeout
        )

    def _answerer(self) -> AnswererFactory:
        """The answerer Settings choose (GONGHUI_ANSWERER): `extractive` (offline), `llm` (the endpoint of
        GONGHUI_LLM_*, with the extractive answer on every failure), or `auto`: llm when an endpoint is set."""
        from knowledge.base import extractive
        from knowledge.llm.answerer import LLMAnswerer

        s = self.settings
        if s.answerer not in ("auto", "extractive", "llm"):
            raise ValueError(f"GONGHUI_ANSWERER 只能是 auto、extractive 或 llm，而不是「{s.answerer}」")
        if s.answerer == "llm" and not self.llm_config.configured:
            raise ValueError("GONGHUI_ANSWERER=llm 需要先设置 GONGHUI_LLM_BASE_URL（和 GONGHUI_LLM_MODEL）。")
        model = self.chat_model if s.answerer != "extractive" else None
        if model is None:
            return extractive
        timeout = self.llm_config.timeout
        return lambda kb: LLMAnswerer(model, fallback=extractive(kb), timeout=timeout)

    def _rewriter(self):
        """Follow-up questions: rule-based, or the LLM with the rules as its fallback."""
        from knowledge.base import rule_rewriter
        from knowledge.followup_llm import LLMRewriter

        model = self.chat_model
        if model is None or self.settings.answerer == "extractive":
            return rule_rewriter
        timeout = min(self.llm_config.timeout, 5.0)  # a rewrite must not cost the whole answer's budget
        return lambda kb: LLMRewriter(model, fallback=rule_rewriter(kb), timeout=timeout)

    @cached_property
    def understander(self):
        """How a free-text message is read (intent and fields): the LLM with the rules as fallback when one
        is configured, else the rules."""
        from bot.understanding.llm import LLMUnderstander
        from bot.understanding.rules import RuleUnderstander

        rules = RuleUnderstander()
        model = self.chat_model
        if model is None:
            return rules
        return LLMUnderstander(model, rules, timeout=min(self.llm_config.timeout, 8.0))

    def today(self) -> date:
        return self._today()

    @cached_property
    def registry(self) -> Registry:
        from registry import Registry

        self.settings.data_dir.mkdir(parents=True, exist_ok=True)
        return Registry(
            self.settings.registry_db,
            attachments_dir=self.settings.attachments_dir,
            timezone=self.settings.timezone,
            limits=self.settings.upload_limits,
            busy_timeout=self.settings.busy_timeout,
        )

    @cached_property
    def engine(self) -> Engine:
        """The conversation engine every channel shares (terminal, Telegram, web)."""
        from bot.engine import Engine

        # the knowledge base is handed over lazily: a chat that only registers never loads the model
        return Engine(
            self.registry,
            _Lazy(lambda: self.knowledge),
            today=self._today,
            training=_Lazy(lambda: self.training),
            understander=self.understander,
        )

    @cached_property
    def training(self) -> TrainingService:
        """Courses, quizzes and certificates (training.db); the documents' passages are read from the
        catalogue on first use, without loading the embedder."""
        from knowledge.catalog import Catalog
        from training.corpus import Corpus
        from training.proposals import LLMProposer
        from training.service import TrainingService

        s = self.settings
        s.data_dir.mkdir(parents=True, exist_ok=True)
        catalog = Catalog(s.knowledge_db)
        model = self.chat_model
        return TrainingService(
            s.training_db,
            registry=self.registry,
            corpus=lambda: Corpus.from_catalog(catalog),
            corpus_version=catalog.data_version,
            cert_font=s.cert_font,
            proposer=LLMProposer(model, timeout=self.llm_config.timeout) if model is not None else None,
        )

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
