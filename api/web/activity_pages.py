"""活动 pages of the web console: the paged list, recording an activity with its photos, the detail page
with its audit log and edits, and the attachments (served through a route that checks the union scope)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.datastructures import UploadFile as StarletteUpload

from api.errors import ApiError
from api.params import RowId
from api.presenters import activity_json, page_json
from api.web.common import FIELD_LABELS, WebRoute, WebUser, error_of, is_htmx, render
from api.web.paging import paging, window
from registry.listing import ActivityFilter
from registry.model import ACTIVITY_KINDS
from registry.policy import Action
from registry.validation import ACTIVITY_FIELDS, LABELS

router = APIRouter(route_class=WebRoute, include_in_schema=False)
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp")
ACTIVITY_EDITABLE = [(f, LABELS[f]) for f in ACTIVITY_FIELDS]


@router.get("/activities", response_class=HTMLResponse)
def activities_page(request: Request, user: WebUser, type: str = "", page: int = 1) -> HTMLResponse:
    page, limit, offset = window(page)
    found = request.app.state.registry.find_activities(
        ActivityFilter(kind=type or None), user=user, limit=limit, offset=offset
    )
    result = page_json(found, activity_json)
    shown = paging("/activities", {"type": type} if type else {}, page, result["total"])
    return render(
        request,
        "activities.html",
        active="activities",
        result=result,
        kinds=ACTIVITY_KINDS,
        type=type,
        page=page,
        pages=shown.pages,
        links=shown.links,
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
    return [(f.filename or "附件", await f.read()) for f in chosen]


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
