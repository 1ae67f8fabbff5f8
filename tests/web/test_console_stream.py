"""The console's 问答 page streams the answer (GET /ask/stream, server-sent events read by app.js);
the final event carries the same rendered answer as the plain form post."""

from __future__ import annotations

import json

from tests.web.conftest import hx


def events(text: str) -> list[tuple[str, dict]]:
    out = []
    for block in text.strip().split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.splitlines())
        out.append((lines["event"], json.loads(lines["data"])))
    return out


def test_the_stream_ends_with_the_answer_the_form_post_renders(console):
    client = console("viewer")
    question = "工会经费有哪些来源？"
    r = client.get("/ask/stream", params={"q": question})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream")
    got = events(r.text)
    assert [e for e, _ in got] == ["delta", "final"] and "百分之二" in got[0][1]["text"]
    plain = client.post("/ask", data={"question": question}, headers=hx()).text
    assert got[-1][1]["html"] == plain and 'id="cite-1"' in plain


def test_the_stream_needs_a_login_and_a_question(console):
    assert console.anonymous().get("/ask/stream", params={"q": "工会经费"}).status_code in (303, 401)
    assert console("viewer").get("/ask/stream", params={"q": " "}).status_code == 422


def test_the_ask_form_asks_for_the_stream(console):
    page = console("viewer").get("/ask").text
    assert 'data-stream="/ask/stream"' in page
    script = console("viewer").get("/static/app.js").text
    assert "EventSource" in script and "htmx:confirm" in script
