"""An optional second stage: a reranker reorders the fused top 50 before the top k are cut.

Two kinds, for deployments that have one (none ships in any package these machines reach):
a sentence-transformers `CrossEncoder` by name or local path (`st:NAME_OR_PATH`), or an HTTP rerank
endpoint in the common `/rerank` shape (`http://host:port`): TEI (`{query, texts}` → `[{index,
score}]`), Xinference and Jina-compatible servers (`{model, query, documents}` → `{results: [{index,
relevance_score}]}`). An endpoint that fails leaves the fused order as it was, with a log line.
"""

from __future__ import annotations

import json
import logging
import os
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import replace
from typing import Any, Protocol

from knowledge.errors import KnowledgeError
from knowledge.model import Hit

log = logging.getLogger(__name__)
RERANK_DEPTH = 50  # fused candidates the reranker sees
TEXT_CHARS = 512  # cross-encoders read a few hundred tokens; the start of a passage carries its point
HTTP_TIMEOUT = 10.0


class UnknownReranker(KnowledgeError):
    def __init__(self, spec: str, reason: str) -> None:
        super().__init__(f"无法使用重排序模型「{spec}」：{reason}。")


class Reranker(Protocol):
    def rerank(self, query: str, hits: list[Hit]) -> list[Hit]:
        """The same hits, best first, each with the reranker's score."""
        ...


def rerank_text(hit: Hit) -> str:
    """What the reranker reads: the document and article name give context the passage lacks."""
    head = " ".join(p for p in (hit.title, hit.article or hit.section) if p)
    return f"{head}\n{hit.text}"[:TEXT_CHARS]


def reorder(hits: Sequence[Hit], scores: Sequence[float]) -> list[Hit]:
    """Hits by descending score; ties keep the fused order."""
    order = sorted(range(len(hits)), key=lambda i: (-scores[i], i))
    return [replace(hits[i], score=float(scores[i])) for i in order]


class CrossEncoderReranker:
    """A sentence-transformers CrossEncoder, given by hub name or local path (the hub stays off)."""

    def __init__(self, model: Any, *, batch_size: int = 16) -> None:
        if isinstance(model, str):
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            try:
                from sentence_transformers import CrossEncoder
            except ImportError as exc:
                raise UnknownReranker(
                    f"st:{model}", "未安装 sentence-transformers（pip install 'gonghui[st]'）"
                ) from exc
            try:
                model = CrossEncoder(model, device="cpu")
            except Exception as exc:  # noqa: BLE001 - hub/IO errors come in many types
                raise UnknownReranker(f"st:{model}", f"模型加载失败（{type(exc).__name__}）") from exc
        self.model = model
        self.batch_size = batch_size

    def rerank(self, query: str, hits: list[Hit]) -> list[Hit]:
        if not hits:
            return []
        pairs = [(query, rerank_text(h)) for h in hits]
        scores = self.model.predict(pairs, batch_size=self.batch_size, show_progress_bar=False)
        return reorder(hits, [float(s) for s in scores])


class HttpReranker:
    """A `/rerank` endpoint. Sends both the TEI (`texts`) and the Jina/Xinference (`documents`) field
    names, which each server ignores when they are not its own, and reads either answer shape."""

    def __init__(self, url: str, *, model: str = "", timeout: float = HTTP_TIMEOUT) -> None:
        url = url.rstrip("/")
        self.url = url if url.endswith("rerank") else f"{url}/rerank"
        self.model = model
        self.timeout = timeout

    def scores(self, query: str, texts: list[str]) -> list[float]:
        body: dict[str, Any] = {
            "query": query,
            "texts": texts,
            "documents": texts,
            "top_n": len(texts),
            "return_documents": False,
            "return_text": False,
        }
        if self.model:
            body["model"] = self.model
        request = urllib.request.Request(
            self.url,
            data=json.dumps(body, ensure_ascii=False).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=self.timeout) as response:
            payload = json.loads(response.read())
        rows = payload.get("results", payload.get("data")) if isinstance(payload, dict) else payload
        if not isinstance(rows, list):
            raise ValueError("the reranker answered without results")
        scores = [float("-inf")] * len(texts)
        for row in rows:
            score = row.get("score", row.get("relevance_score"))
            scores[int(row["index"])] = float(score)
        if any(s == float("-inf") for s in scores):
            raise ValueError("the reranker left passages unscored")
        return scores

    def rerank(self, query: str, hits: list[Hit]) -> list[Hit]:
        if not hits:
            return []
        try:
            scores = self.scores(query, [rerank_text(h) for h in hits])
        except (OSError, urllib.error.URLError, ValueError, KeyError, TypeError, IndexError) as exc:
            log.warning("重排序服务 %s 不可用（%s），保留原排序。", self.url, type(exc).__name__)
            return list(hits)
        return reorder(hits, scores)


def make_reranker(spec: str, *, model: str = "") -> Reranker | None:
    """`st:NAME_OR_PATH` | `http(s)://host:port[/rerank]` | empty (no reranker)."""
    spec = spec.strip()
    if not spec:
        return None
    if spec.startswith("st:"):
        return CrossEncoderReranker(spec[3:])
    if spec.startswith(("http://", "https://")):
        return HttpReranker(spec, model=model)
    raise UnknownReranker(spec, "可选 st:模型名/路径 或 http://主机:端口")
