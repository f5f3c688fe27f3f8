"""Server-rendered SVG charts (no JavaScript, no chart library): a KPI's history as a
line with its yearly targets as a dashed step line. Pure Python; labels are escaped."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from html import escape

WIDTH, HEIGHT = 320, 120
LEFT, RIGHT, TOP, BOTTOM = 34, 8, 8, 18


@dataclass(frozen=True)
class Point:
    day: date
    value: Decimal


def _fmt(value: float) -> str:
    if abs(value) >= 1_000_000_000:
        return f"{value / 1_000_000_000:.1f} M".replace(".", ",")
    if abs(value) >= 1_000_000:
        return f"{value / 1_000_000:.0f} jt"
    if abs(value) >= 1000:
        return f"{value / 1000:.0f} rb"
    return f"{value:.1f}".replace(".", ",").removesuffix(",0")


def line_chart(
    points: Sequence[Point], targets: dict[int, Decimal], *, title: str, unit: str
) -> str:
    """An accessible SVG (``role="img"`` with a title). Empty history gives a short
    "belum ada data" chart rather than nothing."""
    label = escape(f"{title} ({unit})")
    if not points:
        return (
            f'<svg class="pg-chart" viewBox="0 0 {WIDTH} 40" role="img" aria-label="{label}">'
            f'<text x="8" y="24" class="pg-empty">Belum ada data</text></svg>'
        )
    first, last = points[0].day, points[-1].day
    years = range(first.year, last.year + 1)
    shown_targets = {y: float(v) for y, v in targets.items() if y in years}
    values = [float(p.value) for p in points]
    top = max([*values, *shown_targets.values(), 0.0]) or 1.0
    low = min([*values, *shown_targets.values(), 0.0])
    span_days = max((last - first).days, 1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(day: date) -> float:
        return LEFT + plot_w * (day - first).days / span_days

    def y(value: float) -> float:
        return TOP + plot_h * (1 - (value - low) / ((top - low) or 1.0))

    parts = [
        f'<svg class="pg-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{label}">',
        f"<title>{label}</title>",
        f'<line x1="{LEFT}" y1="{y(low):.1f}" x2="{WIDTH - RIGHT}" y2="{y(low):.1f}" '
        'class="pg-axis"/>',
        f'<text x="{LEFT - 3}" y="{y(top) + 4:.1f}" class="pg-tick" text-anchor="end">'
        f"{escape(_fmt(top))}</text>",
        f'<text x="{LEFT - 3}" y="{y(low):.1f}" class="pg-tick" text-anchor="end">'
        f"{escape(_fmt(low))}</text>",
        f'<text x="{LEFT}" y="{HEIGHT - 4}" class="pg-tick">{first.strftime("%m/%Y")}</text>',
        f'<text x="{WIDTH - RIGHT}" y="{HEIGHT - 4}" class="pg-tick" text-anchor="end">'
        f"{last.strftime('%m/%Y')}</text>",
    ]
    for year, target in sorted(shown_targets.items()):
        x1 = x(max(first, date(year, 1, 1)))
        x2 = x(min(last, date(year, 12, 31)))
        parts.append(
            f'<line x1="{x1:.1f}" y1="{y(target):.1f}" x2="{max(x2, x1 + 2):.1f}" '
            f'y2="{y(target):.1f}" class="pg-target"><title>Target {year}: '
            f"{escape(_fmt(target))}</title></line>"
        )
    path = " ".join(f"{x(p.day):.1f},{y(float(p.value)):.1f}" for p in points)
    parts.append(f'<polyline points="{path}" class="pg-line"/>')
    end = points[-1]
    parts.append(
        f'<circle cx="{x(end.day):.1f}" cy="{y(float(end.value)):.1f}" r="3" class="pg-dot"/>'
    )
    parts.append("</svg>")
    return "".join(parts)
