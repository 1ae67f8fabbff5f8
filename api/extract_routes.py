"""Extraction: POST /api/v1/competitions/extract and /activities/extract read a text (JSON `{"text"}`) or a
plan file (multipart `file`, DOCX/PDF/TXT …) into `{"fields", "missing", "notes"}`, as the CLI does.
Nothing is stored: the caller reviews the fields and registers them as usual."""

from __future__ import annotations

import asyncio
import json

from fastapi import APIRouter, Request
from starlette.datastructures import UploadFile

from api.auth import CurrentUser
from api.errors import ApiError
from api.upload_body import read_upload
from bot.understanding.extraction import as_json, file_text

router = APIRouter()
MAX_TEXT = 20_000  # characters of pasted text: a plan of a few pages
_BODY = {
    "required": True,
    "content": {
        "application/json": {
            "schema": {"type": "object", "properties": {"text": {"type": "string"}}, "required": ["text"]}
        },
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "properties": {"file": {"type": "string", "format": "binary"}, "text": {"type": "string"}},
            }
        },
    },
}
_RESULT: dict[str, object] = {"fields": {}, "missing": [], "notes": []}


async def _text(request: Request) -> str:
    kind = request.headers.get("content-type", "")
    if kind.startswith("multipart/form-data"):
        form = await request.form()
        parts = [str(form.get("text") or "")]
        upload = form.get("file")
        if isinstance(upload, UploadFile):
            parts.append(await _file_text(request, upload))
        text = "\n".join(p for p in parts if p.strip())
    else:
        try:
            body = json.loads(await request.body() or b"{}")
        except ValueError:
            raise ApiError(422, "invalid", "请求内容不是有效的 JSON。") from None
        given = body.get("text") if isinstance(body, dict) else None
        if not isinstance(given, str):
            raise ApiError(422, "invalid", "请在 text 中给出要识别的文字，或以 file 上传文件。", field="text")
        text = given
    if not text.strip():
        raise ApiError(422, "invalid", "没有收到文字，请给出要识别的内容。", field="text")
    if len(text) > MAX_TEXT:
        raise ApiError(
            422, "invalid", f"文字太长（{len(text)} 字），请控制在 {MAX_TEXT} 字以内。", field="text"
        )
    return text


async def _file_text(request: Request, upload: UploadFile) -> str:
    state = request.app.state
    data = await read_upload(upload, state.max_upload_bytes)
    limits = state.settings.ingest_limits
    # reading a PDF or DOCX is CPU work: off the event loop
    text = await asyncio.to_thread(file_text, data, name=upload.filename or "方案.txt", limits=limits)
    return text[:MAX_TEXT]


def _understander(request: Request):
    return request.app.state.application.understander


@router.post(
    "/competitions/extract",
    tags=["竞赛"],
    summary="从文字或方案文件读出竞赛登记内容",
    description='JSON `{"text": "…"}` 或 multipart 文件（DOCX、PDF、TXT 等）。返回读出的字段（名称与'
    "竞赛详情相同，日期为 YYYY-MM-DD，人数为整数）、还缺的必填字段和说明；不会保存。",
    openapi_extra={"requestBody": _BODY},
    responses={200: {"content": {"application/json": {"example": _RESULT}}}},
)
async def extract_competition(request: Request, user: CurrentUser) -> dict:
    text = await _text(request)
    application = request.app.state.application
    understood = await asyncio.to_thread(_understander(request).competition, text, today=application.today())
    return as_json("competition", understood)


@router.post(
    "/activities/extract",
    tags=["活动"],
    summary="从文字读出活动记录内容",
    description="与竞赛的识别相同，字段为活动形式、日期、地点、参加人数、活动内容、关联竞赛；不会保存。",
    openapi_extra={"requestBody": _BODY},
)
async def extract_activity(request: Request, user: CurrentUser) -> dict:
    text = await _text(request)
    application = request.app.state.application
    understood = await asyncio.to_thread(_understander(request).activity, text, today=application.today())
    return as_json("activity", understood)
