"""One JSON error envelope for every failure: ``{"ok": false, "error": {"code", "message", "field"?}}``.

Domain errors (registry, knowledge, ingest) keep their Chinese messages; FastAPI's own validation errors
and unknown routes are translated here so a client never sees another shape.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.params import PATTERN_HINTS
from api.statuses import allowed_methods
from ingest.errors import IngestError
from knowledge.errors import KnowledgeError
from registry.errors import RegistryError

# every domain error carries code, status, message, field and details(): translated here once
DomainError = RegistryError | KnowledgeError | IngestError

log = logging.getLogger("gonghui.api")


class ApiError(Exception):
    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        field: str | None = None,
        headers: dict | None = None,
        extra: dict | None = None,
    ) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.field = status, code, message, field
        self.headers = headers
        self.extra = extra or {}


def envelope(code: str, message: str, *, field: str | None = None, **extra: object) -> dict:
    error: dict[str, object] = {"code": code, "message": message}
    if field is not None:
        error["field"] = field
    error.update(extra)
    return {"ok": False, "error": error}


def error_response(
    status: int,
    code: str,
    message: str,
    *,
    field: str | None = None,
    headers: Mapping[str, str] | None = None,
    extra: Mapping[str, object] | None = None,
) -> JSONResponse:
    """The JSON envelope; `extra` adds machine-readable facts beside code and message (e.g. reg_no)."""
    return JSONResponse(
        envelope(code, message, field=field, **(extra or {})), status_code=status, headers=headers
    )


# FastAPI/pydantic error types → Chinese; anything else gets the generic "取值无效"
_PYDANTIC_MESSAGES = {
    "missing": "缺少必填项",
    "string_type": "应为文字",
    "string_too_short": "不能为空",
    "string_too_long": "太长了",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "float_type": "应为数字",
    "float_parsing": "应为数字",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "greater_than_equal": "数值太小",
    "less_than_equal": "数值太大",
    "greater_than": "数值太小",
    "less_than": "数值太大",
    "list_type": "应为列表",
    "dict_type": "应为 JSON 对象",
    "model_type": "应为 JSON 对象",
    "model_attributes_type": "应为 JSON 对象",
    "extra_forbidden": "不是可以提交的字段",
    "json_invalid": "请求内容不是有效的 JSON",
    "literal_error": "取值不在可选范围内",
    "enum": "取值不在可选范围内",
    "date_parsing": "日期格式应为 YYYY-MM-DD",
    "date_from_datetime_parsing": "日期格式应为 YYYY-MM-DD",
    "date_type": "日期格式应为 YYYY-MM-DD",
    "value_error": "取值无效",
    "string_pattern_mismatch": "格式不正确",
    "too_long": "项数太多",
}
_LOCATIONS = {"body": "请求体", "query": "查询参数", "path": "路径参数", "header": "请求头", "form": "表单"}


def _validation_field(loc: tuple) -> str | None:
    parts = [str(p) for p in loc[1:]] if loc and loc[0] in _LOCATIONS else [str(p) for p in loc]
    return ".".join(parts) or None


def validation_message(err: Mapping[str, Any]) -> tuple[str | None, str]:
    loc = tuple(err.get("loc") or ())
    field = _validation_field(loc)
    msg = str(err.get("msg") or "")
    # our own checks (PydanticCustomError) already speak Chinese; pydantic's English does not reach users
    reason = _PYDANTIC_MESSAGES.get(err.get("type", "")) or (msg if msg and not msg.isascii() else "取值无效")
    ctx = err.get("ctx") or {}
    if err.get("type") == "string_pattern_mismatch" and ctx.get("pattern") in PATTERN_HINTS:
        reason = PATTERN_HINTS[ctx["pattern"]]
    elif err.get("type") in ("greater_than_equal", "greater_than") and ("ge" in ctx or "gt" in ctx):
        reason = f"应不小于 {ctx.get('ge', ctx.get('gt'))}"
    elif err.get("type") in ("less_than_equal", "less_than") and ("le" in ctx or "lt" in ctx):
        reason = f"应不大于 {ctx.get('le', ctx.get('lt'))}"
    elif err.get("type") == "literal_error" and "expected" in ctx:
        reason = f"取值不在可选范围内，可选：{ctx['expected']}"
    where = _LOCATIONS.get(str(loc[0]), "") if loc else ""
    if field:
        return field, f"{where}字段“{field}”{reason}。"
    return None, f"{where or '请求'}{reason}。"


def install(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> JSONResponse:
        return error_response(
            exc.status, exc.code, exc.message, field=exc.field, headers=exc.headers, extra=exc.extra
        )

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        found = [validation_message(e) for e in errors]
        details = [{"field": field, "message": message} for field, message in found]
        field, message = found[0] if found else (None, "请求无效。")
        return error_response(422, "invalid", message, field=field, extra={"details": details})

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 404:
            return error_response(404, "not_found", f"没有这个接口：{request.method} {request.url.path}。")
        if exc.status_code == 405:
            allow = ", ".join(allowed_methods(request)) or (exc.headers or {}).get("Allow", "GET, HEAD")
            return error_response(
                405,
                "method_not_allowed",
                f"接口 {request.url.path} 不支持 {request.method} 请求。",
                headers={"Allow": allow},
            )
        if exc.status_code == 400:  # FastAPI could not read the body (not UTF-8, a broken multipart form)
            return error_response(400, "bad_request", "请求内容无法解析，请提交 UTF-8 编码的 JSON 或表单。")
        message = exc.detail if isinstance(exc.detail, str) and not exc.detail.isascii() else "请求无法处理。"
        return error_response(exc.status_code, "http_error", message, headers=exc.headers)

    @app.exception_handler(RegistryError)
    @app.exception_handler(KnowledgeError)
    @app.exception_handler(IngestError)
    async def domain_error(request: Request, exc: DomainError) -> JSONResponse:
        return error_response(exc.status, exc.code, exc.message, field=exc.field, extra=exc.details())

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return error_response(500, "internal", "服务器内部错误，已记录日志，请稍后再试或联系管理员。")
