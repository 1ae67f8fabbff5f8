"""活动: /api/v1/activities and /attachments — list (filtered and paged by the registry), record (with
photos and files), show, edit, add and delete attachments, download them. Scoped like competitions."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import FileResponse

from api.auth import CurrentUser
from api.competition_routes import DateQ, Limit, Offset
from api.errors import ApiError
from api.params import Reference, RowId
from api.presenters import activity_json, page_json
from api.schemas import ActivityIn, ActivityPatch, Page
from registry.listing import ActivityFilter

router = APIRouter()


def _registry(request: Request):
    return request.app.state.registry


def _out(registry, activity_id: RowId, user) -> dict:
    entry = registry.activity_entry(activity_id, user=user)
    return activity_json(entry) | {"audit": registry.audit_log(record=f"activity:{activity_id}")}


@router.get(
    "/activities",
    tags=["活动"],
    response_model=Page,
    summary="活动列表",
    description="列出您有权查看的活动记录（动员会、座谈会、宣传……），可按活动形式、关联竞赛、组织单位或关联竞赛的"
    "主办工会、区县和日期范围筛选，可分页。",
)
def list_activities(
    request: Request,
    user: CurrentUser,
    type: Annotated[str | None, Query(description="活动形式，如 动员会")] = None,
    competition: Annotated[Reference | None, Query(description="关联竞赛的登记编号")] = None,
    union: Annotated[str | None, Query(description="组织单位或关联竞赛的主办工会（含下属工会）")] = None,
    district: Annotated[str | None, Query(description="区县（按关联竞赛或记录人所在工会）")] = None,
    date_from: DateQ = None,
    date_to: DateQ = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict:
    wanted = ActivityFilter(
        kind=type,
        competition=competition,
        union=union,
        district=district,
        date_from=date_from,
        date_to=date_to,
    )
    registry = _registry(request)
    if competition:
        registry.competition(competition, user=user)  # another union's competition: 403, unknown: 404
    page = registry.find_activities(wanted, user=user, limit=limit, offset=offset)
    return page_json(page, activity_json)


def _create_activity(registry, data: dict, user, files: list[tuple[str, bytes]]) -> dict:
    act = registry.record_activity(data, by=user, files=files)
    return activity_json(registry.activity_entry(act.id, user=user))


@router.post(
    "/activities",
    tags=["活动"],
    status_code=201,
    summary="记录活动",
    description="记录一次竞赛活动（JSON）；登记库逐项校验，出错时返回 422 和中文原因。带照片或文件时用 "
    "`POST /api/v1/activities/with-files`。查看者不能记录。",
)
def create_activity(body: ActivityIn, request: Request, user: CurrentUser) -> dict:
    return _create_activity(_registry(request), body.model_dump(), user, [])


@router.post(
    "/activities/with-files",
    tags=["活动"],
    status_code=201,
    summary="记录活动（带附件）",
    description="multipart 表单：`data` 为与 `POST /api/v1/activities` 相同的 JSON，`files` 为照片或文件"
    "（可多个，每个不超过 20 MB），保存在数据目录的 attachments/ 下并记录 sha256。",
)
async def create_activity_with_files(
    request: Request,
    user: CurrentUser,
    data: Annotated[str, Form(description="活动登记项（JSON）")],
    files: Annotated[list[UploadFile] | None, File(description="照片或文件")] = None,
) -> dict:
    from pydantic import ValidationError
    from starlette.concurrency import run_in_threadpool

    try:
        body = ActivityIn.model_validate_json(data)
    except ValidationError as exc:
        from api.errors import validation_message

        field, message = validation_message(exc.errors()[0] | {"loc": ("form", *exc.errors()[0]["loc"])})
        raise ApiError(422, "invalid", message, field=field) from None
    contents = [(f.filename or "附件", await f.read()) for f in files or []]
    return await run_in_threadpool(_create_activity, _registry(request), body.model_dump(), user, contents)


@router.get(
    "/activities/{activity_id}",
    tags=["活动"],
    summary="查看活动",
    description="一条活动记录及其附件（附件用 `GET /api/v1/attachments/{id}` 下载）。",
)
def show_activity(activity_id: RowId, request: Request, user: CurrentUser) -> dict:
    return _out(_registry(request), activity_id, user)


@router.patch(
    "/activities/{activity_id}",
    tags=["活动"],
    summary="修改活动",
    description='只提交要修改的登记项，如 {"participants": 120}；全部通过校验才保存（一项出错则都不保存），'
    "每项修改写入修改记录（GET /api/v1/activities/{id} 的 audit）。附件不能在这里修改。",
)
def update_activity(activity_id: RowId, body: ActivityPatch, request: Request, user: CurrentUser) -> dict:
    registry = _registry(request)
    changes = body.model_dump(include=body.model_fields_set)
    if not changes:
        raise ApiError(422, "invalid", "请至少提交一个要修改的登记项。")
    # one transaction: the registry's writes nest as savepoints inside it, so all fields land or none
    with registry.transaction():
        for field, value in changes.items():
            registry.update_activity(activity_id, field=field, value=value, by=user)
    return _out(registry, activity_id, user)


@router.post(
    "/activities/{activity_id}/files",
    tags=["活动"],
    summary="添加活动附件",
    description="multipart 表单 `files`：为已记录的活动补充照片或文件（每个不超过 20 MB，每条活动最多 20 个），"
    "全部保存或（出错时）都不保存，写入修改记录。",
)
async def add_activity_files(
    activity_id: RowId,
    request: Request,
    user: CurrentUser,
    files: Annotated[list[UploadFile], File(description="照片或文件")],
) -> dict:
    from starlette.concurrency import run_in_threadpool

    contents = [(f.filename or "附件", await f.read()) for f in files if f.filename]
    registry = _registry(request)
    await run_in_threadpool(registry.add_attachments, activity_id, contents, by=user)
    return await run_in_threadpool(_out, registry, activity_id, user)


@router.get(
    "/attachments/{attachment_id}",
    tags=["活动"],
    summary="下载附件",
    description="下载活动的照片或文件（只限您有权查看的活动），文件名用 Content-Disposition 给出（支持中文）。",
    response_class=FileResponse,
)
def download_attachment(attachment_id: RowId, request: Request, user: CurrentUser) -> FileResponse:
    registry = _registry(request)
    att, _ = registry.attachment(attachment_id, user=user)  # NotFound → 404, PermissionDenied → 403
    path = registry.attachment_path(att.path)
    if not path.is_file():
        raise ApiError(404, "not_found", f"附件“{att.filename}”的文件已不在数据目录中，请联系管理员。")
    return FileResponse(path, filename=att.filename)


@router.delete(
    "/attachments/{attachment_id}",
    tags=["活动"],
    summary="删除附件",
    description="删除活动中误传的照片或文件（只限您有权修改的活动）；修改记录保留文件名和 sha256。返回活动。",
)
def delete_attachment(attachment_id: RowId, request: Request, user: CurrentUser) -> dict:
    registry = _registry(request)
    act = registry.remove_attachment(attachment_id, by=user)
    return _out(registry, act.id, user)
