"""竞赛 pages of the web console: the filtered, paged list, registration (typed or filled from a text or a
plan), the detail page with its audit log, edits and status changes. Every read and write goes through the
registry with the logged-in user (the same services and JSON shapes as the API), so roles and union scoping
are the API's."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import UploadFile as StarletteUpload

from api.errors import ApiError
from api.params import CompetitionRef
from api.presenters import competition_json, page_json
from api.web.common import FIELD_LABELS, WebRoute, WebUser, can_write, error_of, is_htmx, render
from api.web.paging import paging, window
from registry.listing import ActivityFilter, CompetitionFilter
from registry.model import COMPETITION_TYPES, OWNERSHIPS, STATUSES
from registry.policy import Action, allows
from registry.validation import COMPETITION_FIELDS, LABELS

router = APIRouter(route_class=WebRoute, include_in_schema=False)
EDITABLE = [(f, LABELS[f]) for f in COMPETITION_FIELDS]
SHOWN = [*COMPETITION_FIELDS[:6], "district", *COMPETITION_FIELDS[6:]]


def _date(value: str | None, label: str) -> dt.date | None:
    if not value or not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ApiError(422, "invalid", f"{label}格式应为 YYYY-MM-DD。") from None


def _districts(registry) -> list[str]:
    return sorted({u.district for u in registry.unions() if u.district})


@router.get("/competitions", response_class=HTMLResponse)
def competitions_page(
    request: Request,
    user: WebUser,
    type: str = "",
    status: str = "",
    district: str = "",
    union: str = "",
    date_from: str = "",
    date_to: str = "",
    page: int = 1,
) -> HTMLResponse:
    page, limit, offset = window(page)
    filters = {
        "type": type,
        "status": status,
        "district": district,
        "union": union,
        "date_from": date_from,
        "date_to": date_to,
    }
    wanted = CompetitionFilter(
        type=type or None,
        union=union or None,
        district=district or None,
        status=status or None,
        date_from=_date(date_from, "开始日期"),
        date_to=_date(date_to, "结束日期"),
    )
    found = request.app.state.registry.find_competitions(wanted, user=user, limit=limit, offset=offset)
    result = page_json(found, competition_json)
    shown = paging("/competitions", {k: v for k, v in filters.items() if v}, page, result["total"])
    context: dict[str, Any] = dict(
        result=result,
        filters=filters,
        page=page,
        pages=shown.pages,
        links=shown.links,
        types=COMPETITION_TYPES,
        statuses=STATUSES,
        districts=_districts(request.app.state.registry),
    )
    if is_htmx(request) and request.headers.get("hx-target") == "comp-table":
        return render(request, "_comp_table.html", **context)
    return render(request, "competitions.html", active="competitions", **context)


def _allowed_statuses(user, current: str) -> list[str]:
    if not can_write(user):
        return []
    if allows(user, Action.ADMIN):  # admins may also move a status back
        return [s for s in STATUSES if s != current]
    return [s for s in STATUSES if STATUSES.index(s) > STATUSES.index(current)]


def _competition_page(
    request: Request,
    user,
    ref: str,
    *,
    status_code: int = 200,
    message: str | None = None,
    error: str | None = None,
    edit: dict | None = None,
) -> HTMLResponse:
    """The detail page; after a refused edit, `edit` keeps the chosen field and the typed value."""
    registry = request.app.state.registry
    comp = competition_json(registry.competition_entry(ref, user=user))
    comp["audit"] = registry.audit_log(record=comp["reg_no"])
    project = registry.project(comp["project_id"]) if comp["project_id"] else None
    activities = registry.activity_rows(user=user, filter=ActivityFilter(competition=comp["id"]))
    return render(
        request,
        "competition.html",
        status_code=status_code,
        active="competitions",
        comp=comp,
        fields=SHOWN,
        labels=FIELD_LABELS,
        editable=EDITABLE,
        project=project,
        activities=activities,
        statuses=_allowed_statuses(user, comp["status"]),
        message=message,
        error=error,
        edit=edit or {},
    )


NEW_FORM = (
    "name",
    "type",
    "type_other",
    "union_name",
    "unit",
    "ownership",
    "start",
    "end",
    "planned",
    "total",
    "contact",
    "phone",
    "description",
)


def _new_competition_page(
    request: Request,
    *,
    form: dict | None = None,
    notes: dict | None = None,
    error: str | None = None,
    filled: bool = False,
    status_code: int = 200,
) -> HTMLResponse:
    return render(
        request,
        "competition_new.html",
        status_code=status_code,
        active="competitions",
        types=COMPETITION_TYPES,
        ownerships=OWNERSHIPS,
        form=form or {},
        notes=notes or {},
        labels=FIELD_LABELS,
        error=error,
        filled=filled,
    )


@router.get("/competitions/new", response_class=HTMLResponse)
def new_competition_page(request: Request, user: WebUser) -> HTMLResponse:
    request.app.state.registry.require(user, Action.WRITE)
    return _new_competition_page(request)


@router.post("/competitions/new/fill", response_class=HTMLResponse)
async def fill_competition(request: Request, user: WebUser) -> HTMLResponse:
    """从文字或文件填写: the understander reads the text or the plan; the form comes back pre-filled."""
    from service.drafts import competition_draft

    request.app.state.registry.require(user, Action.WRITE)
    form = await request.form()
    upload = form.get("plan")
    file = (
        (upload.filename, await upload.read())
        if isinstance(upload, StarletteUpload) and upload.filename
        else None
    )
    application = request.app.state.application
    try:
        draft = await run_in_threadpool(
            lambda: competition_draft(
                application.understander,
                text=str(form.get("text") or ""),
                file=file,
                today=application.today(),
            )
        )
    except Exception as exc:
        found = error_of(exc)
        if found is None or found[0] == 404:
            raise
        message = f"没能读取“{file[0]}”：{found[1]}" if file else found[1]
        return _new_competition_page(request, error=message, status_code=found[0])
    if not draft.values:
        return _new_competition_page(request, error="没能从中读出登记内容，请直接填写下面的表格。")
    return _new_competition_page(request, form=draft.values, notes=draft.notes, filled=True)


@router.post("/competitions/new")
async def register_competition(request: Request, user: WebUser) -> Response:
    form = await request.form()
    data = {k: (str(form.get(k) or "").strip() or None) for k in NEW_FORM}
    try:
        comp = await run_in_threadpool(lambda: request.app.state.registry.register_competition(data, by=user))
    except Exception as exc:
        found = error_of(exc)
        if found is None or found[0] == 404:
            raise
        return _new_competition_page(request, form=data, error=found[1], status_code=found[0])
    return RedirectResponse(f"/competitions/{comp.reg_no}", status_code=303)


@router.get("/competitions/{ref}", response_class=HTMLResponse)
def competition_page(ref: CompetitionRef, request: Request, user: WebUser) -> HTMLResponse:
    return _competition_page(request, user, ref)


def _after_write(request: Request, user, ref: str, action, edit: dict | None = None) -> Response:
    try:
        comp = action()
    except Exception as exc:
        found = error_of(exc)
        if found is None or found[0] in (403, 404):
            raise
        return _competition_page(request, user, ref, status_code=found[0], error=found[1], edit=edit)
    if is_htmx(request):
        return _competition_page(request, user, comp.reg_no, message="已保存。")
    return RedirectResponse(f"/competitions/{comp.reg_no}", status_code=303)


@router.post("/competitions/{ref}/edit")
def edit_competition(
    ref: CompetitionRef,
    request: Request,
    user: WebUser,
    field: Annotated[str, Form()],
    value: Annotated[str, Form()] = "",
) -> Response:
    registry = request.app.state.registry
    return _after_write(
        request,
        user,
        ref,
        lambda: registry.update_competition(ref, field=field, value=value.strip() or None, by=user),
        edit={"field": field, "value": value},
    )


@router.post("/competitions/{ref}/status")
def change_status(
    ref: CompetitionRef, request: Request, user: WebUser, status: Annotated[str, Form()]
) -> Response:
    registry = request.app.state.registry
    return _after_write(request, user, ref, lambda: registry.set_status(ref, status, by=user))
