"""A step-by-step form over chat: ask each field in order, go back, skip, review, edit one field, submit.

The whole position lives in a JSON state dict so it can be saved after every message and resumed by
another process:  {"flow", "mode": fill|edit|summary|pick, "step": field key, "data": {...}}.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bot import parsing, texts
from bot.flows import ask
from bot.flows.base import BACK, CONFIRM, DONE, EDIT, SKIP, Context, Outcome, Said, join
from bot.flows.fields import Field, Rejected, apply, display, parse, question
from bot.messages import Button, Incoming, InFile, Reply
from bot.parsing.corrections import correction_of


@dataclass(frozen=True)
class Form:
    name: str  # the state's "flow"
    intro: str
    fields: tuple[Field, ...]
    # stores the record; returns the closing replies; may raise Rejected-like registry errors
    submit: Callable[[Context, dict], Outcome]
    # extra lines after a field is understood (e.g. "unknown union, an admin will check")
    remark: Callable[[Context, Field, dict], str] = lambda ctx, f, data: ""
    # how users name a field in a correction ("人数写错了" → 计划参赛职工数): word → label
    aliases: dict[str, str] | None = None
    # a warning with buttons once some answers are known (an existing registration), or None
    warn: Callable[[Context, dict, set], Reply | None] = lambda ctx, data, changed: None

    def field(self, key: str) -> Field:
        return next(f for f in self.fields if f.key == key)

    def active(self, data: dict) -> list[Field]:
        return [f for f in self.fields if f.applies(data)]


def start(ctx: Context, form: Form) -> Outcome:
    state: dict[str, Any] = {"flow": form.name, "mode": "fill", "step": form.fields[0].key, "data": {}}
    first = ask_step(ctx, form, state)
    first = Reply(join(form.intro, first.text, texts.FIRST_QUESTION_FOOTER), first.buttons)
    return Outcome([first], state)


def typed_said(ctx: Context, text: str) -> Said:
    return Said(text=text, choice=None, intent=None, msg=Incoming(ctx.sender, text))


def current(ctx: Context, form: Form, state: dict) -> Reply:
    """The question the user is expected to answer now (used to resume and after a detour)."""
    if state["mode"] == "summary":
        return summary(ctx, form, state["data"])
    if state["mode"] == "pick":
        return pick(form, state["data"])
    return ask_step(ctx, form, state)


def ask_step(ctx: Context, form: Form, state: dict) -> Reply:
    f = form.field(state["step"])
    active = form.active(state["data"])
    position = f"（{active.index(f) + 1}/{len(active)}）" if state["mode"] == "fill" else ""
    # a step revisited with 上一步 shows what was typed before, like an edit does
    return question(ctx, f, state["data"], position=position, current=True)


def summary(ctx: Context, form: Form, data: dict) -> Reply:
    lines = [texts.SUMMARY_HEAD] + [f"{f.label}：{display(f, data)}" for f in form.active(data)]
    lines.append(texts.SUMMARY_FOOT)
    return Reply("\n".join(lines), (Button(texts.CONFIRM, CONFIRM), Button(texts.EDIT, EDIT)))


def pick(form: Form, data: dict) -> Reply:
    return Reply(texts.PICK_FIELD, tuple(Button(f.label, f"field:{f.key}") for f in form.active(data)))


def handle(ctx: Context, form: Form, state: dict, s: Said) -> Outcome:
    mode = state["mode"]
    file = s.msg.file
    if file is not None and (mode not in ("fill", "edit") or form.field(state["step"]).kind != "files"):
        return _file_out_of_step(ctx, form, state, file)
    if mode == "summary":
        return _on_summary(ctx, form, state, s)
    if mode == "pick":
        return _on_pick(ctx, form, state, s)
    return _on_field(ctx, form, state, s)


def _again(ctx: Context, form: Form, state: dict, *lead: str, buttons: tuple[Button, ...] = ()) -> Outcome:
    q = current(ctx, form, state)
    return Outcome([Reply(join(*lead, q.text), buttons or q.buttons)], state)


def _on_field(ctx: Context, form: Form, state: dict, s: Said) -> Outcome:
    f = form.field(state["step"])
    data = state["data"]
    if s.msg.file is not None:
        return _on_file(ctx, form, state, s)
    if s.intent == BACK:
        return _back(ctx, form, state)
    if s.intent == CONFIRM and data.get(f.key) is not None and f.kind != "files":
        # "确认"/"好" on a step that already has an answer keeps it
        return _advance(ctx, form, state, texts.UNDERSTOOD.format(label=f.label, value=display(f, data)))
    if s.intent == SKIP or (f.kind == "files" and s.intent == DONE):
        if not f.optional:
            return _again(ctx, form, state, texts.CANNOT_SKIP.format(label=f.label))
        if f.kind == "files":
            data.setdefault("files", [])
            line = texts.UNDERSTOOD.format(label=f.label, value=display(f, data))
        else:
            data[f.key] = None
            _drop_display(data, f)
            line = texts.SKIPPED.format(label=f.label)
        return _advance(ctx, form, state, line)
    if s.choice and s.choice.startswith("fix:"):
        return _fix(ctx, form, state, s.choice)
    if f.kind == "files":
        return _again(ctx, form, state)
    corrected = _correction(ctx, form, state, s)
    if corrected is not None:
        return corrected
    if s.choice is None and not f.free and parsing.looks_like_question(s.text):
        # a question instead of an answer: help first, then the same step again
        q = current(ctx, form, state)
        return Outcome([ask.reply(ctx, s.text), Reply(join(texts.BACK_TO_STEP, q.text), q.buttons)], state)
    try:
        values = parse(ctx, f, s, data)
    except Rejected as exc:
        return _again(ctx, form, state, exc.message, buttons=exc.buttons)
    apply(data, values)
    line = texts.UNDERSTOOD.format(label=f.label, value=display(f, data))
    warning = form.warn(ctx, data, set(values))
    outcome = _advance(ctx, form, state, "\n".join(x for x in (line, form.remark(ctx, f, data)) if x))
    return _warned(outcome, warning)


def _warned(outcome: Outcome, warning: Reply | None) -> Outcome:
    """The warning goes before the next question, and its buttons replace the question's."""
    if warning is None:
        return outcome
    last = outcome.replies[-1]
    return Outcome(
        [*outcome.replies[:-1], Reply(join(warning.text, last.text), warning.buttons)], outcome.state
    )


