"""A form filled from what a message or a plan file said: one summary of what was understood (✓, with how
a value was read), then only the missing fields, in the form's order. A plan sent while the form is open
fills the fields still empty; what the cadre has already answered stays."""

from __future__ import annotations

import re
from typing import Any

from bot import texts
from bot.flows.base import Context, Outcome, join
from bot.flows.fields import Rejected, apply, display, parse
from bot.flows.form import Form, current, start, typed_said
from bot.messages import Reply

# "我要登记一个竞赛" names no competition: a value that only says what kind of record it is is no value
_PLACEHOLDER = re.compile(r"^(?:一个|一项|一次|个|项|新的?)?(?:劳动|技能)?(?:竞赛|比赛|活动)$")
# an understanding's field names (registry JSON) → the form's keys where they differ
_SOURCE = {"project_id": "project", "competition_id": "competition"}


def prefill(ctx: Context, form: Form, values: dict, notes: dict, *, head: str) -> Outcome:
    data: dict = {}
    state: dict[str, Any] = {"flow": form.name, "mode": "fill", "step": None, "data": data}
    lines = _take(ctx, form, data, values, notes)
    if not data:
        return start(ctx, form)
    return _go_on(ctx, form, state, head, lines, set(data))


def merge(ctx: Context, form: Form, state: dict, values: dict, notes: dict, *, head: str) -> Outcome:
    """Into an open form: only the fields not answered yet; then on with the first still missing."""
    data = state["data"]
    before = set(data)
    lines = _take(ctx, form, data, values, notes)
    if not lines:
        q = current(ctx, form, state)
        return Outcome([Reply(join(head, texts.PREFILLED_NOTHING_NEW, q.text), q.buttons)], state)
    if before:
        lines.append(texts.PREFILL_KEPT)
    return _go_on(ctx, form, state, head, lines, set(data) - before)


def _take(ctx: Context, form: Form, data: dict, values: dict, notes: dict) -> list[str]:
    lines = []
    for f in form.fields:
        raw = values.get(_SOURCE.get(f.key, f.key))
        if f.key in data or raw is None or raw == "" or not f.applies(data) or _PLACEHOLDER.match(str(raw)):
            continue
        typed_in = raw.isoformat() if hasattr(raw, "isoformat") else str(raw)
        try:
            parsed = parse(ctx, f, typed_said(ctx, typed_in), data)
        except Rejected as exc:
            lines.append(
                texts.NOT_TAKEN.format(label=f.label, value=typed_in, reason=exc.message.rstrip("。"))
            )
            continue
        note = notes.get(_SOURCE.get(f.key, f.key))
        if note and "_notes" not in parsed:
            parsed["_notes"] = {f.key: note}
        apply(data, parsed)
        lines.append(texts.UNDERSTOOD.format(label=f.label, value=display(f, data)))
    return lines


def _go_on(ctx: Context, form: Form, state: dict, head: str, lines: list[str], changed: set) -> Outcome:
    data = state["data"]
    warning = form.warn(ctx, data, changed)
    missing = [f.key for f in form.active(data) if f.key not in data]
    if missing and state["mode"] == "fill":
        state["step"] = missing[0]
    elif not missing:
        state.update(mode="summary", step=None)
    q = current(ctx, form, state)
    rest = texts.PREFILL_REST if missing else ""
    text = join(head + "\n" + "\n".join(lines), warning.text if warning else "", rest, q.text)
    return Outcome([Reply(text, warning.buttons if warning else q.buttons)], state)
