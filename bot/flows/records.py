"""/my and what hangs off it: open a record, edit one field of a competition or an activity, change a
competition's status.

Buttons carry commands ("/open c 12", "/edit 12 start", "/edit a 7 place", "/status 12 进行中") so that
only editing a value needs conversation state: {"flow": "record", "id": 12, "field": "start"}, with
"kind": "a" for an activity (states saved before activities were editable have no kind).
"""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING

from bot import parsing, texts
from bot.flows.activity import FIELDS as ACTIVITY_FIELDS
from bot.flows.activity import LABEL_ALIASES as ACTIVITY_ALIASES
from bot.flows.activity import files_of
from bot.flows.base import BACK, DONE, Context, Outcome, Said, join
from bot.flows.fields import Field, Rejected, display, jsonable, parse, question, typed
from bot.flows.form import take_file
from bot.flows.register import FIELDS as COMPETITION_FIELDS
from bot.flows.register import LABEL_ALIASES as COMPETITION_ALIASES
from bot.messages import Button, Reply

if TYPE_CHECKING:
    from registry.model import Activity, Competition
from bot.parsing.corrections import correction_of
from registry.model import STATUSES

SHOWN = 10  # per list; more are for /export


def my(ctx: Context) -> Outcome:
    comps = sorted(ctx.registry.competitions(user=ctx.member), key=lambda c: c.id, reverse=True)
    acts = sorted(ctx.registry.activities(user=ctx.member), key=lambda a: a.id, reverse=True)
    if not comps and not acts:
        return Outcome([Reply(texts.MY_EMPTY, (Button("登记竞赛", "/register"),))])
    lines: list[str] = []
    buttons: list[Button] = []
    if comps:
        lines.append(texts.MY_COMPETITIONS.format(n=len(comps)))
        for c in comps[:SHOWN]:
            lines.append(f"· {c.reg_no} {c.name}（{c.unit}，{c.status}）")
            buttons.append(Button(f"{c.reg_no} {c.name}", f"/open c {c.id}"))
    if acts:
        names = {c.id: c.name for c in comps}
        lines.append(texts.MY_ACTIVITIES.format(n=len(acts)))
        for a in acts[:SHOWN]:
            link = f"，{names[a.competition_id]}" if a.competition_id in names else ""
            lines.append(f"· {a.date.isoformat()} {a.kind}（{a.place}，{a.participants} 人{link}）")
            buttons.append(Button(f"{a.date.isoformat()} {a.kind}", f"/open a {a.id}"))
    if len(comps) > SHOWN or len(acts) > SHOWN:
        lines.append(texts.MY_MORE.format(n=SHOWN))
    lines.append(texts.OPEN_HINT)
    return Outcome([Reply("\n".join(lines), tuple(buttons))])


def _comp_data(ctx: Context, comp) -> dict:
    data = {k: jsonable(v) for k, v in asdict(comp).items()}
    if comp.project_id is not None:
        p = ctx.registry.project(comp.project_id)
        data["project_name"] = f"{p.name}（{p.level}）" if p else str(comp.project_id)
    return data


def _fields(data: dict) -> list[Field]:
    return [f for f in COMPETITION_FIELDS if f.applies(data)]


def competition_text(ctx: Context, comp) -> str:
    data = _comp_data(ctx, comp)
    lines = [f"{comp.reg_no} {comp.name}", f"状态：{comp.status}"]
    lines += [f"{f.label}：{display(f, data)}" for f in _fields(data) if f.key != "name"]
    lines.append(f"登记时间：{comp.created_at[:16].replace('T', ' ')}")
    return "\n".join(lines)


def open_record(ctx: Context, arg: str) -> Outcome:
    kind, _, ref = arg.partition(" ")
    if kind == "a":
        return _open_activity(ctx, int(ref))
    comp = ctx.registry.competition(int(ref) if ref.isdigit() else ref, user=ctx.member)
    buttons = (
        Button(texts.EDIT_FIELD, f"/edit {comp.id}"),
        Button(texts.CHANGE_STATUS, f"/status {comp.id}"),
    )
    return Outcome([Reply(competition_text(ctx, comp), buttons)])


def _open_activity(ctx: Context, activity_id: int) -> Outcome:
    from registry.errors import NotFound, PermissionDenied

    try:
        act = ctx.registry.activity(activity_id, user=ctx.member)
    except (NotFound, PermissionDenied):
        return Outcome([Reply(texts.NOT_FOUND)])
    kind = f"{act.kind}（{act.kind_other}）" if act.kind_other else act.kind
    lines = [f"{act.date.isoformat()} {kind}", f"活动地点：{act.place}", f"参加人数：{act.participants} 人"]
    if act.organiser:
        lines.append(f"组织单位：{act.organiser}")
    if act.competition_id is not None:
        comp = ctx.registry.competition(act.competition_id, user=ctx.member)
        lines.append(f"关联竞赛：{comp.reg_no} {comp.name}")
    lines.append(f"活动内容：{act.summary}")
    if act.attachments:
        lines.append(texts.ACTIVITY_FILES.format(names="、".join(x.filename for x in act.attachments)))
    return Outcome([Reply("\n".join(lines), (Button(texts.EDIT_FIELD, f"/edit a {act.id}"),))])


