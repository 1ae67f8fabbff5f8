"""统计 and 导出 pages of the web console: the statistics with SVG charts (for the roles that may see them)
and the XLSX/CSV downloads, both scoped to the logged-in user like the API."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from api.errors import ApiError
from api.presenters import content_disposition
from api.web import charts
from api.web.common import WebRoute, WebUser, can_see_stats, percent, render
from registry.export import FORMATS, ExportKind

router = APIRouter(route_class=WebRoute, include_in_schema=False)


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
