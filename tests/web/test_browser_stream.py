"""In headless Chromium: the 问答 form reads the streamed answer (EventSource on /ask/stream) instead of
posting, and shows the final rendered answer with its citations."""

from __future__ import annotations

from tests.web.test_browser import login, page, server, viewport  # noqa: F401 - the shared fixtures


def test_the_answer_streams_into_the_page(server, page):  # noqa: F811
    base, token, _ = server
    login(page, base, token)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(f"{r.method} {r.url.removeprefix(base).split('?')[0]}"))
    page.fill("input[name=question]", "工会经费有哪些来源？")
    page.click("text=提问")
    page.wait_for_selector("details.cite")
    assert "百分之二" in page.inner_text("#result")
    assert "GET /ask/stream" in requests and "POST /ask" not in requests
    page.click("details.cite summary")
    assert "第四十三条" in page.inner_text("details.cite")
