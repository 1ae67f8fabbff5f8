"""A loopback OpenAI-compatible chat server: POST /v1/chat/completions, JSON or SSE chunks.

Scripted per request with `Reply`s: answer (a fixed text, or one composed from the prompt it was
sent), answer slowly, return 500 or 429 with the provider's error body, or send broken JSON. What the
server receives is kept in `requests`, and how long it spent on each reply in `seconds`.
"""

from __future__ import annotations

import collections
import json
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from tests.fakes.loopback import JsonHandler, Loopback


@dataclass(frozen=True)
class Reply:
    content: str | Callable[[dict], str] = ""
    status: int = 200
    delay: float = 0.0  # seconds before the response starts
    chunk_delay: float = 0.0  # seconds between SSE chunks
    chunk_chars: int = 4  # characters per SSE chunk
    broken: bool = False  # malformed JSON (a cut-off body, or a cut-off SSE chunk after two good ones)

    def text(self, request: dict) -> str:
        return self.content(request) if callable(self.content) else self.content


def passages_in(request: dict) -> dict[int, str]:
    """The numbered passages of the prompt: {n: text}."""
    user = next(m["content"] for m in request["messages"] if m["role"] == "user")
    block = user.split("问题：")[0]
    found = {}
    for m in re.finditer(r"^\[(\d+)\] [^\n]*\n(.*?)(?=\n\n\[\d+\] |\n\n问题：|\Z)", block, re.S | re.M):
        found[int(m.group(1))] = m.group(2).strip()
    return found


def answer_well(request: dict) -> str:
    """A faithful answer: the first sentence of passage 1 (without its article number), citing it."""
    text = passages_in(request)[1]
    text = re.sub(r"^第[零一二三四五六七八九十百千\d]+条\s*", "", text)
    first = re.split(r"(?<=[。；])", text)[0].rstrip("；。")
    return f"{first}。[1]"


def answer_citing(request: dict, k: int = 3) -> str:
    """A faithful answer of up to k lines: the first sentence of each of the first k passages."""
    lines = []
    for n, text in list(passages_in(request).items())[:k]:
        lines_of = [line for line in text.split("\n") if re.search("[。；：]", line)]  # headings have none
        body = re.sub(r"^第[零一二三四五六七八九十百千\d]+条\s*", "", lines_of[0] if lines_of else text)
        first = re.split(r"(?<=[。；])", body)[0].rstrip("；。")
        if first:
            lines.append(f"{first}。[{n}]")
    return "\n".join(lines)


def _chunk(piece: str | None, *, finish: str | None = None, model: str = "fake") -> dict:
    delta = {"content": piece} if piece is not None else {}
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }


class _Handler(JsonHandler):
    def do_POST(self) -> None:  # noqa: N802 - http.server's name
        owner: FakeOpenAI = self.server.owner  # type: ignore[attr-defined]
        if not self.path.rstrip("/").endswith("/chat/completions"):
            self.send_json(404, {"error": {"message": "not found", "type": "invalid_request_error"}})
            return
        request = self.read_json()
        started = time.monotonic()
        reply = owner.next_reply(request)
        try:
            self._reply(request, reply)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (its deadline): that is what a slow reply is for
        finally:
            owner.seconds.append(time.monotonic() - started)

    def _reply(self, request: dict, reply: Reply) -> None:
        if reply.delay:
            time.sleep(reply.delay)
        if reply.status == 429:
            body = {
                "error": {"message": "Rate limit reached", "type": "rate_limit_error", "code": "rate_limit"}
            }
            self.send_json(429, body, headers={"Retry-After": "20"})
            return
        if reply.status >= 400:
            body = {"error": {"message": "The server had an error", "type": "server_error", "code": None}}
            self.send_json(reply.status, body)
            return
        text, model = reply.text(request), request.get("model", "fake")
        if not request.get("stream"):
            if reply.broken:
                self.send_body(200, b'{"id": "chatcmpl-fake", "object": "chat.completion", "choices": [{"ind')
                return
            body = {
                "id": "chatcmpl-fake",
                "object": "chat.completion",
                "created": int(time.time()),
                "model": model,
                "choices": [
                    {"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}
                ],
                "usage": {
                    "prompt_tokens": 100,
                    "completion_tokens": len(text),
                    "total_tokens": 100 + len(text),
                },
            }
            self.send_json(200, body)
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Connection", "close")
        self.end_headers()
        pieces = [text[i : i + reply.chunk_chars] for i in range(0, len(text), reply.chunk_chars)]
        events = [
            _chunk(None, model=model)
            | {"choices": [{"index": 0, "delta": {"role": "assistant"}, "finish_reason": None}]}
        ]
        events += [_chunk(p, model=model) for p in pieces] + [_chunk(None, finish="stop", model=model)]
        for i, event in enumerate(events):
            if reply.broken and i == 3:
                self.wfile.write(b'data: {"id": "chatcmpl-fake", "choices": [{"delta": {"cont\n\n')
                self.wfile.flush()
                return
            self.wfile.write(f"data: {json.dumps(event, ensure_ascii=False)}\n\n".encode())
            self.wfile.flush()
            if reply.chunk_delay:
                time.sleep(reply.chunk_delay)
        self.wfile.write(b"data: [DONE]\n\n")
        self.wfile.flush()
        self.close_connection = True


class FakeOpenAI(Loopback):
    """`with FakeOpenAI() as llm: llm.script(Reply(...)); …`; base_url is llm.base_url."""

    def __init__(self, default: Reply | None = None) -> None:
        super().__init__(_Handler)
        self.default = default or Reply(answer_well)
        self._script: collections.deque[Reply] = collections.deque()
        self._lock = threading.Lock()
        self.requests: list[dict] = []
        self.seconds: list[float] = []

    @property
    def base_url(self) -> str:
        return f"{self.url}/v1"

    def script(self, *replies: Reply) -> None:
        with self._lock:
            self._script.extend(replies)

    def next_reply(self, request: dict) -> Reply:
        with self._lock:
            self.requests.append(request)
            return self._script.popleft() if self._script else self.default
