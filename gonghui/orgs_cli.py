"""`gonghui projects|users|unions`: key projects, users (invites, approval, API tokens) and the union
tree on the command line, as the local admin."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from gonghui.registry_common import JsonOpt, echo_json, friendly, open_as_admin, registry_from, use
from service.composition import Application

projects_app = typer.Typer(help="重点项目（省百大、市重点）：导入、列出。", no_args_is_help=True)
users_app = typer.Typer(help="用户：添加、邀请、审核、列出、API 令牌。", no_args_is_help=True)
unions_app = typer.Typer(help="工会组织：添加、列出、核对主办工会。", no_args_is_help=True)


def register(app: typer.Typer, get_application: Callable[[], Application]) -> None:
    use(get_application)
    app.add_typer(projects_app, name="projects")
    app.add_typer(users_app, name="users")
    app.add_typer(unions_app, name="unions")


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
        return echo_json(items)
    if not items:
        typer.echo("还没有重点项目。用 `gonghui projects import 文件` 导入。")
    for p in items:
        typer.echo(f"{p.id:>4}  {p.name} | {p.level} | {p.district or '—'} | {p.industry or '—'}")


RoleOpt = Annotated[str, typer.Option(help="角色：admin、cadre、trainer、viewer 或 trainee（学员）。")]


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
    registry, admin = open_as_admin(ctx)
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
    registry, admin = open_as_admin(ctx)
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
        return echo_json(items)
    names = {u.id: u.name for u in registry.unions()}
    for u in items:
        state = "已审核" if u.approved else "待审核"
        typer.echo(
            f"{u.name}  {u.display_name} | {u.role} | {names.get(u.union_id, '—') if u.union_id is not None else '—'} | {state}"
        )


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
        return echo_json(items)
    names = {u.id: u.name for u in items}
    for u in items:
        typer.echo(
            f"{u.id:>4}  {u.name} | 上级：{names.get(u.parent_id, '—') if u.parent_id is not None else '—'} | 区县：{u.district or '—'}"
        )
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
    registry, admin = open_as_admin(ctx)
    typer.echo(f"已核对 {registry.reconcile_union(typed, union=union, by=admin)} 个竞赛。")
