"""`gonghui competitions|activities|stats|projects|users|unions`: the registry on the command line.
Runs as the local admin. Registry errors become one Chinese line on stderr and exit code 1."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from gonghui.errors import error_line
from registry import Registry, RegistryError
from registry.export import ExportKind
from registry.model import to_jsonable
from service.composition import Application

competitions_app = typer.Typer(help="劳动竞赛登记：列出、查看、导出。", no_args_is_help=True)
activities_app = typer.Typer(help="竞赛活动记录：列出、导出。", no_args_is_help=True)
projects_app = typer.Typer(help="重点项目（省百大、市重点）：导入、列出。", no_args_is_help=True)
users_app = typer.Typer(help="用户：添加、邀请、审核、列出、API 令牌。", no_args_is_help=True)
unions_app = typer.Typer(help="工会组织：添加、列出、核对主办工会。", no_args_is_help=True)

_application_getter: Callable[[], Application] | None = None


def registry_from(ctx: typer.Context | None = None) -> Registry:
    """The application's Registry (Settings.registry_db and attachments_dir)."""
    if _application_getter is None:
        raise RuntimeError("registry_cli.register() was not called")
    return _application_getter().registry


def register(app: typer.Typer, get_application: Callable[[], Application]) -> None:
    """Adds the registry commands to the main `gonghui` app."""
    global _application_getter
    _application_getter = get_application
    app.add_typer(competitions_app, name="competitions")
    app.add_typer(activities_app, name="activities")
    app.add_typer(projects_app, name="projects")
    app.add_typer(users_app, name="users")
    app.add_typer(unions_app, name="unions")
    app.command("stats")(stats)


def friendly(command: Callable) -> Callable:
    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except RegistryError as exc:
            typer.echo(error_line(exc), err=True)
            raise typer.Exit(1) from None

    return run


def _open(ctx: typer.Context):
    registry = registry_from(ctx)
    return registry, registry.ensure_local_admin()


def _echo_json(value: object) -> None:
    typer.echo(json.dumps(to_jsonable(value), ensure_ascii=False, default=str))


JsonOpt = Annotated[bool, typer.Option("--json", help="以 JSON 输出。")]


@competitions_app.command("list")
@friendly
def competitions_list(
    ctx: typer.Context,
    as_json: JsonOpt = False,
    status: Annotated[str | None, typer.Option(help="只列出该状态，如 进行中。")] = None,
    type: Annotated[str | None, typer.Option("--type", help="只列出该竞赛类型，如 安康杯。")] = None,
    district: Annotated[str | None, typer.Option(help="只列出该区县，如 松北区。")] = None,
) -> None:
    """列出已登记的竞赛。"""
    registry, admin = _open(ctx)
    items = registry.competitions(user=admin, status=status, type=type, district=district)
    if as_json:
        return _echo_json(items)
    if not items:
        typer.echo("还没有登记的竞赛。")
    for c in items:
        typer.echo(f"{c.reg_no}  {c.name} | {c.type} | {c.unit} | {c.start}～{c.end} | {c.status}")


@competitions_app.command("show")
@friendly
def competitions_show(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(help="登记编号或编号数字。")],
    as_json: JsonOpt = False,
) -> None:
    """查看一个竞赛的全部登记项和修改记录。"""
    registry, admin = _open(ctx)
    c = registry.competition(ref, user=admin)
    if as_json:
        return _echo_json(c)
    rate = f"{c.planned / c.total:.0%}" if c.total else "—"
    lines = [
        f"登记编号：{c.reg_no}（{c.status}）", f"竞赛名称：{c.name}",
        f"竞赛类型：{c.type}{'：' + c.type_other if c.type_other else ''}", f"竞赛级别：{c.level or '—'}",
        f"主办工会：{c.union_name}{'' if c.union_id else '（待核对）'}", f"参赛单位：{c.unit}（{c.ownership}）",
        f"所属行业：{c.industry or '—'}", f"起止日期：{c.start} 至 {c.end}",
        f"参赛职工：{c.planned} / {c.total}（参与率 {rate}）", f"联系人：{c.contact} {c.phone}",
        f"竞赛简介：{c.description or '—'}",
    ]  # fmt: skip
    typer.echo("\n".join(lines))


@competitions_app.command("export")
@friendly
def competitions_export(
    ctx: typer.Context,
    fmt: Annotated[str, typer.Option("--format", help="xlsx 或 csv。")] = "xlsx",
    output: Annotated[Path | None, typer.Option(help="输出文件或文件夹，默认当前目录。")] = None,
) -> None:
    """把竞赛登记导出为 XLSX 或 CSV（UTF-8 带 BOM，Excel 可直接打开）。"""
    registry, admin = _open(ctx)
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
    competition: Annotated[str | None, typer.Option(help="只列出该竞赛（登记编号）的活动。")] = None,
) -> None:
    """列出竞赛活动记录。"""
    registry, admin = _open(ctx)
    competition_id = registry.competition(competition, user=admin).id if competition else None
    items = registry.activities(user=admin, competition_id=competition_id)
    if as_json:
        return _echo_json(items)
    if not items:
        typer.echo("还没有活动记录。")
    for a in items:
        typer.echo(f"{a.id:>4}  {a.date} {a.kind} | {a.place} | {a.participants} 人 | {a.summary[:30]}")


@activities_app.command("export")
@friendly
def activities_export(
    ctx: typer.Context,
    fmt: Annotated[str, typer.Option("--format", help="xlsx 或 csv。")] = "xlsx",
    output: Annotated[Path | None, typer.Option(help="输出文件或文件夹，默认当前目录。")] = None,
) -> None:
    """把活动记录导出为 XLSX 或 CSV。"""
    registry, admin = _open(ctx)
    typer.echo(f"已导出：{_export(registry, ExportKind.ACTIVITIES, fmt, output, admin)}")


