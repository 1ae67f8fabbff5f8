"""A loopback rerank server in the two common shapes:

- TEI: `POST /rerank {query, texts}` → `[{index, score}]`, best first;
- Jina / Xinference / Cohere: `POST /v1/rerank {model, query, documents, top_n}` →
  `{results: [{index, relevance_score}]}` (a missing `model` is a 422, as Xinference answers).

Its relevance is a rule anyone can check: the share of the query's characters that occur in the text.
`fail_with` makes it answer every request with that HTTP status.
"""

from __future__ import annotations

from tests.fakes.loopback import JsonHandler, Loopback


def overlap(query: str, text: str) -> float:
    chars = {c for c in query if not c.isspace() and c not in "？?，。"}
    return sum(c in text for c in chars) / len(chars) if chars else 0.0


class _Handler(JsonHandler):
    def do_POST(self) -> None:  # noqa: N802 - http.server's name
        owner: FakeReranker = self.server.owner  # type: ignore[attr-defined]
        body = self.read_json()
        owner.requests.append((self.path, body))
        if owner.fail_with:
            self.send_json(owner.fail_with, {"error": "unavailable"})
            return
        if self.path == "/rerank":
            texts = body["texts"]
            rows = [{"index": i, "score": overlap(body["query"], t)} for i, t in enumerate(texts)]
            self.send_json(200, sorted(rows, key=lambda r: -r["score"]))
        elif self.path == "/v1/rerank":
            if not body.get("model"):
                self.send_json(422, {"detail": "model is required"})
                return
            docs = body["documents"]
            rows = [{"index": i, "relevance_score": overlap(body["query"], t)} for i, t in enumerate(docs)]
            rows.sort(key=lambda r: -r["relevance_score"])
            self.send_json(200, {"model": body["model"], "results": rows[: body.get("top_n") or len(rows)]})
        else:
            self.send_json(404, {"error": "not found"})


class FakeReranker(Loopback):
    def __init__(self) -> None:
        super().__init__(_Handler)
        self.requests: list[tuple[str, dict]] = []
        self.fail_with = 0
