"""`gonghui chat`: the conversation engine on the terminal (the lead wires `register` into the CLI)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Annotated

import typer

from gonghui.settings import Settings


def open_registry(settings: Settings):
    from registry import Registry

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    return Registry(settings.data_dir / "registry.db", attachments_dir=settings.data_dir / "attachments")


def register(app: typer.Typer, get_settings: Callable[[], Settings]) -> None:
    @app.command()
    def chat(
        user: Annotated[
            str | None, typer.Option("--user", help="以该已登记用户的身份对话；默认为本机管理员。")
        ] = None,
    ) -> None:
        """在终端与工会助手对话：提问、登记竞赛、记录活动（可用脚本从标准输入逐行输入）。"""
        from bot import texts
        from bot.engine import Engine
        from bot.messages import Sender
        from bot.terminal import run_chat
        from gonghui.wiring import build_knowledge

        settings = get_settings()
        registry = open_registry(settings)
        if user is None:
            who = registry.ensure_local_admin()
        else:
            who = registry.get_user(user) or registry.get_user(f"local:{user}")
            if who is None:
                typer.echo(texts.TERMINAL_UNKNOWN_USER.format(name=user), err=True)
                raise typer.Exit(1)
        # the engine finds the user again from this key: "local:admin", "local:zhang", "tg:123"
        key = who.name if who.name.startswith(("local:", "tg:")) else f"local:{who.name}"
        sender = Sender(key=key, display_name=who.display_name)
        engine = Engine(registry, build_knowledge(settings))
        run_chat(engine, sender=sender, stdin=sys.stdin, stdout=sys.stdout)
