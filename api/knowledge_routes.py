"""问答、检索、文档库: /api/v1/ask, /search, /documents, /jobs."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from api.auth import CurrentUser
from api.errors import ApiError
from api.params import DatePrefix, QueryId, RowId
from api.schemas import AskIn, AskOut, DocumentEditIn, JobOut, Page, ReindexIn, SearchOut
from api.upload_body import read_upload
from ingest.loaders import SUPPORTED_SUFFIXES, unsupported_reason
from knowledge.llm.stream import AnswerEvent, Final
from knowledge.model import Answer, Filters
from registry.policy import Action
from registry.text import safe_filename

router = APIRouter()


def upload_filename(raw: str) -> str:
    """The name an upload is stored under (registry.text.safe_filename: safe, short, extension kept)."""
    return safe_filename(raw, fallback="文档")


def _filters(doc_types=None, doc_ids=None, date_from=None, date_to=None) -> Filters | None:
    f = Filters(
        doc_types=tuple(doc_types) if doc_types else None,
        doc_ids=tuple(doc_ids) if doc_ids else None,
        date_from=date_from or None,
        date_to=date_to or None,
    )
    return None if f.empty else f


def _answer_json(answer: Answer) -> dict:
    return answer.to_json() | {"closest": [h.to_json() for h in answer.closest]}


def sse_event(name: str, payload: object) -> str:
    return f"event: {name}\ndata: {json.dumps(payload, ensure_ascii=False)}\n\n"


def answer_events(events: Iterator[AnswerEvent], final: Callable[[Answer], object]) -> Iterator[str]:
    """`event: delta` with `{text}` to append, then `event: final` with `final(answer)`."""
    for event in events:
        if isinstance(event, Final):
            yield sse_event("final", final(event.answer))
            return
        yield sse_event("delta", {"text": event.text})


def stream_response(body: Iterator[str]) -> StreamingResponse:
    headers = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}  # nginx: pass events on at once
    return StreamingResponse(body, media_type="text/event-stream", headers=headers)


@router.post(
    "/ask",
    tags=["问答"],
    response_model=AskOut,
    summary="提问",
    description="用中文提问，得到带编号引用（文件、条款、原文）的简短回答；文件中没有依据时 found 为 false，"
    "并给出最接近的段落。带上 history（之前的问题）时，追问先改写成完整的问题（standalone）再回答。"
    "与 `gonghui ask --json` 的输出相同。`stream` 为 true 时以 SSE 逐步返回。",
    responses={
        200: {
            "content": {
                "text/event-stream": {
                    "example": 'event: delta\ndata: {"text": "…"}\n\nevent: final\ndata: {"answer": "…", …}'
                }
            }
        }
    },
)
def ask(body: AskIn, request: Request, user: CurrentUser):
    question = body.question.strip()
    if not question:
        raise ApiError(422, "invalid", "请填写问题。", field="question")
    f = body.filters
    filters = _filters(f.doc_types, f.doc_ids, f.date_from, f.date_to) if f else None
    kb = request.app.state.knowledge
    # the asker's union places them: their own local rules come right after national law
    region = request.app.state.registry.region_of(user)
    standalone = kb.standalone(question, [h.strip() for h in body.history if h.strip()])

    def out(answer: Answer) -> dict:
        return _answer_json(answer) | {"standalone": standalone.text}

    if body.stream:
        events = kb.ask_stream(standalone.text, filters=filters, region=region)  # errors surface here
        return stream_response(answer_events(events, out))
    return out(kb.ask(standalone.text, filters=filters, region=region))


@router.get(
    "/search",
    tags=["问答"],
    response_model=SearchOut,
    summary="检索段落",
    description="混合检索（关键词 + 向量），返回最相关的段落，与 `gonghui search --json` 的输出相同。",
)
def search(
    request: Request,
    user: CurrentUser,
    q: Annotated[str, Query(min_length=1, max_length=500, description="检索内容")],
    k: Annotated[int, Query(ge=1, le=100, description="返回条数")] = 10,
    doc_type: Annotated[list[str] | None, Query(description="只检索这些文档类型（可重复）")] = None,
    date_from: Annotated[DatePrefix | None, Query(description="发文日期不早于，如 2020")] = None,
    date_to: Annotated[DatePrefix | None, Query(description="发文日期不晚于，如 2021-12")] = None,
    doc: Annotated[list[QueryId] | None, Query(description="只检索这些文档编号（可重复）")] = None,
) -> dict:
    hits = request.app.state.knowledge.search(
        q.strip(), k=k, filters=_filters(doc_type, doc, date_from, date_to)
    )
    return {"query": q, "hits": [h.to_json() for h in hits]}


def _doc_json(d) -> dict:
    return {
        "id": d.id,
        "title": d.title,
        "issuer": d.issuer,
        "doc_number": d.doc_number,
        "date": d.date,
        "doc_type": d.doc_type,
        "format": d.format,
        "chars": d.chars,
        "chunks": d.chunks,
        "source": Path(d.source).name,
        "ingested_at": d.ingested_at,
        "short_title": d.name,
        "in_force_from": d.in_force_from,
        "status": d.status,
        "superseded_by": d.superseded_by,
        "superseded_by_id": d.superseded_by_id,
        "declared_status": d.declared_status,
        "declared_superseded_by": d.declared_superseded_by,
        "uploaded_by": d.uploaded_by,
    }


def edit_values(body: DocumentEditIn) -> dict[str, str | None]:
    """What a document edit changes, checked: a date in ISO form, a known status. Fields left out stay
    as they are; an empty string clears a declaration (back to what the text and the catalogue say)."""
    from ingest.metadata import parse_date
    from ingest.validity import Status

    values: dict[str, str | None] = {}
    fields = body.model_dump(exclude_unset=True)
    if "short_title" in fields:
        values["short_title"] = (fields["short_title"] or "").strip() or None
    if "in_force_from" in fields:
        raw = (fields["in_force_from"] or "").strip()
        iso = parse_date(raw) if raw else None
        if raw and iso is None:
            raise ApiError(
                422, "invalid", f"无法识别的日期「{raw}」，请写成 2022-01-01。", field="in_force_from"
            )
        values["in_force_from"] = iso
    if "superseded_by" in fields:
        values["declared_superseded_by"] = (fields["superseded_by"] or "").strip() or None
    if "status" in fields:
        raw = (fields["status"] or "").strip()
        status = Status.parse(raw) if raw else None
        if raw and status is None:
            raise ApiError(
                422,
                "invalid",
                f"无法识别的效力状态「{raw}」，可选：现行有效、已修订、已废止。",
                field="status",
            )
        values["declared_status"] = status.value if status else None
    if not values:
        raise ApiError(422, "invalid", "请至少指定一项要修改的内容。")
    return values


@router.get(
    "/documents",
    tags=["文档库"],
    response_model=Page,
    summary="文档列表",
    description="列出文档库中的文档（编号、标题、发文机关、文号、日期、类型、段落数），按编号排序，可分页。",
)
def list_documents(
    request: Request,
    user: CurrentUser,
    limit: Annotated[int, Query(ge=1, le=500, description="每页条数")] = 100,
    offset: Annotated[int, Query(ge=0, description="跳过条数")] = 0,
) -> dict:
    docs = request.app.state.knowledge.catalog.documents()
    return {
        "total": len(docs),
        "limit": limit,
        "offset": offset,
        "items": [_doc_json(d) for d in docs[offset : offset + limit]],
    }


@router.get(
    "/documents/{doc_id}",
    tags=["文档库"],
    summary="查看文档",
    description="一个文档的元数据（标题、文号、日期……）和全部段落（章节、条款、原文、位置）。",
)
def show_document(doc_id: RowId, request: Request, user: CurrentUser) -> dict:
    return document_json(*request.app.state.library.document(doc_id))


def document_json(record, chunks) -> dict:
    """A document with its passages, as the API and the console's document page show it."""
    rows = [{"idx": c.idx, "section": c.section, "article": c.article, "text": c.text, "start": c.start,
             "end": c.end} for c in chunks]  # fmt: skip
    return _doc_json(record) | {"chunk_list": rows}


