"""竞赛、活动、统计、导出 pages of the web console: every read and write goes through the registry with the
logged-in user (the same services and JSON shapes as the API), so roles and union scoping are the API's."""

from __future__ import annotations

import datetime as dt
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.datastructures import UploadFile as StarletteUpload

from api.errors import ApiError
from api.params import CompetitionRef, RowId
from api.presenters import activity_json, competition_json, content_disposition, page_json
from api.web import charts
from api.web.common import WebRoute, WebUser, can_see_stats, can_write, error_of, is_htmx, percent, render
from registry.export import FORMATS, ExportKind
from registry.listing import ActivityFilter, CompetitionFilter
from registry.model import ACTIVITY_KINDS, COMPETITION_TYPES, OWNERSHIPS, STATUSES
from registry.policy import Action, allows
from registry.validation import ACTIVITY_FIELDS, COMPETITION_FIELDS, LABELS

router = APIRouter(route_class=WebRoute, include_in_schema=False)
PAGE_SIZE = 20
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp")
EDITABLE = [(f, LABELS[f]) for f in COMPETITION_FIELDS]
ACTIVITY_EDITABLE = [(f, LABELS[f]) for f in ACTIVITY_FIELDS]
SHOWN = [*COMPETITION_FIELDS[:6], "district", *COMPETITION_FIELDS[6:]]
FIELD_LABELS = LABELS | {"district": "区县", "reg_no": "登记编号", "status": "状态", "files": "附件"}


def _date(value: str | None, label: str) -> dt.date | None:
    if not value or not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ApiError(422, "invalid", f"{label}格式应为 YYYY-MM-DD。") from None


def _districts(registry) -> list[str]:
    return sorted({u.district for u in registry.unions() if u.district})


