"""竞赛、活动、统计、导出: /api/v1/competitions, /activities, /attachments, /stats, /export.

Every read and write goes through the registry with the authenticated user, so roles and union scoping
are exactly the registry's: a record of another union is 403 (it exists, but not for you), an unknown
one 404; lists silently show only what the user may see."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import quote

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import FileResponse, Response

from api.auth import CurrentUser
from api.errors import ApiError
from api.schemas import ActivityIn, ActivityPatch, CompetitionIn, CompetitionPatch, Page, StatusIn
from registry.model import STATUSES, to_jsonable
from registry.text import key, union_key

router = APIRouter()

Limit = Annotated[int, Query(ge=1, le=500, description="每页条数（1–500）")]
Offset = Annotated[int, Query(ge=0, description="跳过条数")]
DateQ = Annotated[dt.date | None, Query(description="YYYY-MM-DD")]


def _registry(request: Request):
    return request.app.state.registry


def _competition_json(row: dict) -> dict:
    fields = ("id", "reg_no", "name", "type", "type_other", "level", "union_name", "union_id", "unit", "ownership",
              "industry", "project_id", "start", "end", "planned", "total", "contact", "phone", "description",
              "status", "created_by", "created_at", "updated_at")  # fmt: skip
    out = {f: row[f] for f in fields}
    out["district"] = row.get("district")
    out["linked_union"] = row.get("linked_union")
    out["participation_rate"] = round(row["planned"] / row["total"], 4) if row["total"] else None
    return out


def _union_filter(registry, name: str):
    """Rows organised by the named union or one of its sub-unions, or typed with that name."""
    union = registry.find_union(name)
    tree = registry.subtree_ids(union.id) if union else set()
    wanted = key(name)
    return lambda r: r["union_id"] in tree or key(r["union_name"]) == wanted


def _page(items: list, limit: int, offset: int) -> dict:
    return {"total": len(items), "limit": limit, "offset": offset, "items": items[offset : offset + limit]}


def _competition_row(registry, ref: str, user) -> dict:
    c = registry.competition(ref, user=user)  # raises NotFound / PermissionDenied
    rows = registry.competition_rows(user=user, competition_id=c.id)
    return rows[0] if rows else to_jsonable(c)  # type: ignore[return-value]


def _competition_out(registry, ref: str, user) -> dict:
    return _competition_json(_competition_row(registry, ref, user))


# -- competitions ----------------------------------------------------------------------------------
@router.get(
    "/competitions", tags=["竞赛"], response_model=Page, summary="竞赛列表",
    description="列出您有权查看的竞赛登记（管理员：全部；工会干部、培训师：本工会及下属工会），可按类型、主办工会"
    "（含下属工会）、区县、状态和日期范围（竞赛期间与该范围有交集）筛选，可分页；total 为符合条件的总数。",
)  # fmt: skip
def list_competitions(
    request: Request,
    user: CurrentUser,
    type: Annotated[str | None, Query(description="竞赛类型，如 安康杯")] = None,
    union: Annotated[str | None, Query(description="主办工会（含其下属工会）")] = None,
    district: Annotated[str | None, Query(description="区县，如 松北区")] = None,
    status: Annotated[str | None, Query(description="状态，如 进行中")] = None,
    date_from: DateQ = None,
    date_to: DateQ = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict:
    registry = _registry(request)
    if status and status.strip() not in STATUSES:
        raise ApiError(422, "invalid", f"状态“{status}”无效，可选：{'、'.join(STATUSES)}。", field="status")
    rows = registry.competition_rows(user=user, status=status, type=type, district=district)
    if union:
        rows = list(filter(_union_filter(registry, union), rows))
    if date_from:
        rows = [r for r in rows if r["end"] >= date_from.isoformat()]
    if date_to:
        rows = [r for r in rows if r["start"] <= date_to.isoformat()]
    return _page([_competition_json(r) for r in rows], limit, offset)


@router.post(
    "/competitions", tags=["竞赛"], status_code=201, summary="登记竞赛",
    description="登记一个劳动竞赛；登记库逐项校验，出错时返回 422 和出错字段及中文原因；同一单位、同名、同一开始日期"
    "的竞赛已存在时返回 409 和已有的登记编号。成功时返回登记编号（JS-年份-序号）。查看者不能登记。",
)  # fmt: skip
def create_competition(body: CompetitionIn, request: Request, user: CurrentUser) -> dict:
    registry = _registry(request)
    comp = registry.register_competition(body.model_dump(), by=user)
    return _competition_out(registry, comp.reg_no, user)


@router.get(
    "/competitions/{ref}", tags=["竞赛"], summary="查看竞赛",
    description="按登记编号（JS-2026-0001）或编号查看一个竞赛的全部登记项和修改记录。",
)  # fmt: skip
def show_competition(ref: str, request: Request, user: CurrentUser) -> dict:
    registry = _registry(request)
    out = _competition_out(registry, ref, user)
    return out | {"audit": registry.audit_log(record=out["reg_no"])}


@router.patch(
    "/competitions/{ref}", tags=["竞赛"], summary="修改竞赛",
    description="只提交要修改的登记项，如 {\"planned\": 300}；全部通过校验才保存（一项出错则都不保存），"
    "每项修改写入修改记录（谁、何时、字段、旧值 → 新值）。修改状态请用 /status。",
)  # fmt: skip
def update_competition(ref: str, body: CompetitionPatch, request: Request, user: CurrentUser) -> dict:
    registry = _registry(request)
    changes = body.model_dump(include=body.model_fields_set)
    if not changes:
        raise ApiError(422, "invalid", "请至少提交一个要修改的登记项。")
    comp = registry.competition(ref, user=user)
    # one transaction: the registry's writes nest as savepoints inside it, so all fields land or none
    with registry.transaction():
        for field, value in changes.items():
            comp = registry.update_competition(comp.id, field=field, value=value, by=user)
    return _competition_out(registry, comp.reg_no, user)


@router.post(
    "/competitions/{ref}/status", tags=["竞赛"], summary="更改竞赛状态",
    description="草稿 → 已登记 → 进行中 → 已结束 → 已表彰，只能向后推进（管理员除外）；写入修改记录。",
)  # fmt: skip
def change_status(ref: str, body: StatusIn, request: Request, user: CurrentUser) -> dict:
    registry = _registry(request)
    comp = registry.set_status(ref, body.status, by=user)
    return _competition_out(registry, comp.reg_no, user)


@router.get(
    "/competitions/{ref}/audit", tags=["竞赛"], summary="竞赛修改记录",
    description="一个竞赛的全部修改记录，最早的在前：时间、操作人、操作、字段、旧值、新值。",
)  # fmt: skip
def competition_audit(ref: str, request: Request, user: CurrentUser) -> list[dict]:
    registry = _registry(request)
    comp = registry.competition(ref, user=user)
    return registry.audit_log(record=comp.reg_no)


# -- activities ------------------------------------------------------------------------------------
def _activity_json(row: dict, files: list[dict]) -> dict:
    out = {k: row[k] for k in ("id", "kind", "kind_other", "date", "place", "organiser", "participants",
                               "summary", "competition_id", "recorded_by", "created_at")}  # fmt: skip
    out["reg_no"] = row.get("reg_no")
    out["competition_name"] = row.get("competition_name")
    out["attachments"] = [
        {"id": f["id"], "filename": f["filename"], "size": f["size"], "sha256": f["sha256"],
         "url": f"/api/v1/attachments/{f['id']}"}
        for f in files
    ]  # fmt: skip
    return out


def _visible_activity(registry, activity_id: int, user) -> dict:
    rows = registry.activity_rows(user=user, activity_id=activity_id)
    if rows:
        return rows[0]
    registry.activity(activity_id, user=user)  # raises NotFound (404) or PermissionDenied (403)
    raise ApiError(404, "not_found", f"没有编号为 {activity_id} 的活动记录。")


@router.get(
    "/activities", tags=["活动"], response_model=Page, summary="活动列表",
    description="列出您有权查看的活动记录（动员会、座谈会、宣传……），可按活动形式、关联竞赛、组织单位或关联竞赛的"
    "主办工会、区县和日期范围筛选，可分页。",
)  # fmt: skip
def list_activities(
    request: Request,
    user: CurrentUser,
    type: Annotated[str | None, Query(description="活动形式，如 动员会")] = None,
    competition: Annotated[str | None, Query(description="关联竞赛的登记编号")] = None,
    union: Annotated[str | None, Query(description="组织单位或关联竞赛的主办工会（含下属工会）")] = None,
    district: Annotated[str | None, Query(description="区县（按关联竞赛或记录人所在工会）")] = None,
    date_from: DateQ = None,
    date_to: DateQ = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict:
    registry = _registry(request)
    competition_id = registry.competition(competition, user=user).id if competition else None
    rows = registry.activity_rows(user=user, competition_id=competition_id)
    if type:
        rows = [r for r in rows if r["kind"] == type.strip() or (r["kind_other"] or "") == type.strip()]
    if date_from:
        rows = [r for r in rows if r["date"] >= date_from.isoformat()]
    if date_to:
        rows = [r for r in rows if r["date"] <= date_to.isoformat()]
    if union or district:
        # the linked competitions' districts, whoever may see them: the activity itself is visible
        comps = registry.linked_competition_rows()
        districts = {u.id: u.district for u in registry.unions()}
        if union:
            match = _union_filter(registry, union)
            found = registry.find_union(union)
            tree = registry.subtree_ids(found.id) if found else set()
            rows = [r for r in rows if (r["competition_id"] in comps and match(comps[r["competition_id"]]))
                    or key(r["organiser"]) == key(union) or r["owner_union_id"] in tree]  # fmt: skip
        if district:

            def district_of(r: dict) -> str | None:
                if r["competition_id"] in comps:
                    return comps[r["competition_id"]]["district"]
                return districts.get(r["owner_union_id"])

            rows = [r for r in rows if (d := district_of(r)) and union_key(d) == union_key(district)]
    page = _page(rows, limit, offset)
    files = registry.attachment_rows([r["id"] for r in page["items"]])
    page["items"] = [_activity_json(r, files[r["id"]]) for r in page["items"]]
    return page


def _create_activity(registry, data: dict, user, files: list[tuple[str, bytes]]) -> dict:
    act = registry.record_activity(data, by=user, files=files)
    row = _visible_activity(registry, act.id, user)
    return _activity_json(row, registry.attachment_rows([act.id])[act.id])


@router.post(
    "/activities", tags=["活动"], status_code=201, summary="记录活动",
    description="记录一次竞赛活动（JSON）；登记库逐项校验，出错时返回 422 和中文原因。带照片或文件时用 "
    "`POST /api/v1/activities/with-files`。查看者不能记录。",
)  # fmt: skip
def create_activity(body: ActivityIn, request: Request, user: CurrentUser) -> dict:
    return _create_activity(_registry(request), body.model_dump(), user, [])


@router.post(
    "/activities/with-files", tags=["活动"], status_code=201, summary="记录活动（带附件）",
    description="multipart 表单：`data` 为与 `POST /api/v1/activities` 相同的 JSON，`files` 为照片或文件"
    "（可多个，每个不超过 20 MB），保存在数据目录的 attachments/ 下并记录 sha256。",
)  # fmt: skip
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

        field, message = validation_message(
            exc.errors()[0] | {"loc": ("form", "data", *exc.errors()[0]["loc"])}
        )
        raise ApiError(422, "invalid", message, field=field) from None
    contents = [(f.filename or "附件", await f.read()) for f in files or []]
    return await run_in_threadpool(_create_activity, _registry(request), body.model_dump(), user, contents)


@router.get(
    "/activities/{activity_id}", tags=["活动"], summary="查看活动",
    description="一条活动记录及其附件（附件用 `GET /api/v1/attachments/{id}` 下载）。",
)  # fmt: skip
def show_activity(activity_id: int, request: Request, user: CurrentUser) -> dict:
    registry = _registry(request)
    row = _visible_activity(registry, activity_id, user)
    out = _activity_json(row, registry.attachment_rows([activity_id])[activity_id])
    return out | {"audit": registry.audit_log(record=f"activity:{activity_id}")}


@router.patch(
    "/activities/{activity_id}", tags=["活动"], summary="修改活动",
    description="只提交要修改的登记项，如 {\"participants\": 120}；全部通过校验才保存（一项出错则都不保存），"
    "每项修改写入修改记录（GET /api/v1/activities/{id} 的 audit）。附件不能在这里修改。",
)  # fmt: skip
def update_activity(activity_id: int, body: ActivityPatch, request: Request, user: CurrentUser) -> dict:
    registry = _registry(request)
    changes = body.model_dump(include=body.model_fields_set)
    if not changes:
        raise ApiError(422, "invalid", "请至少提交一个要修改的登记项。")
    # one transaction: the registry's writes nest as savepoints inside it, so all fields land or none
    with registry.transaction():
        for field, value in changes.items():
            registry.update_activity(activity_id, field=field, value=value, by=user)
    return show_activity(activity_id, request, user)


@router.post(
    "/activities/{activity_id}/files", tags=["活动"], summary="添加活动附件",
    description="multipart 表单 `files`：为已记录的活动补充照片或文件（每个不超过 20 MB，每条活动最多 20 个），"
    "全部保存或（出错时）都不保存，写入修改记录。",
)  # fmt: skip
async def add_activity_files(
    activity_id: int,
    request: Request,
    user: CurrentUser,
    files: Annotated[list[UploadFile], File(description="照片或文件")],
) -> dict:
    from starlette.concurrency import run_in_threadpool

    contents = [(f.filename or "附件", await f.read()) for f in files if f.filename]
    registry = _registry(request)
    await run_in_threadpool(registry.add_attachments, activity_id, contents, by=user)
    return await run_in_threadpool(show_activity, activity_id, request, user)


@router.get(
    "/attachments/{attachment_id}", tags=["活动"], summary="下载附件",
    description="下载活动的照片或文件（只限您有权查看的活动），文件名用 Content-Disposition 给出（支持中文）。",
    response_class=FileResponse,
)  # fmt: skip
def download_attachment(attachment_id: int, request: Request, user: CurrentUser) -> FileResponse:
    registry = _registry(request)
    att, _ = registry.attachment(attachment_id, user=user)  # NotFound → 404, PermissionDenied → 403
    path = registry.attachment_path(att.path)
    if not path.is_file():
        raise ApiError(404, "not_found", f"附件“{att.filename}”的文件已不在数据目录中，请联系管理员。")
    return FileResponse(path, filename=att.filename)


@router.delete(
    "/attachments/{attachment_id}", tags=["活动"], summary="删除附件",
    description="删除活动中误传的照片或文件（只限您有权修改的活动）；修改记录保留文件名和 sha256。返回活动。",
)  # fmt: skip
def delete_attachment(attachment_id: int, request: Request, user: CurrentUser) -> dict:
    registry = _registry(request)
    act = registry.remove_attachment(attachment_id, by=user)
    return show_activity(act.id, request, user)


# -- statistics and exports ------------------------------------------------------------------------
@router.get(
    "/stats", tags=["统计"], summary="竞赛统计",
    description="按类型、区县、单位性质、状态统计竞赛；重点项目覆盖率（尚未开展竞赛的项目）；职工参与率（按工会、区县）；"
    "每月活动数。只统计您有权查看的记录（管理员、工会干部、培训师）。比率为小数（0.75 即 75%）。",
)  # fmt: skip
def stats(request: Request, user: CurrentUser) -> dict:
    return _registry(request).stats(user=user)


MEDIA = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}
NAMES = {"competitions": "竞赛登记", "activities": "活动记录"}


def content_disposition(filename: str) -> str:
    ascii_name = filename.encode("ascii", "ignore").decode() or "export"
    if ascii_name.startswith("."):
        ascii_name = "export" + ascii_name
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"


@router.get(
    "/export/{what}.{fmt}", tags=["统计"], summary="导出表格",
    description="把竞赛登记（competitions）或活动记录（activities）导出为 XLSX 或 CSV（UTF-8 带 BOM，Excel 可直接打开），"
    "中文表头，只含您有权查看的记录；文件名为中文（竞赛登记-日期.xlsx）。",
    response_class=Response,
    responses={200: {"content": {MEDIA["xlsx"]: {}, "text/csv": {}}, "description": "表格文件"}},
)  # fmt: skip
def export(
    what: Literal["competitions", "activities"],
    fmt: Literal["xlsx", "csv"],
    request: Request,
    user: CurrentUser,
) -> Response:
    registry = _registry(request)
    filename = f"{NAMES[what]}-{dt.date.today().isoformat()}.{fmt}"
    with tempfile.TemporaryDirectory(prefix="gonghui-export-") as tmp:
        target = Path(tmp) / filename
        if what == "competitions":
            registry.export_competitions(target, fmt=fmt, user=user)
        else:
            registry.export_activities(target, fmt=fmt, user=user)
        data = target.read_bytes()
    return Response(
        data, media_type=MEDIA[fmt], headers={"Content-Disposition": content_disposition(filename)}
    )
