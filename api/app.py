"""The FastAPI application: `create_app(application)` serves the parts the composition root built
(knowledge base, registry, engine, jobs) and keeps them on `app.state`; the lifespan starts the
Telegram bot (when a token is configured) in the same process and stops it, and the ingest worker, at
shutdown."""

from __future__ import annotations

import contextlib
import logging
import re
import threading
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from api import (
    activity_routes,
    chat,
    competition_routes,
    course_routes,
    docs_page,
    errors,
    extract_routes,
    knowledge_routes,
    report_routes,
    statuses,
    web,
)
from api.errors import error_response
from api.statuses import DEFAULT, error_responses
from api.web.guard import ConsoleGuard
from service.library import Library

if TYPE_CHECKING:
    from service.composition import Application

log = logging.getLogger("gonghui.api")
PREFIX = "/api/v1"

TAGS = [
    {"name": "问答", "description": "用中文提问，得到带编号引用的回答；检索相关段落。"},
    {"name": "文档库", "description": "上传（后台导入，可查询进度）、列出、查看、删除文档，重建索引。"},
    {"name": "竞赛", "description": "劳动竞赛登记：列表（筛选、分页）、查看、登记、修改（留痕）、更改状态。"},
    {"name": "活动", "description": "竞赛活动记录（动员会、座谈会、宣传……）及照片、文件附件。"},
    {"name": "统计", "description": "竞赛统计、重点项目覆盖率、职工参与率；导出 XLSX / CSV。"},
    {"name": "培训", "description": "培训课程：建课、审核题目、发布、邀请码报名、逐题作答、报表与证书。"},
    {"name": "对话", "description": "与 Telegram 机器人相同的对话引擎，可在网页上通过对话登记竞赛。"},
    {"name": "服务", "description": "服务状态。"},
]
DESCRIPTION = """工会助手 HTTP API：政策文件问答、文档库、劳动竞赛与活动登记、统计与导出、对话。

**认证**：除 `/api/v1/health` 外，每个请求都要带 `Authorization: Bearer <API 令牌>`；令牌用
`gonghui users token 用户名` 生成。角色和工会范围与登记库一致：管理员看全部；工会干部、培训师看本工会及下属工会；
查看者只读。

**错误**：所有错误都是同一个格式 `{"ok": false, "error": {"code": "...", "message": "中文说明", "field": "..."}}`，
401 未登录或令牌无效，403 无权限，404 不存在，409 重复登记，413 文件太大，415 文件类型不支持，422 取值无效。
"""


def _start_telegram(app: FastAPI):
    from bot.telegram_adapter import build_application

    settings = app.state.settings
    return build_application(
        app.state.engine, token=settings.telegram_token, base_url=settings.telegram_base_url or None
    )


@contextlib.asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    telegram = None
    if app.state.settings.telegram_token and app.state.run_telegram:
        telegram = _start_telegram(app)
        await telegram.initialize()
        if telegram.post_init:
            await telegram.post_init(telegram)  # sets the command menu, as run_polling would
        await telegram.start()
        await telegram.updater.start_polling(drop_pending_updates=False)
        log.warning("Telegram 机器人已在同一进程中启动（长轮询）。")
    app.state.telegram = telegram
    # uploads and re-indexes that a stop interrupted run again, in the order they were accepted
    app.state.jobs.resume(app.state.library.work)
    try:
        yield
    finally:
        if telegram is not None:
            with contextlib.suppress(Exception):
                await telegram.updater.stop()
            await telegram.stop()
            await telegram.shutdown()
        app.state.jobs.shutdown()


TOO_LARGE_PAGE = (
    '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>上传内容过大</title>'
    '<p>{message}</p><p><a href="javascript:history.back()">返回</a></p></html>'
)


def create_app(
    application: Application,
    *,
    run_telegram: bool = True,
) -> FastAPI:
    app = FastAPI(
        title="工会助手 API",
        version="1",
        description=DESCRIPTION,
        openapi_tags=TAGS,
        openapi_url=f"{PREFIX}/openapi.json",
        docs_url=None,  # Swagger UI needs a CDN; docs_page renders the schema offline instead
        redoc_url=None,
        lifespan=lifespan,
    )
    docs_page.install(app, path=f"{PREFIX}/docs")
    settings = application.settings
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    state = app.state
    state.application = application
    state.settings = settings
    state.knowledge = application.knowledge
    state.registry = application.registry
    state.engine = application.engine
    state.jobs = application.jobs
    state.write_lock = threading.RLock()  # document-library writes: uploads, deletes, re-index
    state.uploads_dir = settings.data_dir / "uploads"
    state.library = Library(application, uploads_dir=state.uploads_dir, lock=state.write_lock)
    limits = application.registry.limits  # Settings.upload_max_mb / upload_max_files, defined once
    state.max_upload_bytes = limits.file_bytes
    state.max_activity_bytes = limits.file_bytes * limits.files_per_upload
    state.run_telegram = run_telegram
    state.telegram = None

    errors.install(app)
    app.add_middleware(ConsoleGuard, api_prefix=f"{PREFIX}/")  # framing headers, console Origin check

    documents = re.compile(
        rf"^({PREFIX}/documents|/documents/upload|{PREFIX}/(competitions|activities)/extract)$"
    )
    activities = re.compile(rf"^({PREFIX}/activities/(with-files|\d+/files)|/activities/(new|\d+/files))$")

    def upload_limit(path: str) -> int | None:
        if documents.match(path):
            return state.max_upload_bytes
        return state.max_activity_bytes if activities.match(path) else None

    @app.middleware("http")
    async def refuse_oversized_uploads(request: Request, call_next):
        # the multipart body is parsed before the endpoint runs: refuse a huge one from its header
        length = request.headers.get("content-length")
        limit = upload_limit(request.url.path)
        if (
            request.method == "POST"
            and limit is not None
            and length
            and length.isdigit()
            and int(length) > limit + 1024 * 1024
        ):
            message = f"上传内容超过 {limit // (1024 * 1024) or 1} MB 的上限，请拆分或压缩后再上传。"
            if not request.url.path.startswith(PREFIX):  # a console page: a page, not JSON
                return HTMLResponse(TOO_LARGE_PAGE.format(message=message), status_code=413)
            return error_response(413, "too_large", message, field="file")
        return await call_next(request)

    public = APIRouter(prefix=PREFIX)  # no token: none of the 401/403/404 of the routes behind one

    @public.get(
        "/health",
        tags=["服务"],
        summary="服务状态",
        description="无需登录：服务是否在运行，文档数和段落数（供反向代理和监控使用）。",
    )
    def health(request: Request) -> JSONResponse:
        docs, chunks = request.app.state.knowledge.catalog.stats()
        return JSONResponse(
            {
                "ok": True,
                "documents": docs,
                "chunks": chunks,
                "telegram": request.app.state.telegram is not None,
            }
        )

    api = APIRouter(prefix=PREFIX, responses=error_responses(*DEFAULT))
    api.include_router(knowledge_routes.router)
    api.include_router(extract_routes.router)  # before /competitions/{ref}
    api.include_router(competition_routes.router)
    api.include_router(activity_routes.router)
    api.include_router(report_routes.router)
    api.include_router(course_routes.router)
    api.include_router(chat.router)
    app.include_router(public)
    app.include_router(api)
    statuses.install(app, PREFIX)
    app.include_router(web.router)  # the web console (server-rendered pages)
    app.mount("/static", StaticFiles(directory=web.STATIC_DIR), name="static")
    return app
