"""`gonghui competitions|activities|stats`: registered competitions and activities on the command line,
as the local admin: the same filters as the API and the console (the registry's listing)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from gonghui.registry_common import JsonOpt, echo_json, friendly, open_as_admin, use
from registry import Registry
from registry.export import ExportKind
from registry.listing import ActivityFilter, CompetitionFilter
from service.composition import Application

competitions_app = typer.Typer(help="劳动竞赛登记：列出、查看、导出。", no_args_is_help=True)
activities_app = typer.Typer(help="竞赛活动记录：列出、导出。", no_args_is_help=True)


def register(app: typer.Typer, get_application: Callable[[], Application]) -> None:
    """Adds the competition, activity and statistics commands to the main `gonghui` app."""
    use(get_application)
    app.add_typer(competitions_app, name="competitions")
    app.add_typer(activities_app, name="activities")
    app.command("stats")(stats)


DateOpt = Annotated[str | None, typer.Option(help="YYYY-MM-DD。", show_default=False)]
LimitOpt = Annotated[int, typer.Option(min=1, max=10_000, help="最多列出多少条。")]
OffsetOpt = Annotated[int, typer.Option(min=0, help="跳过前多少条。")]


def _date(value: str | None, label: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{label}的格式应为 YYYY-MM-DD。") from None


@competitions_app.command("list")
@friendly
def competitions_list(
    ctx: typer.Context,
    as_json: JsonOpt = False,
    type: Annotated[str | None, typer.Option("--type", help="竞赛类型，如 安康杯。")] = None,
    union: Annotated[str | None, typer.Option(help="主办工会（含其下属工会）。")] = None,
    district: Annotated[str | None, typer.Option(help="区县，如 松北区。")] = None,
    status: Annotated[str | None, typer.Option(help="状态，如 进行中。")] = None,
    date_from: DateOpt = None,
    date_to: DateOpt = None,
    limit: LimitOpt = 500,
    offset: OffsetOpt = 0,
) -> None:
    """列出已登记的竞赛（筛选条件与 API、网页控制台相同：竞赛期间与日期范围有交集）。"""
    registry, admin = open_as_admin(ctx)
    wanted = CompetitionFilter(
        type=type,
        union=union,
        district=district,
        status=status,
        date_from=_date(date_from, "开始日期"),
        date_to=_date(date_to, "结束日期"),
    )
    page = registry.find_competitions(wanted, user=admin, limit=limit, offset=offset)
    items = [e.competition for e in page.items]
    if as_json:
        return echo_json(items)
    if not items:
        typer.echo("没有符合条件的竞赛。")
    for c in items:
        typer.echo(f"{c.reg_no}  {c.name} | {c.type} | {c.unit} | {c.start}～{c.end} | {c.status}")
    if page.total > offset + len(items):
        typer.echo(f"（共 {page.total} 条，已列出 {len(items)} 条；用 --offset 查看后面的）")


@competitions_app.command("show")
@friendly
def competitions_show(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(help="登记编号或编号数字。")],
    as_json: JsonOpt = False,
) -> None:
    """查看一个竞赛的全部登记项和修改记录。"""
    registry, admin = open_as_admin(ctx)
    c = registry.competition(ref, user=admin)
    if as_json:
        return echo_json(c)
    rate = f"{c.planned / c.total:.0%}" if c.total else "—"
    lines = [
        f"登记编号：{c.reg_no}（{c.status}）",
        f"竞赛名称：{c.name}",
        f"竞赛类型：{c.type}{'：' + c.type_other if c.type_other else ''}",
        f"竞赛级别：{c.level or '—'}",
        f"主办工会：{c.union_name}{'' if c.union_id else '（待核对）'}",
        f"参赛单位：{c.unit}（{c.ownership}）",
        f"所属行业：{c.industry or '—'}",
        f"起止日期：{c.start} 至 {c.end}",
        f"参赛职工：{c.planned} / {c.total}（参与率 {rate}）",
        f"联系人：{c.contact} {c.phone}",
        f"竞赛简介：{c.description or '—'}",
    ]
    typer.echo("\n".join(lines))


@competitions_app.command("export")
@friendly
def competitions_export(
    ctx: typer.Context,
    fmt: Annotated[str, typer.Option("--format", help="xlsx 或 csv。")] = "xlsx",
    output: Annotated[Path | None, typer.Option(help="输出文件或文件夹，默认当前目录。")] = None,
) -> None:
    """把竞赛登记导出为 XLSX 或 CSV（UTF-8 带 BOM，Excel 可直接打开）。"""
    registry, admin = open_as_admin(ctx)
    typer.echo(f"已导出：{_export(registry, ExportKind.COMPETITIONS, fmt, output, admin)}")


def _export(registry: Registry, kind: ExportKind, fmt: str, output: Path | None, user) -> Path:
    """Into the given file, or a folder (default: where the command was run) under the export's name."""
    if output is None or output.is_dir():
        return registry.export_to(output or Path.cwd(), kind, fmt, user=user).resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(registry.export(kind, fmt, user=user).data)
    return output.resolve()


