"""`gonghui check`: do the catalogue, the lexical index and the vector store hold the same chunks?
And what the command line says when a server holds the data dir."""

from __future__ import annotations

import json
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer
from tqdm import tqdm

from knowledge.consistency import Consistency, Repair
from knowledge.errors import StoreBusy
from knowledge.transactions import is_busy
from service import serve_lock
from service.composition import Application
from service.settings import Settings


def describe(found: Consistency, fixed: Repair | None = None) -> list[str]:
    """Chinese lines for a check (and its repair), counts first."""
    vectors = "未启用（仅关键词检索）" if found.vectors is None else f"{found.vectors} 个向量"
    lines = [
        f"目录：{found.documents} 个文档，{found.chunks} 个段落；关键词索引：{found.lexical} 个段落；向量库：{vectors}"
    ]
    if fixed is not None:
        done = []
        if fixed.removed_vectors:
            done.append(f"删除 {fixed.removed_vectors} 个孤立向量")
        if fixed.embedded:
            done.append(f"补建 {fixed.embedded} 个向量")
        if fixed.recounted:
            done.append(f"更正 {fixed.recounted} 个文档的段落数")
        if fixed.lexical_rebuilt:
            done.append("重建关键词索引")
        lines.append("已修复：" + "，".join(done or ["无需修复"]) + "。")
        if fixed.not_embedded:
            lines.append(f"还有 {fixed.not_embedded} 个段落没有向量，请运行 gonghui reindex。")
    if found.orphan_vectors:
        docs = "、".join(str(d) for d in found.orphan_docs[:10])
        lines.append(f"孤立向量：{len(found.orphan_vectors)} 个（文档 {docs} 不在目录中，多为导入中断留下）")
    if found.missing_vectors:
        lines.append(
            f"缺少向量的段落：{len(found.missing_vectors)} 个（如 {'、'.join(found.missing_vectors[:3])}）"
        )
    if found.orphan_lexical or found.missing_lexical:
        lines.append(
            f"关键词索引与目录不符：多 {len(found.orphan_lexical)} 个、少 {len(found.missing_lexical)} 个段落"
        )
    for doc_id, says, has in found.miscounted[:10]:
        lines.append(f"文档 {doc_id} 记录为 {says} 个段落，实际 {has} 个")
    if found.in_flight:
        lines.append(f"另有 {found.in_flight} 个向量属于正在进行的导入，未计为孤立。")
    if found.consistent:
        total = "" if found.vectors is None else f" = 向量 {found.vectors}"
        lines.append(f"一致：目录 {found.chunks} = 关键词 {found.lexical}{total}。")
    elif fixed is None:
        lines.append("不一致：运行 gonghui check --repair 修复。")
    return lines


def busy_line(data_dir: Path, busy_timeout: float) -> str:
    """The one line for a write that could not get the database: who holds it, and what to do."""
    holder = serve_lock.current(data_dir)
    if holder is not None:
        return (
            f"错误：{holder.name}正在使用数据目录 {data_dir}，数据库等待 {busy_timeout:g} 秒"
            f"仍被占用。{holder.upload_hint()}"
        )
    return (
        f"错误：数据目录 {data_dir} 的数据库被另一个进程占用，等待 {busy_timeout:g} 秒仍未释放，请稍后再试。"
    )


def refuse_beside_serve(settings: Settings, *, reindex: bool = False) -> None:
    """Writes to the vectors from a second process while a server holds the data dir go through the
    server instead (see ServeHolder.shares_stores_with): one Chinese line and exit code 1."""
    holder = serve_lock.current(settings.data_dir)
    if holder is None or (not reindex and holder.shares_stores_with(settings.embedder, settings.chroma_url)):
        return
    head = f"错误：{holder.name}正在使用数据目录 {settings.data_dir}，"
    if reindex and not holder.url:
        line = "重建索引请先停止它。"
    elif reindex:  # the rebuild drops the collection the server searches
        line = f"重建索引请通过它进行：POST {holder.url}/api/v1/documents/reindex（管理员令牌），或先停止它。"
    else:
        hint = holder.upload_hint()
        tail = "" if not holder.url else "；或先停止它再用命令行导入"
        line = f"内嵌向量库不能由两个进程同时写入。{hint}{tail}。"
    typer.echo(head + line, err=True)
    raise typer.Exit(1)


def is_busy_error(exc: BaseException) -> bool:
    return isinstance(exc, StoreBusy) or (isinstance(exc, sqlite3.OperationalError) and is_busy(exc))


def register(app: typer.Typer, get_application: Callable[[], Application]) -> None:
    @app.command()
    def check(
        repair: Annotated[
            bool, typer.Option("--repair", help="删除孤立向量，补建缺少的向量，重建关键词索引。")
        ] = False,
        as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出。")] = False,
    ) -> None:
        """检查文档目录、关键词索引和向量库是否一致（各自的段落数、孤立向量、缺少向量的段落）。"""
        application = get_application()
        if repair:
            refuse_beside_serve(application.settings)
        found, fixed = application.knowledge.check(repair=repair)
        if as_json:
            out = found.as_json() | ({"repaired": fixed.as_json()} if fixed else {})
            typer.echo(json.dumps(out, ensure_ascii=False, indent=2))
        else:
            for line in describe(found, fixed):
                typer.echo(line)
        if not found.consistent:
            raise typer.Exit(1)

    @app.command()
    def reindex(
        lexical_only: Annotated[
            bool, typer.Option("--lexical-only", help="只重建关键词索引（更新词典后使用，很快）。")
        ] = False,
    ) -> None:
        """用当前的嵌入模型和词典重建全部索引（更换模型后使用）。"""
        application = get_application()
        if not lexical_only:
            refuse_beside_serve(application.settings, reindex=True)
        kb = application.knowledge
        total = len(kb.catalog.documents())
        with tqdm(total=total, desc="重建索引", unit="个文档", file=sys.stderr) as bar:

            def advance(_: int) -> None:
                bar.update()

            done = kb.reindex(vectors=not lexical_only, on_progress=advance)
        typer.echo(f"已重建 {done} 个文档的索引。")