@friendly
def stats(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """竞赛统计：按类型、区县、性质、状态；重点项目覆盖率；职工参与率；每月活动数。"""
    registry, admin = _open(ctx)
    s = registry.stats(user=admin)
    if as_json:
        return _echo_json(s)

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


@projects_app.command("import")
@friendly
def projects_import(
    ctx: typer.Context, file: Annotated[Path, typer.Argument(help="CSV 或 XLSX，表头：名称,级别,区县,行业。")]
) -> None:
    """导入重点项目清单（同名项目会更新）。"""
    typer.echo(f"已导入 {registry_from(ctx).import_projects(file)} 个重点项目。")


@projects_app.command("list")
@friendly
def projects_list(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """列出重点项目。"""
    items = registry_from(ctx).projects()
    if as_json:
        return _echo_json(items)
    if not items:
        typer.echo("还没有重点项目。用 `gonghui projects import 文件` 导入。")
    for p in items:
        typer.echo(f"{p.id:>4}  {p.name} | {p.level} | {p.district or '—'} | {p.industry or '—'}")


RoleOpt = Annotated[str, typer.Option(help="角色：admin、cadre、trainer 或 viewer。")]


@users_app.command("add")
@friendly
def users_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="用户名，如 zhangsan 或 tg:123456。")],
    role: RoleOpt = "cadre",
    union: Annotated[str | None, typer.Option(help="所属工会名称。")] = None,
    display_name: Annotated[str | None, typer.Option(help="显示名称，默认同用户名。")] = None,
) -> None:
    """添加一个已审核的用户。"""
    user = registry_from(ctx).add_user(name, display_name=display_name or name, role=role, union=union)
    typer.echo(f"已添加用户 {user.name}（{user.role}）。")


@users_app.command("invite")
@friendly
def users_invite(
    ctx: typer.Context,
    union: Annotated[str, typer.Option(help="被邀请人所属工会。")],
    role: RoleOpt = "cadre",
) -> None:
    """生成一次性邀请码，新用户在 Telegram 中发送即可加入。"""
    registry, admin = _open(ctx)
    typer.echo(registry.create_invite(union=union, role=role, by=admin))


@users_app.command("approve")
@friendly
def users_approve(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="待审核的用户名。")],
    union: Annotated[str | None, typer.Option(help="同时设置所属工会。")] = None,
    role: Annotated[str | None, typer.Option(help="同时设置角色。")] = None,
) -> None:
    """审核通过一个用户。"""
    registry, admin = _open(ctx)
    user = registry.approve_user(name, by=admin, union=union, role=role)
    typer.echo(f"已审核通过 {user.name}（{user.role}）。")


@users_app.command("token")
@friendly
def users_token(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="已审核的用户名（本机管理员为 local:admin）。")],
    revoke: Annotated[bool, typer.Option("--revoke", help="吊销该用户的全部令牌，不生成新令牌。")] = False,
) -> None:
    """为用户生成一个 HTTP API 令牌（只显示这一次，库中只保存其哈希）。"""

    registry = registry_from(ctx)
    if revoke:
        typer.echo(f"已吊销 {registry.revoke_tokens(name)} 个令牌。")
        return
    user, token = registry.create_token(name)
    typer.echo(token)
    typer.echo(f"这是用户 {user.name}（{user.role}）的 API 令牌，只显示这一次，请妥善保存。", err=True)


@users_app.command("list")
@friendly
def users_list(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """列出用户（含待审核）。"""
    registry = registry_from(ctx)
    items = registry.users()
    if as_json:
        return _echo_json(items)
    names = {u.id: u.name for u in registry.unions()}
    for u in items:
        state = "已审核" if u.approved else "待审核"
        typer.echo(f"{u.name}  {u.display_name} | {u.role} | {names.get(u.union_id, '—')} | {state}")


@unions_app.command("add")
@friendly
def unions_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="工会名称，如 松北区总工会。")],
    parent: Annotated[str | None, typer.Option(help="上级工会名称。")] = None,
    district: Annotated[str | None, typer.Option(help="所在区县（默认从名称推断）。")] = None,
) -> None:
    """添加一个工会组织。"""
    union = registry_from(ctx).add_union(name, parent=parent, district=district)
    typer.echo(f"已添加工会 {union.name}（区县：{union.district or '—'}）。")


@unions_app.command("list")
@friendly
def unions_list(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """列出工会组织，以及主办工会尚待核对的竞赛。"""
    registry = registry_from(ctx)
    items = registry.unions()
    if as_json:
        return _echo_json(items)
    names = {u.id: u.name for u in items}
    for u in items:
        typer.echo(f"{u.id:>4}  {u.name} | 上级：{names.get(u.parent_id, '—')} | 区县：{u.district or '—'}")
    pending = registry.unreconciled()
    if pending:
        typer.echo("主办工会待核对：" + "、".join(sorted({c.union_name for c in pending})))


@unions_app.command("reconcile")
@friendly
def unions_reconcile(
    ctx: typer.Context,
    typed: Annotated[str, typer.Argument(help="竞赛中填写的主办工会名称。")],
    union: Annotated[str, typer.Option(help="对应的已知工会。")],
) -> None:
    """把填写的主办工会名称对应到一个已知工会。"""
    registry, admin = _open(ctx)
    typer.echo(f"已核对 {registry.reconcile_union(typed, union=union, by=admin)} 个竞赛。")
