"""What the training commands share: the training service acting as a user (the local admin unless
`--user NAME` names a registered user), JSON output, and how a quiz item and a lesson are printed."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Annotated

import typer

from registry.errors import NotFound
from registry.model import User
from service.composition import Application
from training.service import TrainingService

_get: Callable[[], Application] | None = None

UserOpt = Annotated[str | None, typer.Option("--user", help="以该已登记用户的身份操作；默认为本机管理员。")]
KIND = {"cloze": "填空", "judge": "判断", "choice": "单选", "order": "排序"}


def use(get_application: Callable[[], Application]) -> None:
    global _get
    _get = get_application


def current_application() -> Application:
    if _get is None:
        raise RuntimeError("training commands are not registered")
    return _get()


def service_as(user: str | None, app: Application | None = None) -> tuple[TrainingService, User]:
    app = app or current_application()
    registry = app.registry
    person = registry.get_user(user) if user else registry.ensure_local_admin()
    if person is None:
        raise NotFound(f"没有用户“{user}”。")
    return app.training, person


def echo_json(value: object) -> None:
    typer.echo(json.dumps(value, ensure_ascii=False, indent=None, default=str))


def show_item(k: int, item, *, answer: bool = True) -> None:
    typer.echo(f"{k}. [{KIND[item.kind.value]}] {item.question}")
    for letter, option in zip("ABCDEFGH", item.options, strict=False):
        typer.echo(f"   {letter}. {option}")
    if answer:
        from training.answers import expected

        typer.echo(f"   答案：{expected(item)}（{item.source.article or item.source.title}）")


def show_lesson(lesson, *, full: bool = False) -> None:
    typer.echo(f"第 {lesson.position} 课  {lesson.title}（《{lesson.doc_title}》{lesson.part}）")
    typer.echo(f"摘要：{lesson.summary}")
    if full:
        typer.echo(lesson.text)
    if lesson.key_points:
        typer.echo("要点：")
        for p in lesson.key_points:
            typer.echo(f"  · [{p.kind.value}] {p.text}（{p.source.article or '—'}）")
    if lesson.glossary:
        typer.echo("术语：")
        for g in lesson.glossary:
            where = f"（《{g.source.title}》{g.source.article or ''}）" if g.source else ""
            typer.echo(f"  · {g.named}：{g.shown}{where}")
    typer.echo("")