@router.patch(
    "/documents/{doc_id}",
    tags=["文档库"],
    summary="修改文档的简称和效力",
    description="修改回答中使用的简称、施行日期、效力状态（现行有效 / 已修订 / 已废止）或取代它的文件（仅管理员）；"
    "同名文件的新版本会自动使旧版本变为“已修订”。",
)
def edit_document(doc_id: RowId, body: DocumentEditIn, request: Request, user: CurrentUser) -> dict:
    return _doc_json(request.app.state.library.edit(user, doc_id, edit_values(body)))


@router.delete(
    "/documents/{doc_id}",
    tags=["文档库"],
    summary="删除文档",
    description="从所有索引中删除一个文档及其段落（仅管理员）。",
)
def delete_document(doc_id: RowId, request: Request, user: CurrentUser) -> dict:
    return {"ok": True, "deleted": _doc_json(request.app.state.library.remove(user, doc_id))}


@router.post(
    "/documents",
    tags=["文档库"],
    status_code=202,
    response_model=JobOut,
    summary="上传文档",
    description="上传一个文件（txt、md、docx、pdf、html、ofd、doc、wps、xlsx、xls、csv、pptx，扫描件 PDF 与 png、jpg、tiff 图片经 OCR 识别；"
    "不超过 20 MB），在后台导入，返回任务编号；扫描件的任务逐页报告识别进度（pages_done/pages_total）和置信度（ocr_pages）；"
    "用 `GET /api/v1/jobs/{id}` 查询进度（排队中 → 处理中 → 已完成 / 失败及原因）。"
    "同名文件再次上传时：内容未变则不重复处理，内容有变则替换旧文档——只有上传者本人或管理员可以替换，"
    "其他人得到 409；新文件导入成功后才取代原文件，导入失败时原文件和索引保持不变。",
    responses={
        409: {"description": "同名文件由其他用户上传"},
        413: {"description": "文件太大"},
        415: {"description": "文件类型不支持"},
    },
)
async def upload_document(
    request: Request,
    user: CurrentUser,
    file: Annotated[UploadFile, File(description="要导入的文件")],
    title: Annotated[str | None, Form(description="指定标题（覆盖自动识别）")] = None,
    doc_type: Annotated[str | None, Form(description="指定文档类型，如 法律、条例、通知")] = None,
    short_title: Annotated[
        str | None, Form(description="回答中使用的简称，如 工会法（默认自动生成）")
    ] = None,
    in_force_from: Annotated[
        str | None, Form(description="施行日期，如 2022-01-01（默认从正文识别）")
    ] = None,
    superseded_by: Annotated[str | None, Form(description="已被哪个文件取代（标题）")] = None,
) -> dict:
    return (await receive_upload(request, user, file, title=title, doc_type=doc_type, short_title=short_title,
                                 in_force_from=in_force_from, superseded_by=superseded_by)).to_json()  # fmt: skip


