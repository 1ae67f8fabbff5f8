"""`gonghui telegram`: the Telegram bot (long polling, or a webhook behind a reverse proxy)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

import typer

from gonghui.store_cli import describe
from service import serve_lock
from service.composition import Application


def register(app: typer.Typer, get_application: Callable[[], Application]) -> None:
    @app.command()
    def telegram(
        webhook_url: Annotated[
            str | None, typer.Option(help="公网 HTTPS 地址（使用 webhook 模式时），如 https://example.org/tg")
        ] = None,
        listen: Annotated[str, typer.Option(help="webhook 模式监听地址。")] = "127.0.0.1",
        port: Annotated[int, typer.Option(help="webhook 模式监听端口。")] = 8443,
    ) -> None:
        """启动 Telegram 机器人（默认长轮询；给出 --webhook-url 时使用 webhook）。"""
        from bot.telegram_adapter import build_application

        application = get_application()
        settings = application.settings
        if not settings.telegram_token:
            typer.echo("错误：未配置 Telegram 令牌，请设置环境变量 GONGHUI_TELEGRAM_TOKEN。", err=True)
            raise typer.Exit(1)
        bot = build_application(
            application.engine, token=settings.telegram_token, base_url=settings.telegram_base_url or None
        )
        try:
            # the bot alone holds the data dir as `serve` does: its embedded chroma would not see vectors
            # another process writes, so the command line must know it is there
            with serve_lock.hold(
                settings.data_dir,
                url="",
                embedder=settings.embedder,
                chroma_url=settings.chroma_url,
                command="telegram",
            ):
                found, fixed = application.knowledge.check(repair=True)
                typer.echo("启动检查：" + " ".join(describe(found, fixed)), err=True)
                typer.echo("Telegram 机器人已启动，按 Ctrl+C 停止。", err=True)
                if webhook_url:
                    path = webhook_url.rstrip("/").rsplit("/", 1)[-1]
                    bot.run_webhook(listen=listen, port=port, url_path=path, webhook_url=webhook_url)
                else:
                    bot.run_polling()
        except serve_lock.DataDirInUse as exc:
            typer.echo(f"错误：{exc.message}", err=True)
            raise typer.Exit(1) from None
