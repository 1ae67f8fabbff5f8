"""The 问答 page keeps the previous questions in its form, so a follow-up works there too."""

from __future__ import annotations

import html
import re

from tests.web.conftest import hx


def hidden_history(page: str) -> list[str]:
    block = re.search(r'<span id="ask-history"[^>]*>(.*?)</span>', page, re.S)
    assert block, "the form has no history block"
    return [html.unescape(v) for v in re.findall(r'name="history" value="([^"]*)"', block.group(1))]


def test_a_follow_up_on_the_ask_page_is_understood_from_the_previous_question(console):
    client = console("viewer")
    first = client.post("/ask", data={"question": "工会经费有哪些来源？"}, headers=hx())
    assert 'hx-swap-oob="true"' in first.text  # htmx replaces the form's history out of band
    history = hidden_history(first.text)
    assert history == ["工会经费有哪些来源？"] and "按“" not in first.text
    second = client.post("/ask", data={"question": "企业拖着不交怎么办？", "history": history}, headers=hx())
    assert second.status_code == 200
    understood = re.search(r"（按“([^”]+)”理解）", second.text)
    assert understood and "工会经费" in understood.group(1) and "第四十四条" in second.text
    assert hidden_history(second.text) == ["工会经费有哪些来源？", understood.group(1) + "？"]
    # the whole page (no htmx) carries the history inside its form; a fresh /ask has none
    page = client.post("/ask", data={"question": "企业拖着不交怎么办？", "history": history})
    form = re.search(r"<form[^>]*action=\"/ask\".*?</form>", page.text, re.S).group(0)
    assert len(hidden_history(form)) == 2
    assert hidden_history(client.get("/ask").text) == []
