"""The LLM answerer against a loopback OpenAI-compatible server (real HTTP, JSON and SSE), wired by
the composition root from Settings: good answers are verified, bad ones dropped, every failure of
the endpoint falls back to the extractive answer within the timeout."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

pytest.importorskip("langchain_openai", reason="the llm extra (langchain-openai) is not installed")

from knowledge.llm.answerer import LLMAnswerer  # noqa: E402
from knowledge.llm.stream import Delta, Final, snapshots  # noqa: E402
from service.composition import Application  # noqa: E402
from service.settings import Settings  # noqa: E402
from tests.fakes.openai_server import FakeOpenAI, Reply, passages_in  # noqa: E402

from .helpers import COMPETITION_NOTICE, UNION_LAW  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
QUESTION = "会员多少人以上应当建立基层工会委员会？"
GOOD = "用人单位有会员二十五人以上的，应当建立基层工会委员会。[1]"
TIMEOUT = 2.0


@pytest.fixture(scope="module")
def llm():
    with FakeOpenAI() as server:
        yield server


@pytest.fixture(scope="module")
def app(llm, tmp_path_factory):
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("llm"),
        embedder="none",
        llm_base_url=llm.base_url,
        llm_model="fake-model",
        llm_api_key="sk-test",
        llm_timeout=TIMEOUT,
    )
    application = Application(settings)
    application.knowledge.ingest([UNION_LAW, COMPETITION_NOTICE])
    return application


@pytest.fixture
def kb(app, llm):
    llm.script()  # nothing left over from another test
    return app.knowledge


def extractive(kb):
    return kb.answerer.fallback.answer(QUESTION, kb.search(QUESTION, k=5))


def ask_both(kb, llm, reply: Reply):
    """The answer and the streamed events for one scripted reply (sent twice: JSON, then SSE)."""
    llm.script(reply, reply)
    answer = kb.ask(QUESTION)
    events = list(kb.ask_stream(QUESTION))
    return answer, events


def test_the_composition_root_wires_the_llm_answerer(kb):
    assert isinstance(kb.answerer, LLMAnswerer)


def test_a_good_answer_is_shown_with_its_citation(kb, llm):
    answer, events = ask_both(kb, llm, Reply(GOOD))
    assert answer.found and answer.answer == GOOD
    assert [c.article for c in answer.citations] == ["第十一条"]
    # the model was sent numbered passages and asked to cite only them
    request = llm.requests[-1]
    assert request["model"] == "fake-model" and request["stream"] is True
    passages = passages_in(request)
    assert "二十五人" in passages[1] and set(passages) == set(range(1, len(passages) + 1))
    assert "只能引用给出的编号" in request["messages"][0]["content"]
    assert [e.text for e in events if isinstance(e, Delta)] == [GOOD]
    assert events[-1] == Final(answer)


def test_the_server_composes_from_the_prompt_it_was_sent(kb, llm):
    answer = kb.ask(QUESTION)  # the default reply: passage 1's first sentence, citing [1]
    assert answer.found and answer.answer.endswith("[1]") and "二十五人" in answer.answer


def test_a_citation_of_a_passage_not_given_is_removed(kb, llm, caplog):
    answer, events = ask_both(kb, llm, Reply(GOOD[:-3] + "[1][9]\n不足二十五人的，可以单独建立。[9]"))
    assert answer.answer == GOOD and events[-1].answer == answer
    assert "foreign_citation" in caplog.text


def test_a_sentence_with_an_invented_number_is_dropped_and_logged(kb, llm, caplog):
    with caplog.at_level(logging.WARNING):
        answer, events = ask_both(kb, llm, Reply(GOOD + "不足二十人的，也可以建立。[1]"))
    assert answer.answer == GOOD
    assert "".join(e.text for e in events if isinstance(e, Delta)) == GOOD  # never shown, even briefly
    assert "invented_number：20" in caplog.text


def test_nothing_left_after_verification_gives_the_extractive_answer(kb, llm):
    answer, events = ask_both(kb, llm, Reply("会员满三十人即可建立。[1]\n这是常识。"))
    assert answer == extractive(kb) and events[-1].answer == answer
    assert not [e for e in events if isinstance(e, Delta)]


def test_a_refusal_gives_the_extractive_answer(kb, llm):
    answer, events = ask_both(kb, llm, Reply("资料中没有相关规定。"))
    assert answer == extractive(kb) and events == [Final(answer)]


@pytest.mark.parametrize(
    "reply",
    [Reply(status=500), Reply(status=429), Reply(status=503), Reply(GOOD, broken=True), Reply("")],
    ids=["500", "429", "503", "broken-json", "empty"],
)
def test_endpoint_failures_give_the_extractive_answer(kb, llm, reply):
    answer, events = ask_both(kb, llm, reply)
    assert answer == extractive(kb) and answer.found
    assert events[-1] == Final(answer)


def test_a_stream_cut_mid_answer_ends_with_the_extractive_answer(kb, llm):
    llm.script(Reply(GOOD + "不足二十五人的，可以单独建立基层工会委员会。[1]", broken=True, chunk_chars=30))
    events = list(kb.ask_stream(QUESTION))
    assert events[-1] == Final(extractive(kb))  # what was shown before is replaced


@pytest.mark.parametrize(
    ("stream", "reply"),
    [
        (False, Reply(GOOD, delay=TIMEOUT + 3)),
        (True, Reply(GOOD, delay=TIMEOUT + 3)),
        (True, Reply(GOOD, chunk_delay=0.4, chunk_chars=2)),
    ],
    ids=["json-slow-to-start", "sse-slow-to-start", "sse-trickling"],
)
def test_a_slow_endpoint_falls_back_within_the_timeout(kb, llm, stream, reply):
    llm.script(reply)
    started = time.monotonic()
    answer = list(kb.ask_stream(QUESTION))[-1].answer if stream else kb.ask(QUESTION)
    elapsed = time.monotonic() - started
    assert answer == extractive(kb)
    assert elapsed < TIMEOUT + 1.0, elapsed


def test_a_question_the_documents_do_not_cover_never_reaches_the_model(kb, llm):
    before = len(llm.requests)
    answer = kb.ask("明天哈尔滨会下雪吗？")
    assert not answer.found and len(llm.requests) == before


def test_snapshots_edit_at_most_once_per_interval_and_end_with_the_answer():
    ticks = iter([0.0, 0.3, 1.1, 1.5, 2.6])
    events = [Delta("一"), Delta("二"), Delta("三"), Delta("四"), Delta("五"), Final("answer")]  # type: ignore[arg-type]
    assert list(snapshots(events, clock=lambda: next(ticks))) == ["一", "一二三", "一二三四五", "answer"]


def test_without_the_llm_extra_answers_are_extractive_with_a_log_line(tmp_path):
    """A fresh interpreter where langchain cannot be imported, as on an install without the extra."""
    script = textwrap.dedent(
        f"""
        import importlib.abc, logging, sys
        class NoLangChain(importlib.abc.MetaPathFinder):
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in ("langchain_openai", "langchain_core", "openai"):
                    raise ImportError("no " + name)
        sys.meta_path.insert(0, NoLangChain())
        logging.basicConfig(level=logging.WARNING)
        from pathlib import Path
        from service.composition import Application
        from service.settings import Settings
        from tests.knowledge.helpers import UNION_LAW
        app = Application(Settings(data_dir=Path({str(tmp_path)!r}), embedder="none", llm_base_url="http://127.0.0.1:9/v1"))
        app.knowledge.ingest([UNION_LAW])
        answer = app.knowledge.ask({QUESTION!r})
        print(type(app.knowledge.answerer).__name__, answer.found, answer.answer[:20])
        """
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.split()[:2] == ["ExtractiveAnswerer", "True"]
    assert "未安装 llm 扩展" in proc.stderr and "改用抽取式回答" in proc.stderr
