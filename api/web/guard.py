"""What protects the console in the browser, for every response and every request in one place:
headers that keep its pages out of other sites' frames and stop content sniffing, and the rule that a
state-changing console request (POST/PUT/PATCH/DELETE, authenticated by the login cookie) must come
from one of our own pages — its `Origin`, or failing that its `Referer`, names this host. SameSite=Lax
keeps the cookie off most cross-site posts already; this also covers same-site subdomains and old
browsers. API requests (/api/v1, Bearer tokens, no cookie) are not checked: a token cannot be forged by
another site."""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.responses import HTMLResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

SECURITY_HEADERS = [
    (b"x-frame-options", b"DENY"),
    (b"content-security-policy", b"frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),  # our own pages still send Referer, other sites get none
]
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
REFUSED_PAGE = (
    '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>请求已拒绝</title>'
    '<p>{message}</p><p><a href="/ask">返回首页</a></p></html>'
)
NO_SOURCE = "请求缺少来源信息，为安全起见已拒绝。请从本站页面重新提交。"
FOREIGN = "请求来自其他网站，为安全起见已拒绝。"


def refusal(headers: Headers) -> str | None:
    """Why a state-changing console request is refused (Chinese), or None when it is from our pages."""
    host = headers.get("host")
    source = headers.get("origin") or headers.get("referer")
    if not source or source == "null":  # "null": a sandboxed frame, a file:// page, a privacy redirect
        return NO_SOURCE
    return None if host and urlsplit(source).netloc == host else FOREIGN


class ConsoleGuard:
    """ASGI middleware (not BaseHTTPMiddleware: the console streams answers as server-sent events)."""

    def __init__(self, app: ASGIApp, *, api_prefix: str) -> None:
        self.app = app
        self.api_prefix = api_prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(n, v) for n, v in SECURITY_HEADERS if n not in present]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        path: str = scope["path"]
        if scope["method"] in UNSAFE and not path.startswith(self.api_prefix):
            reason = refusal(Headers(scope=scope))
            if reason is not None:
                response = HTMLResponse(REFUSED_PAGE.format(message=reason), status_code=403)
                await response(scope, receive, send_with_headers)
                return
        await self.app(scope, receive, send_with_headers)
