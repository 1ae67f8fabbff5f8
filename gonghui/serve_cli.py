"""`gonghui serve`: the HTTP API (FastAPI under uvicorn) and, when a Telegram token is configured, the
Telegram bot in the same process, so one process owns the embedded chromadb and the SQLite files."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

import typer

from gonghui.store_cli import describe
from service import serve_lock
from service.composition import Application


def register(app: typer.Typer, get_application: Callable[[], Application]) -> None:
    @app.command()
    def serve(
        host: Annotated[str, typer.Option(help="监听地址；对外提供服务请放在反向代理之后。")] = "127.0.0.1",
        port: Annotated[int, typer.Option(help="监听端口。")] = 8000,
        no_telegram: Annotated[
            bool, typer.Option("--no-telegram", help="即使配置了 Telegram 令牌也不启动机器人。")
        ] = False,
        proxy_headers: Annotated[
            bool, typer.Option("--proxy-headers", help="信任反向代理的 X-Forwarded-For / X-Forwarded-Proto。")
        ] = False,
    ) -> None:
        """启动 HTTP API（/api/v1，文档见 /api/v1/docs）；配置了 Telegram 令牌时同时运行机器人。"""
        import uvicorn

        from api.app import create_app

        application = get_application()
        settings = application.settings
        url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::', '') else host}:{port}"
        try:
            with serve_lock.hold(
                settings.data_dir, url=url, embedder=settings.embedder, chroma_url=settings.chroma_url
            ):
                # a crash (kill -9) during an ingest leaves vectors of no document: remove them first
                found, fixed = application.knowledge.check(repair=True)
                typer.echo("启动检查：" + " ".join(describe(found, fixed)), err=True)
                web = create_app(application, run_telegram=not no_telegram)
                bot = "，Telegram 机器人同时运行" if settings.telegram_token and not no_telegram else ""
                typer.echo(f"工会助手 API：{url}/api/v1/docs{bot}；按 Ctrl+C 停止。", err=True)
                uvicorn.run(
                    web,
                    host=host,
                    port=port,
                    log_level=settings.log_level.lower(),
                    proxy_headers=proxy_headers,
                    forwarded_allow_ips="*" if proxy_headers else None,
                )
        except serve_lock.DataDirInUse as exc:
            typer.echo(f"错误：{exc.message}", err=True)
            raise typer.Exit(1) from None