async def receive_upload(request: Request, user, file: UploadFile, **given: str | None):
    """Read an uploaded file within the size limit (the HTTP edge: 413, 415, 422 here) and queue it in the
    library; shared by this route and the console's upload form."""
    state = request.app.state
    state.registry.require(user, Action.UPLOAD_DOCUMENTS)  # before reading megabytes of a viewer's file
    filename = upload_filename(file.filename or "")
    suffix = Path(filename).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise ApiError(415, "unsupported_type", unsupported_reason(suffix) + "。", field="file")
    data = await read_upload(file, state.max_upload_bytes)
    given["in_force_from"] = _upload_date(given.get("in_force_from"))
    overrides = {k: v.strip() for k, v in given.items() if v and v.strip()}
    return await run_in_threadpool(state.library.upload, user, filename, data, overrides)


def _upload_date(value: str | None) -> str | None:
    from ingest.metadata import parse_date

    if not value or not value.strip():
        return None
    iso = parse_date(value.strip())
    if iso is None:
        raise ApiError(
            422, "invalid", f"无法识别的施行日期「{value}」，请写成 2022-01-01。", field="in_force_from"
        )
    return iso


@router.post(
    "/documents/reindex",
    tags=["文档库"],
    status_code=202,
    response_model=JobOut,
    summary="重建索引",
    description="用当前的嵌入模型和词典在后台重建全部索引（更换嵌入模型后使用；仅管理员），返回任务编号。",
)
def reindex(request: Request, user: CurrentUser, body: ReindexIn | None = None) -> dict:
    return request.app.state.library.reindex(user, lexical_only=bool(body and body.lexical_only)).to_json()


@router.get(
    "/jobs",
    tags=["文档库"],
    response_model=list[JobOut],
    summary="最近的任务",
    description="最近的导入和重建索引任务，最新的在前（保存在数据目录的 jobs.db 中，重启后仍在）；"
    "管理员看到全部任务，其他用户只看到自己的。长任务报告进度：chunks_done/chunks_total（段落）。",
)
def list_jobs(
    request: Request, user: CurrentUser, limit: Annotated[int, Query(ge=1, le=500, description="条数")] = 50
) -> list[dict]:
    return [j.to_json() for j in request.app.state.library.jobs(user, limit)]


@router.get(
    "/jobs/{job_id}",
    tags=["文档库"],
    response_model=JobOut,
    summary="任务进度",
    description="一个导入或重建索引任务的状态：queued 排队中、running 处理中、done 已完成、failed 失败（reason 为中文原因）。",
)
def show_job(job_id: str, request: Request, user: CurrentUser) -> dict:
    return request.app.state.library.job(user, job_id).to_json()
