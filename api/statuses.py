"""Which error statuses each route really returns, for the OpenAPI schema, kept in one table so that the
schema and the server agree (the schemathesis test checks every response against it); and the `Allow`
header of a 405, which must list the methods of every route on the path, not only the first one."""

from __future__ import annotations

from fastapi import FastAPI
from starlette.requests import Request
from starlette.routing import Match, Mount

from api.schemas import ErrorEnvelope

TEXT = {
    400: "请求无法处理",
    401: "未登录或令牌无效",
    403: "无权限",
    404: "不存在",
    409: "与已有记录冲突（如重复登记）",
    413: "上传内容过大",
    415: "文件类型不支持",
    422: "取值无效",
}
# every route behind a token: a body that cannot be read (400), no token (401), not allowed (403),
# unknown record (404), bad value (422)
DEFAULT = (400, 401, 403, 404, 422)
# the statuses some routes return beyond DEFAULT: (method, path under /api/v1) → statuses
EXTRA: dict[tuple[str, str], tuple[int, ...]] = {
    ("POST", "/competitions"): (409,),
    ("PATCH", "/competitions/{ref}"): (409,),
    ("POST", "/documents"): (409, 413, 415),
    ("POST", "/documents/reindex"): (409,),
    ("POST", "/activities/with-files"): (413, 415),
    ("POST", "/activities/{activity_id}/files"): (413, 415),
    ("POST", "/chat"): (413,),
    ("POST", "/competitions/extract"): (413, 415),
    ("POST", "/activities/extract"): (413, 415),
    # a published course takes no more lessons or item changes; one with items left to review cannot publish
    ("POST", "/courses/{course_id}/lessons"): (409,),
    ("POST", "/courses/{course_id}/items/approve"): (409,),
    ("POST", "/courses/{course_id}/items/drop"): (409,),
    ("POST", "/courses/{course_id}/publish"): (409,),
}


def error_responses(*statuses: int) -> dict[int | str, dict]:
    return {s: {"model": ErrorEnvelope, "description": TEXT[s]} for s in sorted(statuses)}


def install(app: FastAPI, prefix: str) -> None:
    """Add EXTRA to the generated schema (FastAPI documents DEFAULT from the router's `responses`)."""
    generate = app.openapi

    def openapi() -> dict:
        schema = app.openapi_schema
        if schema is None:
            schema = generate()
            for (method, path), statuses in EXTRA.items():
                operation = schema["paths"][prefix + path][method.lower()]
                for status in statuses:
                    operation["responses"].setdefault(
                        str(status),
                        {
                            "description": TEXT[status],
                            "content": {
                                "application/json": {"schema": {"$ref": "#/components/schemas/ErrorEnvelope"}}
                            },
                        },
                    )
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")


def allowed_methods(request: Request) -> list[str]:
    """Every method some route on this path answers (Starlette's own 405 names only the first route's).
    Asked through each route's public `matches`, as the router itself does, so included routers count."""
    routes = [r for r in request.app.router.routes if not isinstance(r, Mount)]  # static files: GET only
    return [
        method
        for method in METHODS
        if any(route.matches({**request.scope, "method": method})[0] == Match.FULL for route in routes)
    ]