@activities_app.command("list")
@friendly
def activities_list(
    ctx: typer.Context,
    as_json: JsonOpt = False,
    kind: Annotated[str | None, typer.Option(help="活动形式，如 动员会。")] = None,
    competition: Annotated[str | None, typer.Option(help="关联竞赛的登记编号。")] = None,
    union: Annotated[str | None, typer.Option(help="组织单位或关联竞赛的主办工会（含下属工会）。")] = None,
    district: Annotated[str | None, typer.Option(help="区县。")] = None,
    date_from: DateOpt = None,
    date_to: DateOpt = None,
    limit: LimitOpt = 500,
    offset: OffsetOpt = 0,
) -> None:
    """列出竞赛活动记录（筛选条件与 API、网页控制台相同）。"""
    registry, admin = open_as_admin(ctx)
    wanted = ActivityFilter(
        kind=kind,
        competition=competition,
        union=union,
        district=district,
        date_from=_date(date_from, "开始日期"),
        date_to=_date(date_to, "结束日期"),
    )
    page = registry.find_activities(wanted, user=admin, limit=limit, offset=offset)
    items = [e.activity for e in page.items]
    if as_json:
        return echo_json(items)
    if not items:
        typer.echo("没有符合条件的活动记录。")
    for a in items:
        typer.echo(f"{a.id:>4}  {a.date} {a.kind} | {a.place} | {a.participants} 人 | {a.summary[:30]}")
    if page.total > offset + len(items):
        typer.echo(f"（共 {page.total} 条，已列出 {len(items)} 条；用 --offset 查看后面的）")


@activities_app.command("export")
@friendly
def activities_export(
    ctx: typer.Context,
    fmt: Annotated[str, typer.Option("--format", help="xlsx 或 csv。")] = "xlsx",
    output: Annotated[Path | None, typer.Option(help="输出文件或文件夹，默认当前目录。")] = None,
) -> None:
    """把活动记录导出为 XLSX 或 CSV。"""
    registry, admin = open_as_admin(ctx)
    typer.echo(f"已导出：{_export(registry, ExportKind.ACTIVITIES, fmt, output, admin)}")


@friendly
def stats(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """竞赛统计：按类型、区县、性质、状态；重点项目覆盖率；职工参与率；每月活动数。"""
    registry, admin = open_as_admin(ctx)
    s = registry.stats(user=admin)
    if as_json:
        return echo_json(s)

    def counts(d: dict) -> str:
        return "、".join(f"{k} {v}" for k, v in d.items()) or "—"

    def pct(rate: float | None) -> str:
        return "—" if rate is None else f"{rate:.1%}"

    p, part = s["projects"], s["participation"]
    typer.echo(f"竞赛总数：{s['competitions']}")
    for title, name in (
        ("按类型", "by_type"),
        ("按区县", "by_district"),
        ("按性质", "by_ownership"),
        ("按状态", "by_status"),
    ):
        typer.echo(f"{title}：{counts(s[name])}")
    typer.echo(f"重点项目覆盖：{p['covered']} / {p['total']}（{pct(p['coverage'])}）")
    for item in p["uncovered"][:20]:
        typer.echo(f"  尚未开展竞赛：{item['name']}（{item['level']}，{item['district'] or '—'}）")
    typer.echo(
        f"职工参与率：{pct(part['overall']['rate'])}（{part['overall']['planned']} / {part['overall']['total']}）"
    )
    for name, v in part["by_district"].items():
        typer.echo(f"  {name}：{pct(v['rate'])}")
    typer.echo(f"活动：共 {s['activities']['total']} 次；按月：{counts(s['activities']['by_month'])}")