def _fix(ctx: Context, form: Form, state: dict, choice: str) -> Outcome:
    """A button offering to change one field ("fix:planned" or "fix:planned:total=150": keep the
    number just typed for the other field)."""
    _, key, *keep = choice.split(":", 2)
    data = state["data"]
    if keep and "=" in keep[0]:
        other, _, value = keep[0].partition("=")
        if other in {f.key for f in form.fields} and value.isdigit():
            data[other] = int(value)
    if key not in {f.key for f in form.active(data)}:
        return _again(ctx, form, state)
    state.update(mode="edit", step=key)
    return _again(ctx, form, state)


def _correction(ctx: Context, form: Form, state: dict, s: Said) -> Outcome | None:
    """`结束日期改成12月31日` at any step: change that field and come back to where the user was."""
    if s.choice is not None:
        return None
    c = correction_of(s.text)
    if c is None:
        return None
    data = state["data"]
    active = form.active(data)
    label = parsing.match_choice(c.what, [f.label for f in active], aliases=form.aliases)
    target = next((f for f in active if f.label == label), None)
    if target is None or target.kind == "files":
        return None
    if state["mode"] in ("fill", "edit") and target.key == state["step"]:
        return _on_field(
            ctx, form, state, typed_said(ctx, c.value)
        )  # the field being asked: it is the answer
    try:
        values = parse(ctx, target, typed_said(ctx, c.value), data)
    except Rejected as exc:
        return _again(ctx, form, state, exc.message)
    apply(data, values)
    line = texts.CHANGED.format(line=texts.UNDERSTOOD.format(label=target.label, value=display(target, data)))
    return _warned(_again(ctx, form, state, line), form.warn(ctx, data, set(values)))


DISPLAY_KEYS = {"project": "project_name", "competition": "competition_label"}


def _drop_display(data: dict, f: Field) -> None:
    """A skipped picker must not keep the name shown for its earlier answer."""
    if f.kind in DISPLAY_KEYS:
        data[DISPLAY_KEYS[f.kind]] = None


def take_file(files: list[dict], file, limits) -> Reply:
    """Keep an incoming file in `files` (part of the saved state); the reply says what happened.
    `limits` are the registry's UploadLimits, the same as the console's and the API's."""
    refused = _refusal(files, file, limits)
    if refused:
        return Reply(refused, (Button(texts.DONE, DONE),))
    _keep(files, file)
    return Reply(texts.FILE_RECEIVED.format(name=file.filename, n=len(files)), (Button(texts.DONE, DONE),))


def _refusal(files: list[dict], file, limits) -> str:
    if len(files) >= limits.files_per_upload:
        return texts.TOO_MANY_FILES.format(n=limits.files_per_upload)
    if len(file.data) > limits.file_bytes:
        return texts.FILE_TOO_BIG.format(name=file.filename, mb=limits.file_mb)
    return ""


def _keep(files: list[dict], file) -> None:
    # kept in the state (base64) so a restart before saving loses no photo; written to disk at the end
    files.append({"filename": file.filename, "mime": file.mime, "b64": base64.b64encode(file.data).decode()})


