"""竞赛: /api/v1/competitions — list (filtered and paged by the registry), register, show, edit, status.

Every read and write goes through the registry with the authenticated user, so roles and union scoping
are exactly the registry's: a record of another union is 403 (it exists, but not for you), an unknown
one 404; lists silently show only what the user may see."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query, Request

from api.auth import CurrentUser
from api.errors import ApiError
from api.params import CompetitionRef
from api.presenters import competition_json, page_json
from api.schemas import CompetitionIn, CompetitionPatch, Page, StatusIn
from registry.listing import CompetitionFilter

router = APIRouter()

Limit = Annotated[int, Query(ge=1, le=500, description="每页条数（1–500）")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="跳过条数")]
DateQ = Annotated[dt.date | None, Query(description="YYYY-MM-DD")]


def _registry(request: Request):
    return request.app.state.registry


def _out(registry, ref: int | str, user) -> dict:
    return competition_json(registry.competition_entry(ref, user=user))


@router.get(
    "/competitions",
    tags=["竞赛"],
    response_model=Page,
    summary="竞赛列表",
    description="列出您有权查看的竞赛登记（管理员：全部；工会干部、培训师：本工会及下属工会），可按类型、主办工会"
    "（含下属工会）、区县、状态和日期范围（竞赛期间与该范围有交集）筛选，可分页；total 为符合条件的总数。",
)
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
    wanted = CompetitionFilter(
        type=type, union=union, district=district, status=status, date_from=date_from, date_to=date_to
    )
    page = _registry(request).find_competitions(wanted, user=user, limit=limit, offset=offset)
    return page_json(page, competition_json)


@router.post(
    "/competitions",
    tags=["竞赛"],
    status_code=201,
    summary="登记竞赛",
    description="登记一个劳动竞赛；登记库逐项校验，出错时返回 422 和出错字段及中文原因；同一单位、同名、同一开始日期"
    "的竞赛已存在时返回 409 和已有的登记编号。成功时返回登记编号（JS-年份-序号）。查看者不能登记。",
)
def create_competition(body: CompetitionIn, request: Request, user: CurrentUser) -> dict:
    registry = _registry(request)
    comp = registry.register_competition(body.model_dump(), by=user)
    return _out(registry, comp.reg_no, user)


@router.get(
    "/competitions/{ref}",
    tags=["竞赛"],
    summary="查看竞赛",
    description="按登记编号（JS-2026-0001）或编号查看一个竞赛的全部登记项和修改记录。",
)
def show_competition(ref: CompetitionRef, request: Request, user: CurrentUser) -> dict:
    registry = _registry(request)
    out = _out(registry, ref, user)
    return out | {"audit": registry.audit_log(record=out["reg_no"])}


@router.patch(
    "/competitions/{ref}",
    tags=["竞赛"],
    summary="修改竞赛",
    description='只提交要修改的登记项，如 {"planned": 300}；全部通过校验才保存（一项出错则都不保存），'
    "每项修改写入修改记录（谁、何时、字段、旧值 → 新值）。修改状态请用 /status。",
)
def update_competition(
    ref: CompetitionRef, body: CompetitionPatch, request: Request, user: CurrentUser
) -> dict:
    registry = _registry(request)
    changes = body.model_dump(include=body.model_fields_set)
    if not changes:
        raise ApiError(422, "invalid", "请至少提交一个要修改的登记项。")
    comp = registry.competition(ref, user=user)
    # one transaction: the registry's writes nest as savepoints inside it, so all fields land or none
    with registry.transaction():
        for field, value in changes.items():
            comp = registry.update_competition(comp.id, field=field, value=value, by=user)
    return _out(registry, comp.reg_no, user)


@router.post(
    "/competitions/{ref}/status",
    tags=["竞赛"],
    summary="更改竞赛状态",
    description="草稿 → 已登记 → 进行中 → 已结束 → 已表彰，只能向后推进（管理员除外）；写入修改记录。",
)
def change_status(ref: CompetitionRef, body: StatusIn, request: Request, user: CurrentUser) -> dict:
    registry = _registry(request)
    comp = registry.set_status(ref, body.status, by=user)
    return _out(registry, comp.reg_no, user)


@router.get(
    "/competitions/{ref}/audit",
    tags=["竞赛"],
    summary="竞赛修改记录",
    description="一个竞赛的全部修改记录，最早的在前：时间、操作人、操作、字段、旧值、新值。",
)
def competition_audit(ref: CompetitionRef, request: Request, user: CurrentUser) -> list[dict]:
    registry = _registry(request)
    comp = registry.competition(ref, user=user)
    return registry.audit_log(record=comp.reg_no)
