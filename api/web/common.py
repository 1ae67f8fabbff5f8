"""What every console page shares: the login cookie (the same API tokens, checked by the API's own
`current_user`), the Jinja2 templates, and a route class that turns errors into Chinese HTML pages
(or fragments for htmx requests) instead of the API's JSON envelope."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import Annotated
from urllib.parse import quote

from fastapi import Depends, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.routing import APIRoute
from fastapi.security import HTTPAuthorizationCredentials
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape
from pydantic import ValidationError

from api.auth import current_user
from api.errors import ApiError, validation_message
from ingest.errors import IngestError
from knowledge.errors import KnowledgeError
from registry.errors import RegistryError
from registry.model import User
from registry.policy import Action, allows
from registry.validation import LABELS

log = logging.getLogger("gonghui.web")
HERE = Path(__file__).resolve().parent
STATIC_DIR = HERE / "static"
COOKIE = "gonghui_token"
COOKIE_MAX_AGE = 14 * 24 * 3600

templates = Jinja2Templates(directory=HERE / "templates")
ROLE_NAMES = {
    "admin": "管理员",
    "cadre": "工会干部",
    "trainer": "培训师",
    "viewer": "查看者",
    "trainee": "学员",
}
NAV = [
    ("/ask", "问答", "ask"),
    ("/chat", "对话", "chat"),
    ("/documents", "文档库", "documents"),
    ("/competitions", "竞赛", "competitions"),
    ("/activities", "活动", "activities"),
    ("/stats", "统计", "stats"),
    ("/training", "培训", "training"),
]
templates.env.globals.update(NAV=NAV, ROLE_NAMES=ROLE_NAMES)
# the labels of the registry's fields and of the columns the registry adds (竞赛 and 活动 pages)
FIELD_LABELS = LABELS | {"district": "区县", "reg_no": "登记编号", "status": "状态", "files": "附件"}


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


templates.env.filters["percent"] = percent


class LoginRequired(Exception):
    def __init__(self, message: str = "请先登录。") -> None:
        super().__init__(message)
        self.message = message


def is_htmx(request: Request) -> bool:
    return request.headers.get("hx-request") == "true"


def user_from_token(request: Request, token: str) -> User:
    """The API's own check: 401 (no or bad token) → LoginRequired, 403 (not approved) stays an error."""
    try:
        return current_user(request, HTTPAuthorizationCredentials(scheme="Bearer", credentials=token))
    except ApiError as exc:
        if exc.status == 401:
            raise LoginRequired(exc.message) from None
        raise


def web_user(request: Request) -> User:
    # a state-changing request has passed api.web.guard's Origin check before it gets here
    token = request.cookies.get(COOKIE)
    if not token:
        raise LoginRequired()
    user = user_from_token(request, token)
    request.state.user = user
    return user


WebUser = Annotated[User, Depends(web_user)]


def can_write(user: User) -> bool:
    return allows(user, Action.WRITE)


def can_see_stats(user: User) -> bool:
    return allows(user, Action.STATS)


def render(
    request: Request, name: str, status_code: int = 200, headers: dict | None = None, **context: object
) -> HTMLResponse:
    user = getattr(request.state, "user", None)
    context.setdefault("active", "")
    context |= {"user": user, "writer": bool(user and can_write(user)), "htmx": is_htmx(request)}
    return templates.TemplateResponse(request, name, context, status_code=status_code, headers=headers)


def safe_next(value: str | None) -> str:
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return "/ask"
    return value


def error_of(exc: Exception) -> tuple[int, str] | None:
    """(HTTP status, Chinese message) for the errors a page can show; None for anything else."""
    if isinstance(exc, ApiError | RegistryError | KnowledgeError | IngestError):
        return exc.status, exc.message
    if isinstance(exc, RequestValidationError | ValidationError):
        errors = exc.errors()
        return 422, validation_message(errors[0])[1] if errors else "输入无效。"
    return None


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    if is_htmx(request):
        return render(request, "_error.html", status_code=status, message=message)
    return render(request, "error.html", status_code=status, message=message, status=status)


class WebRoute(APIRoute):
    """Console routes: a missing login redirects to 登录, known errors become an HTML page."""

    def get_route_handler(self) -> Callable:
        handler = super().get_route_handler()

        async def web_handler(request: Request) -> Response:
            try:
                return await handler(request)
            except LoginRequired:
                target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
                if is_htmx(request):
                    return Response(status_code=200, headers={"HX-Redirect": "/login"})
                return RedirectResponse(f"/login?next={quote(target)}", status_code=303)
            except Exception as exc:
                found = error_of(exc)
                if found is None:
                    log.exception("unhandled error on %s %s", request.method, request.url.path)
                    found = (500, "服务器内部错误，已记录日志，请稍后再试或联系管理员。")
                return error_page(request, *found)

        return web_handler


_REF = re.compile(r"\[(\d{1,2})\]")


def link_refs(text: str, prefix: str = "cite") -> Markup:
    """Escape the answer and turn its [n] markers into links to the numbered citations."""
    return Markup(
        _REF.sub(lambda m: f'<a class="ref" href="#{prefix}-{m[1]}">[{m[1]}]</a>', str(escape(text)))
    )


templates.env.filters["link_refs"] = link_refs
