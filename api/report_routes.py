"""统计、导出: /api/v1/stats and /api/v1/export/… — the registry's statistics and spreadsheets of what
the user may see (the registry refuses roles without statistics)."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Request
from fastapi.responses import Response

from api.auth import CurrentUser
from api.presenters import content_disposition
from registry.export import MEDIA

router = APIRouter()


@router.get(
    "/stats",
    tags=["统计"],
    summary="竞赛统计",
    description="按类型、区县、单位性质、状态统计竞赛；重点项目覆盖率（尚未开展竞赛的项目）；职工参与率（按工会、区县）；"
    "每月活动数。只统计您有权查看的记录（管理员、工会干部、培训师）。比率为小数（0.75 即 75%）。",
)
def stats(request: Request, user: CurrentUser) -> dict:
    return request.app.state.registry.stats(user=user)


@router.get(
    "/export/{what}.{fmt}",
    tags=["统计"],
    summary="导出表格",
    description="把竞赛登记（competitions）或活动记录（activities）导出为 XLSX 或 CSV（UTF-8 带 BOM，Excel 可直接打开），"
    "中文表头，只含您有权查看的记录；文件名为中文（竞赛登记-日期.xlsx）。",
    response_class=Response,
    responses={200: {"content": {MEDIA["xlsx"]: {}, "text/csv": {}}, "description": "表格文件"}},
)
def export(
    what: Literal["competitions", "activities"],
    fmt: Literal["xlsx", "csv"],
    request: Request,
    user: CurrentUser,
) -> Response:
    export = request.app.state.registry.export(what, fmt, user=user)
    return Response(
        export.data,
        media_type=export.media_type,
        headers={"Content-Disposition": content_disposition(export.filename)},
    )
