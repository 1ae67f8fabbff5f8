"""`POST /api/v1/ask` with `stream: true`: server-sent events, deltas then the final answer, over the
extractive answerer (no LLM configured) and over the LLM answerer against the loopback fake."""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from ingest.pipeline import prepare_text
from service.composition import Application
from service.settings import Settings

from .conftest import LAW


def events(response) -> list[tuple[str, dict]]:
    out = []
    for block in response.text.strip().split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.splitlines())
        out.append((lines["event"], json.loads(lines["data"])))
    return out


def test_streamed_extractive_answer_ends_with_the_answer_of_the_plain_call(api):
    body = {"question": "工会经费有哪些来源？"}
    plain = api.post("/api/v1/ask", json=body).json()
    response = api.post("/api/v1/ask", json=body | {"stream": True})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/event-stream")
    got = events(response)
    assert [e for e, _ in got] == ["delta", "final"]
    assert got[-1][1] == plain and got[0][1]["text"] == plain["answer"]


def test_stream_errors_are_json_before_anything_is_streamed(api):
    response = api.post("/api/v1/ask", json={"question": "  ", "stream": True})
    assert response.status_code == 422 and response.json()["error"]["field"] == "question"
    assert api.client.post("/api/v1/ask", json={"question": "x", "stream": True}).status_code == 401


@pytest.fixture(scope="module")
def llm_api(tmp_path_factory):
    pytest.importorskip("langchain_openai", reason="the llm extra (langchain-openai) is not installed")
    from tests.fakes.openai_server import FakeOpenAI

    with FakeOpenAI() as llm:
        settings = Settings(
            data_dir=tmp_path_factory.mktemp("api-llm"),
            embedder="hash",
            llm_base_url=llm.base_url,
            llm_timeout=5,
        )
        app = create_app(Application(settings))
        registry = app.state.registry
        registry.add_union("哈尔滨市总工会")
        registry.add_user("admin", display_name="管理员", role="admin", union="哈尔滨市总工会")
        token = registry.create_token("admin")[1]
        app.state.knowledge.ingest([prepare_text(LAW, source="工会法.txt")])
        with TestClient(app) as client:
            yield client, {"Authorization": f"Bearer {token}"}, llm


def test_streamed_llm_answer_shows_verified_sentences_then_the_final_answer(llm_api):
    from tests.fakes.openai_server import Reply, passages_in

    client, headers, llm = llm_api
    sent = {}

    def reply(request: dict) -> str:
        n = next(
            n for n, text in passages_in(request).items() if "百分之二" in text
        )  # the passage that says so
        sent["text"] = (
            f"工会经费来源包括会员缴纳的会费。[{n}]\n用人单位按每月全部职工工资总额的百分之二向工会拨缴经费。[{n}]\n拨缴比例为百分之五。[{n}]"
        )
        return sent["text"]

    llm.script(Reply(reply, chunk_chars=3))
    response = client.post(
        "/api/v1/ask", headers=headers, json={"question": "工会经费有哪些来源？", "stream": True}
    )
    got = events(response)
    deltas = [d["text"] for e, d in got if e == "delta"]
    assert [e for e, _ in got] == ["delta", "delta", "final"]  # the invented 百分之五 was never sent
    final = got[-1][1]
    kept = "\n".join(sent["text"].split("\n")[:2])
    assert final["found"] and final["answer"] == "".join(deltas) == re.sub(r"\[\d\]", "[1]", kept)
    assert [c["n"] for c in final["citations"]] == [1] and "百分之二" in final["citations"][0]["quote"]
    assert llm.requests[-1]["stream"] is True
