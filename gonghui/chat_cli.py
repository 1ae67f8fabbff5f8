"""`gonghui chat`: the conversation engine on the terminal."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Annotated

import typer

from service.composition import Application


def register(app: typer.Typer, get_application: Callable[[], Application]) -> None:
    @app.command()
    def chat(
        user: Annotated[
            str | None, typer.Option("--user", help="以该已登记用户的身份对话；默认为本机管理员。")
        ] = None,
    ) -> None:
        """在终端与工会助手对话：提问、登记竞赛、记录活动（可用脚本从标准输入逐行输入）。"""
        from bot import texts
        from bot.messages import Sender
        from bot.terminal import run_chat

        application = get_application()
        registry = application.registry
        who = (
            registry.ensure_local_admin()
            if user is None
            else registry.get_user(user) or registry.get_user(f"local:{user}")
        )
        if who is None:
            typer.echo(texts.TERMINAL_UNKNOWN_USER.format(name=user), err=True)
            raise typer.Exit(1)
        sender = Sender("local", who.name.removeprefix("local:"), display_name=who.display_name)
        run_chat(application.engine, sender=sender, stdin=sys.stdin, stdout=sys.stdout)
