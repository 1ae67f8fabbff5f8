"""One form field: how it is asked, how an answer is parsed and checked, how its value is shown.

Values live in the conversation state, which must be JSON: dates are kept as ISO strings there and turned
back into `date` only when handed to the registry (`typed`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from bot import parsing, texts
from bot.flows.base import SKIP_BUTTON, Context, Said
from bot.messages import Button, Reply

MAX_TEXT = 500  # a chat answer longer than this is almost always a paste by mistake


class Rejected(Exception):
    """The answer cannot be used; `message` tells the user why, and `buttons` may offer choices."""

    def __init__(self, message: str, buttons: tuple[Button, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.buttons = buttons


@dataclass(frozen=True)
class Field:
    key: str  # the registry data key
    label: str
    question: str
    kind: str = "text"  # text | choice | date | count | project | competition | files
    optional: bool = False
    options: tuple[str, ...] = ()
    aliases: dict[str, str] | None = None
    example: str = ""
    # long free text (简介, 活动内容) may well end in "？" without being a question for the knowledge base
    free: bool = False
    when: Callable[[dict], bool] | None = None  # asked only when true for the answers so far
    check: bool = True  # pass through registry.check_field

    def applies(self, data: dict) -> bool:
        return self.when is None or self.when(data)


# -- asking ------------------------------------------------------------------------------------------
def buttons(ctx: Context, f: Field, data: dict) -> tuple[Button, ...]:
    if f.kind == "choice":
        out = [Button(o, o) for o in f.options]
    elif f.kind == "project":
        out = [Button(_project_label(p), f"project:{p.id}") for p in _suggest_projects(ctx, data)]
    elif f.kind == "competition":
        out = [Button(f"{c.reg_no} {c.name}", f"comp:{c.id}") for c in _my_competitions(ctx)[:8]]
    elif f.kind == "files":
        out = [Button(texts.DONE, "done")]
    elif f.key == "union_name" and ctx.user is not None:
        own = _own_union(ctx)
        out = [Button(own, own)] if own else []
    else:
        out = []
    if f.optional and f.kind != "files":
        out.append(SKIP_BUTTON)
    return tuple(out)


def question(ctx: Context, f: Field, data: dict, *, position: str = "", current: bool = False) -> Reply:
    lines = [f"{position}{f.question}" + (texts.OPTIONAL if f.optional else "")]
    if f.example:
        lines.append(f.example)
    if current and data.get(f.key) not in (None, "", []):
        lines.append(texts.CURRENT_VALUE.format(value=display(f, data)))
    return Reply("\n".join(lines), buttons(ctx, f, data))


def display(f: Field, data: dict) -> str:
    value = data.get(f.key)
    note = (data.get(NOTES) or {}).get(f.key)
    if note and value is not None:
        return note  # how a value was read when not literally ("2027-06-01，按明年理解")
    if f.kind == "files":
        names = [x["filename"] for x in data.get("files") or []]
        return "、".join(names) if names else texts.FILES_NONE
    if value is None or value == "":
        return texts.NOT_SET
    if f.kind == "project":
        return str(data.get("project_name") or value)
    if f.kind == "competition":
        return str(data.get("competition_label") or value)
    if f.kind == "count":
        return f"{value} 人"
    return str(value)


# -- answering ---------------------------------------------------------------------------------------
def parse(ctx: Context, f: Field, s: Said, data: dict) -> dict:
    """The data keys this answer sets, parsed and checked; raises Rejected."""
    answer = s.answer.strip()
    if not answer:
        raise Rejected(texts.EMPTY_ANSWER.format(label=f.label))
    if f.kind == "project":
        return _project(ctx, answer)
    if f.kind == "competition":
        return _competition(ctx, answer)
    try:
        if f.kind == "choice":
            value: object = parsing.match_choice(answer, list(f.options), aliases=f.aliases)
            if value is None:
                # the registry knows more spellings (e.g. 动员大会 → 动员会); it has the last word
                value = _registry_choice(ctx, f, answer, data)
        elif f.kind == "date":
            value, note = _date(ctx, f, answer, data)
            if note:
                return {f.key: jsonable(checked(ctx, f, value, data)), NOTES: {f.key: note}}
        elif f.kind == "count":
            value = parsing.parse_count(answer)
            _check_counts(f, value, data)
        else:
            value = answer if f.free else parsing.normalise(answer)  # keep line breaks in long text
            if len(str(value)) > MAX_TEXT:
                raise Rejected(texts.TOO_LONG.format(limit=MAX_TEXT))
    except parsing.ParseError as exc:
        raise Rejected(exc.message) from exc
    return {f.key: jsonable(checked(ctx, f, value, data))}


def _registry_choice(ctx: Context, f: Field, answer: str, data: dict) -> object:
    try:
        return checked(ctx, f, answer, data)
    except Rejected:
        pass
    guess = parsing.suggest_choice(answer, list(f.options), aliases=f.aliases)
    if guess is not None:  # a typo or a homophone: offer the near name first, the others after it
        others = tuple(b for b in buttons(ctx, f, data) if b.value != guess)
        raise Rejected(texts.DID_YOU_MEAN.format(option=guess), (Button(guess, guess), *others))
    raise Rejected(texts.NOT_A_CHOICE.format(text=answer), buttons(ctx, f, data))


def _date(ctx: Context, f: Field, answer: str, data: dict) -> tuple[date, str]:
    """The date and, when it was not read literally, how it was read. A start without a year that
    would lie in the past is next year's (nobody registers a competition that began months ago by
    typing 6月1日); an end without a year before the start is in the start's year or the one after."""
    reading = parsing.read_date(answer, today=ctx.today, end=f.key == "end")
    value = reading.value
    if reading.year_stated:
        return value, ""
    floor = ctx.today if f.key == "start" else None
    if f.key == "end" and isinstance(data.get("start"), str):
        floor = date.fromisoformat(data["start"])
    if floor is None or value >= floor:
        return value, ""
    while value < floor:
        value = _next_year(value)
    when = "明年" if value.year == ctx.today.year + 1 else f"{value.year}年"
    return value, texts.READ_AS_YEAR.format(value=value.isoformat(), when=when)