def _act_data(ctx: Context, act) -> dict:
    data = {k: jsonable(v) for k, v in asdict(act).items() if k != "attachments"}
    if act.competition_id is not None:
        comp = ctx.registry.competition(act.competition_id, user=ctx.member)
        data["competition_label"] = f"{comp.reg_no} {comp.name}"
    return data


def _act_fields(data: dict) -> list[Field]:
    # attachments are added with /activity, not edited here
    return [f for f in ACTIVITY_FIELDS if f.kind != "files" and f.applies(data)]


def edit(ctx: Context, arg: str) -> Outcome:
    """ "/edit 12" offers the fields; "/edit 12 start" asks for the new value ("/edit a 7 …": activity)."""
    if arg.startswith("a "):
        return _edit_activity(ctx, arg[2:])
    ref, _, key = arg.partition(" ")
    comp = ctx.registry.competition(int(ref), user=ctx.member)
    data = _comp_data(ctx, comp)
    fields = _fields(data)
    if not key:
        buttons = tuple(Button(f.label, f"/edit {comp.id} {f.key}") for f in fields)
        return Outcome([Reply(texts.PICK_FIELD, buttons)])
    f = next((f for f in fields if f.key == key), None)
    if f is None:
        return Outcome([Reply(texts.NOT_FOUND)])
    state = {"flow": "record", "id": comp.id, "field": f.key}
    return Outcome([question(ctx, f, data, current=True)], state)


def _edit_activity(ctx: Context, arg: str) -> Outcome:
    ref, _, key = arg.partition(" ")
    act = ctx.registry.activity(int(ref), user=ctx.member)
    data = _act_data(ctx, act)
    fields = _act_fields(data)
    if not key:
        buttons = tuple(Button(f.label, f"/edit a {act.id} {f.key}") for f in fields)
        files = tuple(
            Button(texts.REMOVE_FILE.format(name=a.filename), f"/edit a {act.id} detach:{a.id}")
            for a in act.attachments
        )
        buttons += (Button(texts.ADD_FILES, f"/edit a {act.id} files"), *files)
        return Outcome([Reply(texts.PICK_FIELD, buttons)])
    if key.startswith("detach:"):
        return _detach(ctx, act, key.removeprefix("detach:"))
    if key == "files":
        state = {"flow": "record", "kind": "a", "id": act.id, "field": "files", "files": []}
        return Outcome([_files_question(state)], state)
    f = next((f for f in fields if f.key == key), None)
    if f is None:
        return Outcome([Reply(texts.NOT_FOUND)])
    state = {"flow": "record", "kind": "a", "id": act.id, "field": f.key}
    return Outcome([question(ctx, f, data, current=True)], state)


def _target(ctx: Context, state: dict) -> tuple[Activity | Competition, dict, Field]:
    """The record being edited, its data, and the field asked for."""
    if state.get("kind") == "a":
        act = ctx.registry.activity(state["id"], user=ctx.member)
        return act, _act_data(ctx, act), next(f for f in ACTIVITY_FIELDS if f.key == state["field"])
    comp = ctx.registry.competition(state["id"], user=ctx.member)
    return comp, _comp_data(ctx, comp), next(f for f in COMPETITION_FIELDS if f.key == state["field"])


def _detach(ctx: Context, act, arg: str) -> Outcome:
    """ "detach:5" asks to confirm; "detach:5 yes" deletes attachment 5 of the activity."""
    ref, _, answer = arg.partition(" ")
    att = next((a for a in act.attachments if str(a.id) == ref), None)
    if att is None:
        return Outcome([Reply(texts.NOT_FOUND)])
    if answer != "yes":
        buttons = (
            Button(texts.CONFIRM, f"/edit a {act.id} detach:{att.id} yes"),
            Button(texts.CANCEL_BUTTON, f"/open a {act.id}"),
        )
        return Outcome([Reply(texts.CONFIRM_REMOVE_FILE.format(name=att.filename), buttons)])
    ctx.registry.remove_attachment(att.id, by=ctx.member)
    shown = _open_activity(ctx, act.id).replies[0]
    return Outcome([Reply(join(texts.FILE_REMOVED.format(name=att.filename), shown.text), shown.buttons)])


def _files_question(state: dict) -> Reply:
    n = len(state["files"])
    text = texts.SEND_FILES + (texts.FILES_WAITING.format(n=n) if n else "")
    return Reply(text, (Button(texts.DONE, DONE),))


