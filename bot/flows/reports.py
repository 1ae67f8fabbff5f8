"""/stats as readable Chinese and /export as two XLSX files."""

from __future__ import annotations

from bot import texts
from bot.flows.base import Context, Outcome
from bot.messages import OutFile, Reply

MAX_ITEMS = 10  # a chat message, not a report: the full picture is in /export


def stats(ctx: Context) -> Outcome:
    data = ctx.registry.stats(user=ctx.member)
    if not data or not data.get("competitions") and not (data.get("activities") or {}).get("total"):
        return Outcome([Reply(texts.STATS_EMPTY)])
    lines = [texts.STATS_HEAD, f"竞赛总数：{data.get('competitions', 0)} 项"]
    for key, label in (
        ("by_type", "按类型"),
        ("by_district", "按区县"),
        ("by_ownership", "按单位性质"),
        ("by_status", "按状态"),
    ):
        if data.get(key):
            lines.append(f"{label}：{_counts(data[key])}")
    lines += _projects(data.get("projects") or {})
    lines += _participation(data.get("participation") or {})
    lines += _activities(data.get("activities") or {})
    return Outcome([Reply("\n".join(lines), extra={"stats": data})])


def _counts(counts: dict) -> str:
    items = [f"{k} {v}" for k, v in list(counts.items())[:MAX_ITEMS]]
    return "，".join(items) + (f" 等 {len(counts)} 类" if len(counts) > MAX_ITEMS else "")


def _pct(rate: object) -> str:
    return f"{rate:.1%}" if isinstance(rate, int | float) else "—"


def _projects(p: dict) -> list[str]:
    if not p.get("total"):
        return []
    lines = [
        f"重点项目覆盖：共 {p['total']} 个，已开展竞赛 {p.get('covered', 0)} 个，覆盖率 {_pct(p.get('coverage'))}"
    ]
    for level, x in (p.get("by_level") or {}).items():
        lines.append(
            f"  {level}：{x.get('total', 0)} 个中 {x.get('covered', 0)} 个（{_pct(x.get('coverage'))}）"
        )
    uncovered = p.get("uncovered") or []
    if uncovered:
        names = [
            f"{u['name']}（{u.get('level') or ''}{'，' + u['district'] if u.get('district') else ''}）"
            for u in uncovered[:MAX_ITEMS]
        ]
        more = f" 等 {len(uncovered)} 个" if len(uncovered) > MAX_ITEMS else ""
        lines.append("  尚未开展竞赛：" + "、".join(names) + more)
    return lines


def _rate_line(x: dict) -> str:
    return f"{_pct(x.get('rate'))}（{x.get('planned', 0)}/{x.get('total', 0)} 人）"


def _participation(p: dict) -> list[str]:
    overall = p.get("overall") or {}
    if not overall.get("total"):
        return []
    lines = [f"职工参与率：{_rate_line(overall)}"]
    for key, label in (("by_union", "按主办工会"), ("by_district", "按区县")):
        rows = list((p.get(key) or {}).items())
        if rows:
            items = [f"{name} {_rate_line(x)}" for name, x in rows[:MAX_ITEMS]]
            lines.append(f"  {label}：" + "；".join(items) + ("……" if len(rows) > MAX_ITEMS else ""))
    return lines


def _activities(a: dict) -> list[str]:
    if not a.get("total"):
        return []
    lines = [f"活动：共 {a['total']} 次，参加 {a.get('participants', 0)} 人次"]
    if a.get("by_month"):
        lines.append("  按月份：" + "，".join(f"{m} {n} 次" for m, n in list(a["by_month"].items())[-12:]))
    if a.get("by_kind"):
        lines.append(f"  按形式：{_counts(a['by_kind'])}")
    return lines


def export(ctx: Context) -> Outcome:
    files = [
        ctx.registry.export(kind, "xlsx", user=ctx.member, on=ctx.today)
        for kind in ("competitions", "activities")
    ]
    comps, acts = (OutFile(f.filename, f.data, f.media_type) for f in files)
    return Outcome([Reply(texts.EXPORT_DONE, file=comps), Reply(texts.EXPORT_ACTIVITIES, file=acts)])
