"""`gonghui understand` and `gonghui competitions|activities extract`: how the assistant reads a message or a
plan file (intent and fields), as JSON other tools can rely on."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from bot.understanding.extraction import LABELS, as_json, fields_json, file_text
from gonghui.errors import error_line
from ingest.errors import IngestError
from registry.model import to_jsonable
from service.composition import Application

_get: Callable[[], Application] | None = None
TextArg = Annotated[
    str | None, typer.Argument(help="消息或方案文字；不给时从标准输入读取。", show_default=False)
]
FileOpt = Annotated[
    Path | None, typer.Option("--file", help="方案文件（DOCX、PDF、TXT 等）。", show_default=False)
]
JsonOpt = Annotated[bool, typer.Option("--json", help="以 JSON 输出。")]


def register(
    app: typer.Typer, competitions: typer.Typer, activities: typer.Typer, get: Callable[[], Application]
) -> None:
    global _get
    _get = get
    app.command("understand")(understand)
    competitions.command("extract")(competitions_extract)
    activities.command("extract")(activities_extract)


def _application() -> Application:
    assert _get is not None
    return _get()


def _text(text: str | None, file: Path | None) -> str:
    if file is not None:
        application = _application()
        try:
            data = file.read_bytes() if file.is_file() else b""
            if not file.is_file():
                raise IngestError(str(file), "文件不存在")
            if len(data) > application.settings.upload_limits.file_bytes:
                limit = application.settings.upload_limits.file_mb
                raise IngestError(str(file), f"文件超过 {limit} MB，无法读取")
            body = file_text(data, name=file.name, limits=application.settings.ingest_limits)
        except IngestError as exc:
            typer.echo(error_line(exc), err=True)
            raise typer.Exit(1) from None
        return (text + "\n" + body) if text else body
    if text is None:
        text = sys.stdin.read()
    if not text.strip():
        typer.echo("错误：没有收到文字，请给出消息内容或用 --file 指定文件。", err=True)
        raise typer.Exit(1)
    return text


def _echo(result: dict, as_json_out: bool) -> None:
    if as_json_out:
        typer.echo(json.dumps(to_jsonable(result), ensure_ascii=False))
        return
    for key, value in result.get("fields", {}).items():
        typer.echo(f"✓ {LABELS.get(key, key)}：{value}")
    if result.get("missing"):
        typer.echo("还缺：" + "、".join(LABELS.get(k, k) for k in result["missing"]))
    for note in result.get("notes", []):
        typer.echo(f"注：{note}")


def competitions_extract(text: TextArg = None, file: FileOpt = None, as_json_out: JsonOpt = False) -> None:
    """从一段文字或方案文件中读出竞赛登记的各项内容（缺哪些也列出）。"""
    application = _application()
    understood = application.understander.competition(_text(text, file), today=application.today())
    _echo(as_json("competition", understood), as_json_out)


def activities_extract(text: TextArg = None, file: FileOpt = None, as_json_out: JsonOpt = False) -> None:
    """从一段文字或文件中读出活动记录的各项内容（缺哪些也列出）。"""
    application = _application()
    understood = application.understander.activity(_text(text, file), today=application.today())
    _echo(as_json("activity", understood), as_json_out)


def understand(text: TextArg = None, as_json_out: JsonOpt = False) -> None:
    """显示助手如何理解一条消息：意图（question/register/activity/my/stats/export/help）和读出的字段。"""
    application = _application()
    u = application.understander.understand(_text(text, None), today=application.today())
    kind = {"register": "competition", "activity": "activity"}.get(u.intent.value)
    fields = fields_json(kind, u) if kind else {}
    result = {"intent": u.intent.value, "fields": fields}
    if as_json_out:
        typer.echo(json.dumps(result, ensure_ascii=False))
        return
    typer.echo(f"意图：{u.intent.value}（把握 {u.confidence:.2f}）")
    for key, value in fields.items():
        typer.echo(f"✓ {LABELS.get(key, key)}：{value}")
    for key, note in u.notes.items():
        typer.echo(f"注：{LABELS.get(key, key)}：{note}")