def _add_files(ctx: Context, state: dict, s: Said) -> Outcome:
    """Photos for a recorded activity: kept in the state until 完成, like during /activity."""
    if s.msg.file is not None:
        return Outcome([take_file(state["files"], s.msg.file, ctx.registry.limits)], state)
    if s.intent == BACK:
        return _open_activity(ctx, state["id"])
    if s.intent != DONE:
        return Outcome([_files_question(state)], state)
    if not state["files"]:
        return _open_activity(ctx, state["id"])
    from registry.errors import InvalidValue

    try:
        act = ctx.registry.add_attachments(state["id"], files_of(state), by=ctx.member)
    except InvalidValue as exc:  # e.g. the activity's attachment limit: nothing was saved
        shown = _open_activity(ctx, state["id"]).replies[0]
        return Outcome([Reply(join(exc.message, shown.text), shown.buttons)])
    shown = _open_activity(ctx, act.id).replies[0]
    saved = texts.FILES_ADDED.format(n=len(state["files"]))
    return Outcome([Reply(join(saved, shown.text), shown.buttons)])


def current(ctx: Context, state: dict) -> Reply:
    if state.get("field") == "files":
        return _files_question(state)
    _, data, f = _target(ctx, state)
    return question(ctx, f, data, current=True)


def handle(ctx: Context, state: dict, s: Said) -> Outcome:
    from registry.errors import InvalidValue

    if state.get("field") == "files":
        return _add_files(ctx, state, s)
    record, data, f = _target(ctx, state)
    is_activity = state.get("kind") == "a"
    if s.intent == BACK:
        return open_record(ctx, f"{'a' if is_activity else 'c'} {record.id}")
    corrected = _correction(ctx, state, record, data, f, s)
    if isinstance(corrected, Outcome):
        return corrected
    s = corrected
    if s.intent == "skip" and f.optional:
        values: dict = {f.key: None}
    else:
        try:
            values = parse(ctx, f, s, data)
        except Rejected as exc:
            q = question(ctx, f, data, current=True)
            # one field is edited here: the forms' "change the other number" buttons do not apply
            offered = tuple(b for b in exc.buttons if not b.value.startswith("fix:"))
            return Outcome([Reply(join(exc.message, q.text), offered or q.buttons)], state)
    update = ctx.registry.update_activity if is_activity else ctx.registry.update_competition
    try:
        updated = update(record.id, field=f.key, value=typed(values)[f.key], by=ctx.member)
    except InvalidValue as exc:
        q = question(ctx, f, data, current=True)
        return Outcome([Reply(join(exc.message, q.text), q.buttons)], state)
    if is_activity:
        line = texts.UNDERSTOOD.format(label=f.label, value=display(f, _act_data(ctx, updated)))
        shown = _open_activity(ctx, updated.id).replies[0]
        return Outcome([Reply(join(f"{texts.FIELD_UPDATED}{line}", shown.text), shown.buttons)])
    line = texts.UNDERSTOOD.format(label=f.label, value=display(f, _comp_data(ctx, updated)))
    return Outcome([Reply(join(f"{texts.FIELD_UPDATED}{line}", competition_text(ctx, updated)))])


def _correction(ctx: Context, state: dict, record, data: dict, f: Field, s: Said) -> Outcome | Said:
    """`人数写错了，是250人` while a field of a stored record is asked: the named field is changed (and the
    asked one asked again), or, when it names the asked field, its value is the answer."""
    from registry.errors import InvalidValue

    c = correction_of(s.text) if s.choice is None else None
    if c is None:
        return s
    is_activity = state.get("kind") == "a"
    fields = _act_fields(data) if is_activity else _fields(data)
    aliases = ACTIVITY_ALIASES if is_activity else COMPETITION_ALIASES
    label = parsing.match_choice(c.what, [x.label for x in fields], aliases=aliases)
    target = next((x for x in fields if x.label == label), None)
    if target is None:
        return s
    typed_in = Said(text=c.value, choice=None, intent=None, msg=s.msg)
    if target.key == f.key:
        return typed_in
    update = ctx.registry.update_activity if is_activity else ctx.registry.update_competition
    try:
        values = parse(ctx, target, typed_in, data)
        updated = update(record.id, field=target.key, value=typed(values)[target.key], by=ctx.member)
    except (Rejected, InvalidValue) as exc:
        q = question(ctx, f, data, current=True)
        return Outcome([Reply(join(exc.message, q.text), q.buttons)], state)
    now = _act_data(ctx, updated) if is_activity else _comp_data(ctx, updated)
    line = texts.CHANGED.format(line=texts.UNDERSTOOD.format(label=target.label, value=display(target, now)))
    q = question(ctx, f, now, current=True)
    return Outcome([Reply(join(line, q.text), q.buttons)], state)


def status(ctx: Context, arg: str) -> Outcome:
    """ "/status 12" offers the statuses; "/status 12 进行中" sets it."""
    ref, _, new = arg.partition(" ")
    comp = ctx.registry.competition(int(ref), user=ctx.member)
    if not new:
        buttons = tuple(Button(s, f"/status {comp.id} {s}") for s in STATUSES if s != comp.status)
        return Outcome([Reply(texts.PICK_STATUS.format(name=comp.name, status=comp.status), buttons)])
    updated = ctx.registry.set_status(comp.id, new.strip(), by=ctx.member)
    return Outcome([Reply(texts.STATUS_CHANGED.format(name=updated.name, status=updated.status))])