# -- 竞赛 ------------------------------------------------------------------------------------------
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
    page = max(page, 1)
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
    found = request.app.state.registry.find_competitions(
        wanted, user=user, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE
    )
    result = page_json(found, competition_json)
    pages = max(1, -(-result["total"] // PAGE_SIZE))
    query = {k: v for k, v in filters.items() if v}
    links = {
        "prev": f"/competitions?{urlencode(query | {'page': page - 1})}" if page > 1 else None,
        "next": f"/competitions?{urlencode(query | {'page': page + 1})}" if page < pages else None,
    }
    context = dict(
        result=result,
        filters=filters,
        page=page,
        pages=pages,
        links=links,
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


# -- 活动 ------------------------------------------------------------------------------------------
@router.get("/activities", response_class=HTMLResponse)
def activities_page(request: Request, user: WebUser, type: str = "", page: int = 1) -> HTMLResponse:
    page = max(page, 1)
    found = request.app.state.registry.find_activities(
        ActivityFilter(kind=type or None), user=user, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE
    )
    result = page_json(found, activity_json)
    pages = max(1, -(-result["total"] // PAGE_SIZE))
    query = {"type": type} if type else {}
    links = {
        "prev": f"/activities?{urlencode(query | {'page': page - 1})}" if page > 1 else None,
        "next": f"/activities?{urlencode(query | {'page': page + 1})}" if page < pages else None,
    }
    return render(
        request,
        "activities.html",
        active="activities",
        result=result,
        kinds=ACTIVITY_KINDS,
        type=type,
        page=page,
        pages=pages,
        links=links,
    )


ACTIVITY_FORM = ("kind", "kind_other", "date", "place", "participants", "summary", "competition_id")


def _new_activity_page(
    request: Request, *, form: dict | None = None, error: str | None = None, status_code: int = 200
) -> HTMLResponse:
    user = request.state.user
    competitions = request.app.state.registry.competitions(user=user)
    return render(
        request,
        "activity_new.html",
        status_code=status_code,
        active="activities",
        kinds=ACTIVITY_KINDS,
        competitions=sorted(competitions, key=lambda c: c.id, reverse=True),
        form=form or {},
        error=error,
        limits=request.app.state.registry.limits,
    )


@router.get("/activities/new", response_class=HTMLResponse)
def new_activity_page(request: Request, user: WebUser) -> HTMLResponse:
    request.app.state.registry.require(user, Action.WRITE)  # a viewer gets the reason, not a form
    return _new_activity_page(request)


async def _chosen_files(form, limits) -> list[tuple[str, bytes]]:
    """(name, content) of a form's "files" input. Read from the form itself: a browser sends an empty
    part when nothing was chosen, which a typed UploadFile parameter would reject before the page could
    answer (and with it everything the user typed)."""
    chosen = [f for f in form.getlist("files") if isinstance(f, StarletteUpload) and f.filename]
    if len(chosen) > limits.files_per_upload:
        raise ApiError(422, "invalid", f"一次最多上传 {limits.files_per_upload} 个附件。")
    return [(f.filename, await f.read()) for f in chosen]


@router.post("/activities/new")
async def record_activity(request: Request, user: WebUser) -> Response:
    form = await request.form()
    data = {k: (str(form.get(k) or "").strip() or None) for k in ACTIVITY_FORM}
    try:
        contents = await _chosen_files(form, request.app.state.registry.limits)
        act = await run_in_threadpool(
            lambda: request.app.state.registry.record_activity(data, by=user, files=contents)
        )
    except Exception as exc:
        found = error_of(exc)
        if found is None or found[0] == 404:
            raise
        # the form comes back filled in: nothing the user typed is lost (files must be chosen again)
        return _new_activity_page(request, form=data, error=found[1], status_code=found[0])
    return RedirectResponse(f"/activities/{act.id}", status_code=303)


def _activity_page(
    request: Request,
    user,
    activity_id: int,
    *,
    status_code: int = 200,
    message: str | None = None,
    error: str | None = None,
    edit: dict | None = None,
) -> HTMLResponse:
    registry = request.app.state.registry
    act = activity_json(registry.activity_entry(activity_id, user=user))
    act["audit"] = registry.audit_log(record=f"activity:{activity_id}")
    for f in act["attachments"]:
        f["url"] = f"/attachments/{f['id']}"
        f["image"] = f["filename"].lower().endswith(IMAGE_SUFFIXES)
    return render(
        request,
        "activity.html",
        status_code=status_code,
        active="activities",
        act=act,
        editable=ACTIVITY_EDITABLE,
        labels=FIELD_LABELS,
        message=message,
        error=error,
        edit=edit or {},
        limits=registry.limits,
    )


@router.get("/activities/{activity_id}", response_class=HTMLResponse)
def activity_page(activity_id: RowId, request: Request, user: WebUser) -> HTMLResponse:
    return _activity_page(request, user, activity_id)


@router.post("/activities/{activity_id}/files")
async def add_activity_files(activity_id: RowId, request: Request, user: WebUser) -> Response:
    registry = request.app.state.registry
    try:
        contents = await _chosen_files(await request.form(), registry.limits)
        await run_in_threadpool(registry.add_attachments, activity_id, contents, by=user)
    except Exception as exc:
        found = error_of(exc)
        if found is None or found[0] in (403, 404):
            raise
        return _activity_page(request, user, activity_id, status_code=found[0], error=found[1])
    return RedirectResponse(f"/activities/{activity_id}", status_code=303)


@router.post("/activities/{activity_id}/edit")
def edit_activity(
    activity_id: RowId,
    request: Request,
    user: WebUser,
    field: Annotated[str, Form()],
    value: Annotated[str, Form()] = "",
) -> Response:
    registry = request.app.state.registry
    try:
        registry.update_activity(activity_id, field=field, value=value.strip() or None, by=user)
    except Exception as exc:
        found = error_of(exc)
        if found is None or found[0] in (403, 404):
            raise
        return _activity_page(
            request,
            user,
            activity_id,
            status_code=found[0],
            error=found[1],
            edit={"field": field, "value": value},
        )
    if is_htmx(request):
        return _activity_page(request, user, activity_id, message="已保存。")
    return RedirectResponse(f"/activities/{activity_id}", status_code=303)


@router.post("/attachments/{attachment_id}/delete")
def delete_attachment(attachment_id: RowId, request: Request, user: WebUser) -> Response:
    act = request.app.state.registry.remove_attachment(attachment_id, by=user)
    return RedirectResponse(f"/activities/{act.id}", status_code=303)


@router.get("/attachments/{attachment_id}")
def attachment(attachment_id: RowId, request: Request, user: WebUser) -> Response:
    registry = request.app.state.registry
    att, _ = registry.attachment(attachment_id, user=user)  # NotFound → 404, PermissionDenied → 403
    path = registry.attachment_path(att.path)
    if not path.is_file():
        raise ApiError(404, "not_found", f"附件“{att.filename}”的文件已不在数据目录中，请联系管理员。")
    return FileResponse(path, filename=att.filename, headers={"X-Content-Type-Options": "nosniff"})


# -- 统计 ------------------------------------------------------------------------------------------
@router.get("/stats", response_class=HTMLResponse)
def stats_page(request: Request, user: WebUser) -> HTMLResponse:
    stats = request.app.state.registry.stats(user=user) if can_see_stats(user) else None
    figures = {}
    if stats:
        part = stats["participation"]["by_district"]
        figures = {
            "by_type": charts.bar_chart(stats["by_type"], title="按竞赛类型"),
            "by_district": charts.bar_chart(stats["by_district"], title="按区县"),
            "coverage": charts.ratio_bar(stats["projects"]["coverage"], title="重点项目覆盖率"),
            "participation": charts.bar_chart(
                {k: v["rate"] or 0 for k, v in part.items()},
                title="各区县职工参与率",
                fmt=percent,
                scale_max=1,
            ),
            "months": charts.column_chart(stats["activities"]["by_month"], title="每月活动数"),
        }
    return render(request, "stats.html", active="stats", stats=stats, figures=figures)


@router.get("/export/{what}.{fmt}")
def export(what: str, fmt: str, request: Request, user: WebUser) -> Response:
    if what not in {k.value for k in ExportKind} or fmt not in FORMATS:
        raise ApiError(404, "not_found", "没有这种导出：可导出 competitions / activities 的 xlsx / csv。")
    export = request.app.state.registry.export(what, fmt, user=user)
    return Response(
        export.data,
        media_type=export.media_type,
        headers={"Content-Disposition": content_disposition(export.filename)},
    )
