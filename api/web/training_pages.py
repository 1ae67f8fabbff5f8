"""培训 pages of the web console: a trainer's courses with their report and XLSX; a trainee's courses, lessons
and the quiz one question at a time; and the public /verify/CODE page that checks a certificate. Every read and
write goes through the TrainingService with the logged-in user, so roles and scoping are the API's."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.course_routes import XLSX
from api.params import RowId
from api.presenters import content_disposition
from api.web.common import WebRoute, WebUser, render
from registry.policy import Action, allows

router = APIRouter(route_class=WebRoute, include_in_schema=False)


def _training(request: Request):
    return request.app.state.application.training


@router.get("/training", response_class=HTMLResponse)
def training_page(request: Request, user: WebUser, joined: str = "") -> HTMLResponse:
    training = _training(request)
    teaching = training.courses(user) if allows(user, Action.TEACH) else []
    mine = []
    for e in training.enrolments(user):
        mine.append(
            {
                "course": training.course(user, e.course_id),
                "enrolment": e,
                "progress": training.progress(user, e.course_id),
            }
        )
    return render(request, "training.html", active="training", teaching=teaching, mine=mine, joined=joined)


@router.post("/training/join")
def join(
    request: Request,
    user: WebUser,
    code: Annotated[str, Form()] = "",
    enterprise: Annotated[str, Form()] = "",
    union: Annotated[str, Form()] = "",
) -> Response:
    enrolment = _training(request).enrol(
        user, code.strip(), enterprise=enterprise.strip() or None, union=union.strip() or None
    )
    return RedirectResponse(f"/training/{enrolment.course_id}", status_code=303)


@router.get("/training/{course_id}", response_class=HTMLResponse)
def course_page(request: Request, user: WebUser, course_id: RowId) -> HTMLResponse:
    training = _training(request)
    course = training.course(user, course_id)
    context: dict[str, Any] = {"course": course, "lessons": training.lessons(user, course_id)}
    if allows(user, Action.TEACH) and (course.owner_id == user.id or allows(user, Action.ADMIN)):
        context["report"] = training.report(user, course_id)
    else:
        context |= _quiz(training, user, course_id)
    return render(request, "training_course.html", active="training", **context)


def _quiz(training, user, course_id: int, feedback=None) -> dict:
    return {
        "item": training.next_item(user, course_id),
        "progress": training.progress(user, course_id),
        "feedback": feedback,
    }


@router.post("/training/{course_id}/answer", response_class=HTMLResponse)
def answer(
    request: Request,
    user: WebUser,
    course_id: RowId,
    item_id: Annotated[int, Form()],
    answer: Annotated[str, Form()] = "",
) -> HTMLResponse:
    training = _training(request)
    feedback = training.answer(user, item_id, answer.strip())
    context = {"course": training.course(user, course_id), "lessons": training.lessons(user, course_id)}
    return render(
        request,
        "training_course.html",
        active="training",
        **context,
        **_quiz(training, user, course_id, feedback),
    )


@router.get("/training/{course_id}/certificate.pdf")
def certificate(request: Request, user: WebUser, course_id: RowId) -> Response:
    cert, pdf = _training(request).certificate(user, course_id)
    return Response(
        pdf,
        media_type="application/pdf",
        headers={"Content-Disposition": content_disposition(f"培训证书-{cert.course_title}.pdf")},
    )


@router.get("/training/{course_id}/report.xlsx")
def report_xlsx(request: Request, user: WebUser, course_id: RowId) -> Response:
    training = _training(request)
    data = training.export_report(user, course_id)
    title = training.course(user, course_id).title
    return Response(
        data, media_type=XLSX, headers={"Content-Disposition": content_disposition(f"培训报表-{title}.xlsx")}
    )


@router.get("/verify/{code}", response_class=HTMLResponse)
def verify(request: Request, code: str) -> HTMLResponse:
    """Public: whoever holds a certificate (or an employer shown one) checks its code without logging in."""
    cert = _training(request).verify(code.strip())
    return render(request, "verify.html", code=code, cert=cert, status_code=200 if cert else 404)
