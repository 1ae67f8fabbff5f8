"""The chat model, built from settings values: LangChain's ChatOpenAI pointed at any OpenAI-compatible
endpoint (DeepSeek, Qwen/DashScope compatible mode, GLM, Ollama, vLLM, llama.cpp server).

Also meant for other users of the same endpoint (e.g. an intent classifier): `chat_model(config)`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from knowledge.errors import KnowledgeError

DEFAULT_TIMEOUT = 20.0


class LLMUnavailable(KnowledgeError):
    def __init__(self, reason: str) -> None:
        super().__init__(f"无法使用大语言模型：{reason}。")


@dataclass(frozen=True)
class LLMConfig:
    base_url: str  # e.g. http://127.0.0.1:11434/v1 (Ollama), https://api.deepseek.com/v1
    model: str = ""
    api_key: str = ""
    timeout: float = DEFAULT_TIMEOUT  # seconds for the whole answer, fallback included

    @property
    def configured(self) -> bool:
        return bool(self.base_url.strip())


def chat_model(config: LLMConfig, **options: Any):
    """A LangChain chat model for the endpoint. Raises LLMUnavailable without the `llm` extra.

    No retries: a 429 or 5xx goes straight to the extractive answer instead of waiting out a backoff
    the user would feel. Without an explicit key the SDK would look for OPENAI_API_KEY (and fail):
    local servers (Ollama, vLLM, llama.cpp) take any key, so a placeholder is sent.
    """
    if not config.configured:
        raise LLMUnavailable("未设置 GONGHUI_LLM_BASE_URL")
    try:
        from langchain_openai import ChatOpenAI
    except ImportError as exc:
        raise LLMUnavailable("未安装 llm 扩展（pip install 'gonghui[llm]'）") from exc
    params: dict[str, Any] = {
        "base_url": config.base_url.rstrip("/"),
        "model": config.model or "default",
        "api_key": config.api_key or "not-needed",
        "timeout": config.timeout,
        "max_retries": 0,
        "temperature": 0,
        "use_responses_api": False,  # every compatible server speaks /chat/completions
        "stream_usage": False,
    }
    return ChatOpenAI(**(params | options))
