"""What the registry commands share: the application's registry run as the local admin, one Chinese
error line with exit code 1, and JSON output."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Annotated, Any

import typer

from gonghui.errors import error_line
from registry import Registry, RegistryError
from registry.model import to_jsonable
from service.composition import Application

_application_getter: Callable[[], Application] | None = None

JsonOpt = Annotated[bool, typer.Option("--json", help="以 JSON 输出。")]


def use(get_application: Callable[[], Application]) -> None:
    global _application_getter
    _application_getter = get_application


def registry_from(ctx: typer.Context | None = None) -> Registry:
    """The application's Registry (Settings.registry_db and attachments_dir)."""
    if _application_getter is None:
        raise RuntimeError("registry commands are not registered")
    return _application_getter().registry


def open_as_admin(ctx: typer.Context):
    registry = registry_from(ctx)
    return registry, registry.ensure_local_admin()


def friendly(command: Callable) -> Callable:
    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except RegistryError as exc:
            typer.echo(error_line(exc), err=True)
            raise typer.Exit(1) from None

    return run


def echo_json(value: object) -> None:
    typer.echo(json.dumps(to_jsonable(value), ensure_ascii=False, default=str))