def _next_year(d: date) -> date:
    try:
        return d.replace(year=d.year + 1)
    except ValueError:  # 2月29日 of a leap year
        return d.replace(year=d.year + 1, day=28)


COUNT_PAIR = {"planned": "total", "total": "planned"}


def _check_counts(f: Field, value: int, data: dict) -> None:
    """计划参赛 more than 职工总数: one of the two numbers is wrong; offer to change either."""
    other = data.get(COUNT_PAIR.get(f.key, ""))
    if not isinstance(other, int):
        return
    planned, total = (value, other) if f.key == "planned" else (other, value)
    if planned > total:
        # "fix:<field to ask again>[:<field>=<the number just typed, kept>]"
        keep = f":{f.key}={value}"
        raise Rejected(
            texts.PLANNED_OVER_TOTAL.format(planned=planned, total=total),
            (
                Button(texts.CHANGE_PLANNED, "fix:planned" + (keep if f.key == "total" else "")),
                Button(texts.CHANGE_TOTAL, "fix:total" + (keep if f.key == "planned" else "")),
            ),
        )


def apply(data: dict, values: dict) -> None:
    """Store parsed values; a changed value loses the note of how the old one was read."""
    notes = data.setdefault(NOTES, {})
    new_notes = values.pop(NOTES, {})
    for key in values:
        notes.pop(key, None)
    notes.update(new_notes)
    data.update(values)


def checked(ctx: Context, f: Field, value: object, data: dict) -> object:
    if not f.check:
        return value
    from registry.errors import InvalidValue

    try:
        return ctx.registry.check_field(f.key, value, draft=typed(data))
    except InvalidValue as exc:
        raise Rejected(exc.message) from exc


def jsonable(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value


DATE_KEYS = ("start", "end", "date")
NOTES = "_notes"  # in the state's data: field key → how its value was read


def typed(data: dict) -> dict:
    """State values as the registry wants them: dates as `date`; display-only keys dropped."""
    out = {}
    for k, v in data.items():
        if k in ("project_name", "competition_label", "files", NOTES):
            continue
        out[k] = date.fromisoformat(v) if k in DATE_KEYS and isinstance(v, str) and v else v
    return out


# -- project and competition pickers -----------------------------------------------------------------
def _project_label(p) -> str:
    return f"{p.name}（{p.level}）"


def _suggest_projects(ctx: Context, data: dict) -> list:
    seen: dict[int, object] = {}
    unit = data.get("unit") or ""
    # "哈尔滨电机厂有限责任公司" should find "哈尔滨电机厂…项目": try the name without its company form
    short = re.sub(r"(股份)?有限(责任)?公司$|集团$|公司$", "", unit)
    for text in (unit, short, data.get("name")):
        if text and len(text) >= 2:
            for p in ctx.registry.find_projects(text):
                seen.setdefault(p.id, p)
    return list(seen.values())[:6]


def _project(ctx: Context, answer: str) -> dict:
    if answer.startswith("project:"):
        wanted = int(answer.split(":", 1)[1])
        found = [p for p in ctx.registry.projects() if p.id == wanted]
    else:
        found = ctx.registry.find_projects(answer)
        exact = [p for p in found if p.name == answer]
        found = exact or found
    if not found:
        raise Rejected(texts.NO_PROJECT_MATCH.format(text=answer), (SKIP_BUTTON,))
    if len(found) > 1:
        choices = tuple(Button(_project_label(p), f"project:{p.id}") for p in found[:8])
        raise Rejected(texts.MANY_PROJECTS, (*choices, SKIP_BUTTON))
    return {"project_id": found[0].id, "project_name": _project_label(found[0])}


def _my_competitions(ctx: Context) -> list:
    if ctx.user is None:
        return []
    return sorted(ctx.registry.competitions(user=ctx.user), key=lambda c: c.id, reverse=True)


def _competition(ctx: Context, answer: str) -> dict:
    mine = _my_competitions(ctx)
    if answer.startswith("comp:"):
        wanted = int(answer.split(":", 1)[1])
        found = [c for c in mine if c.id == wanted]
    else:
        key = answer.upper()
        found = [c for c in mine if c.reg_no.upper() == key or c.name == answer]
        found = found or [c for c in mine if answer in c.name]
        if not found and answer.isdigit() and 0 < int(answer) <= min(len(mine), 8):
            found = [mine[int(answer) - 1]]  # the number of a shown button, typed
    if len(found) != 1:
        shown = tuple(Button(f"{c.reg_no} {c.name}", f"comp:{c.id}") for c in (found or mine)[:8])
        raise Rejected(texts.NO_COMPETITION_MATCH.format(text=answer), (*shown, SKIP_BUTTON))
    c = found[0]
    return {"competition_id": c.id, "competition_label": f"{c.reg_no} {c.name}"}


def _own_union(ctx: Context) -> str | None:
    union_id = getattr(ctx.user, "union_id", None)
    union = ctx.registry.union_by_id(union_id) if union_id is not None else None
    return union.name if union else None
