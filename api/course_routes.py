"""培训: /api/v1/courses — courses, lessons, review, publish, enrol, one question at a time, report.

Everything goes through the TrainingService with the authenticated user, so roles are the registry's: a
trainer manages their own courses (admins all), a trainee sees only their own questions and results. The
service's errors are registry errors: api.errors translates them once."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from api.auth import CurrentUser
from api.course_presenters import (
    certificate_json,
    course_json,
    enrolment_json,
    feedback_json,
    item_json,
    lesson_json,
    progress_json,
    report_json,
)
from api.course_schemas import AnswerIn, CourseIn, EnrolIn, ItemIdsIn, LessonsIn
from api.params import RowId
from api.presenters import content_disposition

router = APIRouter(prefix="/courses", tags=["培训"])
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _training(request: Request):
    return request.app.state.application.training


@router.get("", summary="课程列表", description="培训师：自己的课程；管理员：全部课程；学员：已加入的课程。")
def list_courses(request: Request, user: CurrentUser) -> dict:
    return {"items": [course_json(c) for c in _training(request).courses(user)]}


@router.post(
    "",
    status_code=201,
    summary="新建课程",
    description="培训师或管理员从文档的章节、条款新建课程（草稿），每个 parts 项成为一课，并生成待审核的题目。",
)
def create_course(body: CourseIn, request: Request, user: CurrentUser) -> dict:
    course = _training(request).create_course(
        user, body.title, parts=body.parts, description=body.description, pass_mark=body.pass_mark
    )
    return course_json(course)


@router.post(
    "/enrol",
    status_code=201,
    summary="用邀请码加入课程",
    description="学员用培训师给的邀请码加入已发布的课程；可同时填写所在企业、所属工会（报表按此分组）。",
)
def enrol(body: EnrolIn, request: Request, user: CurrentUser) -> dict:
    enrolment = _training(request).enrol(user, body.code, enterprise=body.enterprise, union=body.union)
    return enrolment_json(enrolment)


@router.get(
    "/certificates/{code}",
    summary="查验证书",
    openapi_extra={"security": []},
    description="无需登录：证书验证码是否有效，有效时返回持证人、课程、得分和发证日期。",
)
def verify(code: str, request: Request) -> dict:
    cert = _training(request).verify(code)
    return {"valid": cert is not None, "certificate": certificate_json(cert) if cert else None}


@router.get("/{course_id}", summary="查看课程")
def show_course(course_id: RowId, request: Request, user: CurrentUser) -> dict:
    """一门课程：标题、状态、邀请码（培训师和管理员）、及格分、课时数。"""
    return course_json(_training(request).course(user, course_id))


@router.get(
    "/{course_id}/lessons",
    summary="课时",
    description="每课的原文、摘要、要点（数量、期限、职责、程序，均注明条款）和名词解释。",
)
def lessons(course_id: RowId, request: Request, user: CurrentUser) -> dict:
    return {"items": [lesson_json(lesson) for lesson in _training(request).lessons(user, course_id)]}


@router.post("/{course_id}/lessons", status_code=201, summary="追加课时")
def add_lessons(course_id: RowId, body: LessonsIn, request: Request, user: CurrentUser) -> dict:
    """为草稿课程追加课时（每个部分一课，如“工会法 第二章”），并生成待审核的题目；已发布的课程返回 409。"""
    return {
        "items": [
            lesson_json(lesson) for lesson in _training(request).add_lessons(user, course_id, body.parts)
        ]
    }


@router.get(
    "/{course_id}/items",
    summary="题目（审核）",
    description="培训师审核用：全部题目及答案和出处，可按 state（pending / approved / dropped）筛选。",
)
def items(
    course_id: RowId,
    request: Request,
    user: CurrentUser,
    state: Annotated[Literal["pending", "approved", "dropped"] | None, Query(description="审核状态")] = None,
) -> dict:
    found = _training(request).items(user, course_id, state=state)
    return {"items": [item_json(i, with_answer=True) for i in found]}


@router.post("/{course_id}/items/approve", summary="通过题目")
def approve(course_id: RowId, body: ItemIdsIn, request: Request, user: CurrentUser) -> dict:
    """通过所列题目（培训师审核）；已发布的课程返回 409。"""
    return {"items": [item_json(i, with_answer=True) for i in _training(request).approve(user, body.ids)]}


@router.post("/{course_id}/items/drop", summary="删除题目")
def drop(course_id: RowId, body: ItemIdsIn, request: Request, user: CurrentUser) -> dict:
    """撤下所列题目，不再出现在测验中；已发布的课程只能撤下。"""
    return {"items": [item_json(i, with_answer=True) for i in _training(request).drop(user, body.ids)]}


@router.post(
    "/{course_id}/publish",
    summary="发布课程",
    description="发布后邀请码生效；需要至少一课、一道已通过的题目，且没有待审核的题目。",
)
def publish(course_id: RowId, request: Request, user: CurrentUser) -> dict:
    return course_json(_training(request).publish(user, course_id))


@router.get(
    "/{course_id}/next",
    summary="下一题",
    description="当前学员要回答的题目（不含答案）：未答完的那道，否则新题，否则到期复习的错题；都没有时 item 为 null。",
)
def next_item(course_id: RowId, request: Request, user: CurrentUser) -> dict:
    training = _training(request)
    item = training.next_item(user, course_id)
    return {
        "item": item_json(item, with_answer=False) if item else None,
        "progress": progress_json(training.progress(user, course_id)),
    }


@router.post(
    "/{course_id}/answer",
    summary="回答",
    description="回答一道题，立即返回对错、正确答案和引用的条款原文，以及最新进度。",
)
def answer(course_id: RowId, body: AnswerIn, request: Request, user: CurrentUser) -> dict:
    return feedback_json(_training(request).answer(user, body.item_id, body.answer))


@router.get("/{course_id}/progress", summary="我的进度")
def progress(course_id: RowId, request: Request, user: CurrentUser) -> dict:
    """调用者在这门课程中的进度：已答题数、得分、是否完成、待复习的错题数。"""
    return progress_json(_training(request).progress(user, course_id))


@router.get(
    "/{course_id}/certificate.pdf",
    summary="培训证书",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}, "description": "PDF 证书"}},
)
def certificate(course_id: RowId, request: Request, user: CurrentUser) -> Response:
    """调用者通过课程后的培训证书（PDF），响应头 X-Certificate-Code 为验证码；尚未通过时返回 400 和原因。"""
    cert, pdf = _training(request).certificate(user, course_id)
    return Response(
        pdf,
        media_type="application/pdf",
        headers={
            "Content-Disposition": content_disposition(f"培训证书-{cert.course_title}.pdf"),
            "X-Certificate-Code": cert.code,
        },
    )


@router.get(
    "/{course_id}/report",
    summary="课程报表",
    description="培训师（自己的课程）或管理员：报名、开始、完成人数，平均分，最难的题，每位学员的进度（按企业、工会分组）。",
)
def report(course_id: RowId, request: Request, user: CurrentUser) -> dict:
    return report_json(_training(request).report(user, course_id))


@router.get(
    "/{course_id}/report.xlsx",
    summary="导出课程报表",
    response_class=Response,
    responses={200: {"content": {XLSX: {}}, "description": "XLSX 表格"}},
)
def report_xlsx(course_id: RowId, request: Request, user: CurrentUser) -> Response:
    """课程报表的 XLSX 表格（概况、学员进度、难题三个工作表），仅培训师和管理员。"""
    training = _training(request)
    data = training.export_report(user, course_id)
    title = training.course(user, course_id).title
    return Response(
        data, media_type=XLSX, headers={"Content-Disposition": content_disposition(f"培训报表-{title}.xlsx")}
    )
