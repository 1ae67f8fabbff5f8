"""Server-side charts: small inline SVG (no script, no external font), scaled by the browser through
the viewBox so the same chart fits a phone and a desk monitor."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from markupsafe import Markup, escape

WIDTH = 640
ROW = 30
LABEL = 170
VALUE = 80


def _short(label: str, limit: int = 11) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def bar_chart(
    data: Mapping[str, float],
    *,
    title: str,
    fmt: Callable[[float], str] = lambda v: f"{v:g}",
    scale_max: float | None = None,
) -> Markup:
    """Horizontal bars, one row per label, the value printed after the bar."""
    if not data:
        return Markup(f'<p class="muted">{escape(title)}：暂无数据。</p>')
    top = scale_max or max(data.values()) or 1
    room = WIDTH - LABEL - VALUE
    height = ROW * len(data) + 10
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{escape(title)}">'
        f"<title>{escape(title)}</title>"
    ]
    for i, (label, value) in enumerate(data.items()):
        y = 5 + i * ROW
        w = max(room * (value or 0) / top, 1 if value else 0)
        parts.append(
            f'<text class="label" x="{LABEL - 8}" y="{y + 19}" text-anchor="end">{escape(_short(str(label)))}'
            f"<title>{escape(label)}</title></text>"
            f'<rect class="bar" x="{LABEL}" y="{y + 4}" width="{w:.1f}" height="{ROW - 10}" rx="3"/>'
            f'<text class="value" x="{LABEL + w + 6:.1f}" y="{y + 19}">{escape(fmt(value))}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def column_chart(data: Mapping[str, float], *, title: str) -> Markup:
    """Vertical columns over time (months); every k-th label so they never overlap."""
    if not data:
        return Markup(f'<p class="muted">{escape(title)}：暂无数据。</p>')
    height, bottom, top_pad = 220, 30, 20
    n = len(data)
    step = (WIDTH - 20) / n
    every = max(1, round(n / 10))
    top = max(data.values()) or 1
    room = height - bottom - top_pad
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{escape(title)}">'
        f"<title>{escape(title)}</title>"
        f'<line class="axis" x1="10" x2="{WIDTH - 10}" y1="{height - bottom}" y2="{height - bottom}"/>'
    ]
    for i, (label, value) in enumerate(data.items()):
        h = room * value / top
        x = 10 + i * step
        cx = x + step / 2
        parts.append(
            f'<rect class="bar" x="{x + step * 0.15:.1f}" y="{height - bottom - h:.1f}" width="{step * 0.7:.1f}" '
            f'height="{h:.1f}" rx="2"><title>{escape(label)}：{value:g}</title></rect>'
            f'<text class="value" x="{cx:.1f}" y="{height - bottom - h - 4:.1f}" text-anchor="middle">{value:g}</text>'
        )
        if i % every == 0:
            parts.append(
                f'<text class="label" x="{cx:.1f}" y="{height - 10}" text-anchor="middle">{escape(label)}</text>'
            )
    parts.append("</svg>")
    return Markup("".join(parts))


def ratio_bar(value: float | None, *, title: str) -> Markup:
    """One bar from 0 to 100 % (key-project coverage)."""
    share = value or 0.0
    return Markup(
        f'<svg class="chart ratio" viewBox="0 0 {WIDTH} 36" role="img" aria-label="{escape(title)}">'
        f"<title>{escape(title)}</title>"
        f'<rect class="track" x="0" y="6" width="{WIDTH}" height="24" rx="4"/>'
        f'<rect class="bar" x="0" y="6" width="{WIDTH * share:.1f}" height="24" rx="4"/>'
        f'<text class="value on" x="{WIDTH / 2}" y="23" text-anchor="middle">'
        f"{'—' if value is None else f'{share * 100:.1f}%'}</text></svg>"
    )
