"""Fragments that poll (`hx-trigger="load delay:…"` or `every …`) name their own target.

htmx inherits `hx-target` from the enclosing element: a job fragment swapped into the upload form
(`hx-target="#upload-status"`) polled once, replaced #upload-status itself with its outerHTML, and the
next poll had no target, so the page sat at 处理中 whenever a job outlived the first poll."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[2] / "api" / "web" / "templates"
POLLING = re.compile(r"\bload\b|\bevery\b")


class _Pollers(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[dict[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if POLLING.search(attributes.get("hx-trigger") or ""):
            self.found.append(attributes)


def pollers(text: str) -> list[dict[str, str | None]]:
    parser = _Pollers()
    # Jinja statements inside a tag would confuse the parser: keep what they wrap
    parser.feed(re.sub(r"{%.*?%}", "", text))
    return parser.found


def test_the_job_fragment_polls_itself():
    found = pollers((TEMPLATES / "_job.html").read_text(encoding="utf-8"))
    assert found, "the job fragment no longer polls"
    assert all(f.get("hx-target") == "this" for f in found)


def test_every_polling_element_names_its_target():
    offenders = [
        (path.name, f.get("hx-get"))
        for path in sorted(TEMPLATES.glob("*.html"))
        for f in pollers(path.read_text(encoding="utf-8"))
        if "hx-get" in f and f.get("hx-swap") == "outerHTML" and not f.get("hx-target")
    ]
    assert offenders == []


def test_the_check_sees_an_inherited_target():
    # the fragment as it was: a poller without its own target is caught
    old = '<div class="job" hx-get="/jobs/1" hx-trigger="load delay:700ms" hx-swap="outerHTML"></div>'
    assert pollers(old) and not pollers(old)[0].get("hx-target")