def _file_out_of_step(ctx: Context, form: Form, state: dict, file: InFile) -> Outcome:
    """A photo sent before the photo step waits for it in `pending_files` (merged when that step is
    asked); one sent after it (at the summary, in an edit) joins the files at once. Neither is lost."""
    step = next((f for f in form.active(state["data"]) if f.kind == "files"), None)
    if step is None:
        return _again(ctx, form, state, texts.FILE_NOT_EXPECTED)
    data = state["data"]
    passed = step.key in data
    files = data[step.key] if passed else state.setdefault("pending_files", [])
    refused = _refusal(files, file, ctx.registry.limits)
    if refused:
        return _again(ctx, form, state, refused)
    _keep(files, file)
    said = texts.FILE_ATTACHED_LATE if passed else texts.FILE_KEPT_FOR_STEP
    return _again(ctx, form, state, said.format(name=file.filename, label=step.label, n=len(files)))


def _on_file(ctx: Context, form: Form, state: dict, s: Said) -> Outcome:
    return Outcome([take_file(state["data"].setdefault("files", []), s.msg.file, ctx.registry.limits)], state)


def _back(ctx: Context, form: Form, state: dict) -> Outcome:
    if state["mode"] == "edit":
        state["mode"] = "summary"
        return _again(ctx, form, state)
    active = form.active(state["data"])
    i = [f.key for f in active].index(state["step"])
    if i == 0:
        return _again(ctx, form, state, texts.AT_FIRST)
    state["step"] = active[i - 1].key
    return _again(ctx, form, state)


def _advance(ctx: Context, form: Form, state: dict, understood: str) -> Outcome:
    data = state["data"]
    for f in form.fields:  # an answer can make a conditional field moot (类型 no longer 其他)
        if not f.applies(data):
            data.pop(f.key, None)
    active = form.active(data)
    keys = [f.key for f in active]
    if state["mode"] == "edit":
        # a changed answer may open a new required field (类型 → 其他): ask it before the summary
        missing = [f for f in active if f.key not in data or (data[f.key] is None and not f.optional)]
        nxt = missing[0].key if missing else None
    else:
        # after 上一步 and a new answer, continue with the first step not answered yet: the later
        # answers are kept (they can still be changed from the summary)
        i = keys.index(state["step"]) if state["step"] in keys else -1
        nxt = next((k for k in keys[i + 1 :] if k not in data), None)
    if nxt is None:
        state.update(mode="summary", step=None)
    else:
        state["step"] = nxt
    if state.get("pending_files") and (nxt is None or form.field(nxt).kind == "files"):
        # photos sent early: the photo step starts with them (or, without one, they are simply kept)
        data["files"] = data.get("files") or []
        data["files"] += state.pop("pending_files")
    return _again(ctx, form, state, understood)


def _on_summary(ctx: Context, form: Form, state: dict, s: Said) -> Outcome:
    if s.intent == CONFIRM:
        return _submit(ctx, form, state)
    if s.intent == EDIT:
        state["mode"] = "pick"
        return _again(ctx, form, state)
    if s.intent == BACK:
        state.update(mode="fill", step=form.active(state["data"])[-1].key)
        return _again(ctx, form, state)
    if s.choice and s.choice.startswith("fix:"):
        return _fix(ctx, form, state, s.choice)
    corrected = _correction(ctx, form, state, s)
    if corrected is not None:
        return corrected
    target = _field_named(form, state["data"], s)
    if target is not None:
        state.update(mode="edit", step=target.key)
        return _again(ctx, form, state)
    if s.choice is None and parsing.looks_like_question(s.text):
        q = current(ctx, form, state)
        return Outcome([ask.reply(ctx, s.text), q], state)
    return _again(ctx, form, state, texts.SUMMARY_AGAIN)


def _on_pick(ctx: Context, form: Form, state: dict, s: Said) -> Outcome:
    if s.intent == BACK:
        state["mode"] = "summary"
        return _again(ctx, form, state)
    target = _field_named(form, state["data"], s)
    if target is None:
        return _again(ctx, form, state, texts.PICK_AGAIN)
    state.update(mode="edit", step=target.key)
    return _again(ctx, form, state)


def _field_named(form: Form, data: dict, s: Said) -> Field | None:
    active = form.active(data)
    if s.choice and s.choice.startswith("field:"):
        key = s.choice.split(":", 1)[1]
        return next((f for f in active if f.key == key), None)
    text = s.text.removeprefix("修改").strip()
    if not text:
        return None
    label = parsing.match_choice(text, [f.label for f in active])
    return next((f for f in active if f.label == label), None)


def _submit(ctx: Context, form: Form, state: dict) -> Outcome:
    from registry.errors import InvalidValue

    try:
        return form.submit(ctx, state["data"])
    except InvalidValue as exc:
        # the registry has the last word (e.g. 结束日期 after an edited 开始日期): fix that one field
        keys = [f.key for f in form.active(state["data"])]
        if exc.field in keys:
            state.update(mode="edit", step=exc.field)
            return _again(ctx, form, state, exc.message)
        return _again(ctx, form, state, texts.INVALID.format(message=exc.message))
