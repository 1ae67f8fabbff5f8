"""`gonghui docs`: list the documents, edit their short name, 施行日期 or status, remove one."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from knowledge.base import KnowledgeBase


def iso_date(value: str | None) -> str | None:
    """A date as typed (2022-01-01, 2022年1月1日) in ISO form; a clear error otherwise."""
    if not value or not value.strip():
        return None
    from ingest.metadata import parse_date

    iso = parse_date(value.strip())
    if iso is None:
        raise typer.BadParameter(f"无法识别的日期「{value}」，请写成 2022-01-01 或 2022年1月1日。")
    return iso


def status_text(d) -> str:
    """现行有效, or 已修订（见《…》）."""
    if d.status == "现行有效" or not d.superseded_by:
        return d.status
    return f"{d.status}（见《{d.superseded_by}》）"


def register(
    app: typer.Typer,
    get_knowledge: Callable[[], KnowledgeBase],
    get_knowledge_to_write: Callable[[], KnowledgeBase],
) -> None:
    docs_app = typer.Typer(help="文档库：列出或删除已导入的文档。", invoke_without_command=True)
    app.add_typer(docs_app, name="docs")

    @docs_app.callback()
    def docs(
        ctx: typer.Context,
        as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出。")] = False,
    ) -> None:
        """列出文档库中的文档（编号、简称、文号、日期、施行日期、效力状态、段落数）。"""
        if ctx.invoked_subcommand:
            return
        records = get_knowledge().catalog.documents()
        if as_json:
            rows = [
                {
                    "id": d.id,
                    "title": d.title,
                    "short_title": d.name,
                    "doc_number": d.doc_number,
                    "date": d.date,
                    "doc_type": d.doc_type,
                    "in_force_from": d.in_force_from,
                    "status": d.status,
                    "superseded_by": d.superseded_by,
                    "chunks": d.chunks,
                    "source": d.source,
                }
                for d in records
            ]
            typer.echo(json.dumps(rows, ensure_ascii=False))
            return
        if not records:
            typer.echo("文档库为空。用 `gonghui ingest 路径` 导入文档。")
            return
        typer.echo("编号  简称 | 文号 | 日期 | 施行日期 | 效力 | 段落数")
        for d in records:
            typer.echo(
                f"{d.id:>4}  {d.name} | {d.doc_number or '—'} | {d.date or '—'} | {d.in_force_from or '—'} | "
                f"{status_text(d)} | {d.chunks}"
            )

    @docs_app.command("edit")
    def docs_edit(
        doc_id: Annotated[int, typer.Argument(help="文档编号（见 gonghui docs）。")],
        short_title: Annotated[str | None, typer.Option(help="回答中使用的简称。")] = None,
        in_force_from: Annotated[str | None, typer.Option(help="施行日期，如 2022-01-01。")] = None,
        superseded_by: Annotated[str | None, typer.Option(help="已被哪个文件取代（标题）。")] = None,
        status: Annotated[str | None, typer.Option(help="效力状态：现行有效、已修订或已废止。")] = None,
    ) -> None:
        """修改一个文档的简称、施行日期或效力状态。"""
        from ingest.validity import Status

        values: dict[str, str | None] = {}
        if short_title is not None:
            values["short_title"] = short_title.strip() or None
        if in_force_from is not None:
            values["in_force_from"] = iso_date(in_force_from)
        if superseded_by is not None:
            values["declared_superseded_by"] = superseded_by.strip() or None
        if status is not None:
            parsed = Status.parse(status)
            if parsed is None:
                raise typer.BadParameter(f"无法识别的效力状态「{status}」，可选：现行有效、已修订、已废止。")
            values["declared_status"] = parsed.value
        if not values:
            raise typer.BadParameter("请至少指定一项要修改的内容。")
        d = get_knowledge().update_document(doc_id, **values)
        typer.echo(f"已修改 [{d.id}] {d.name}：施行日期 {d.in_force_from or '—'}，{status_text(d)}。")

    @docs_app.command("remove")
    def docs_remove(doc_id: Annotated[int, typer.Argument(help="文档编号（见 gonghui docs）。")]) -> None:
        """删除一个文档及其在所有索引中的段落。"""
        record = get_knowledge_to_write().remove(doc_id)
        typer.echo(f"已删除 [{record.id}] {record.title}（{record.chunks} 个段落）。")
