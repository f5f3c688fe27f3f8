"""Server-rendered SVG charts (no script): stacked bars of QRIS and cash per day or per
month, with the potential as a line. Every label is escaped; only numbers are drawn."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date
from html import escape
from typing import Any

from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT, PAD_LEFT, PAD_BOTTOM = 640, 220, 8, 22
QRIS_COLOUR, CASH_COLOUR, LINE_COLOUR = "#0b6e4f", "#f2a900", "#b42318"
MONTHS_ID = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]


def bucket_rows(
    rows: Iterable[Mapping[str, Any]], start: date, end: date
) -> list[tuple[str, int, int]]:
    """(label, QRIS rupiah, cash rupiah) per day for ranges up to 62 days, else per month;
    empty days and months are kept so a gap is visible."""
    monthly = (end - start).days + 1 > 62
    sums: dict[Any, list[int]] = defaultdict(lambda: [0, 0])
    for row in rows:
        day = row["day"]
        key = (day.year, day.month) if monthly else day
        sums[key][0 if row["channel"] == "qris" else 1] += int(row["total"])
    out: list[tuple[str, int, int]] = []
    if monthly:
        year, month = start.year, start.month
        while (year, month) <= (end.year, end.month):
            qris, cash = sums[(year, month)]
            out.append((f"{MONTHS_ID[month - 1]} {year % 100:02d}", qris, cash))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return out
    day = start
    while day <= end:
        qris, cash = sums[day]
        out.append((f"{day.day}/{day.month}", qris, cash))
        day = date.fromordinal(day.toordinal() + 1)
    return out


def bar_chart(buckets: list[tuple[str, int, int]], *, potential_per_bucket: int = 0) -> SafeString:
    title = "Realisasi per periode: QRIS (hijau) dan tunai (kuning)"
    top = max([q + c for _, q, c in buckets] + [potential_per_bucket, 1])
    inner_h = HEIGHT - PAD_BOTTOM - 6
    slot = (WIDTH - PAD_LEFT) / max(len(buckets), 1)
    bar = max(slot * 0.7, 1.0)
    parts = [
        f'<svg class="kc-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    label_every = max(1, len(buckets) // 12)
    for i, (label, qris, cash) in enumerate(buckets):
        x = PAD_LEFT + i * slot + (slot - bar) / 2
        h_q = inner_h * qris / top
        h_c = inner_h * cash / top
        base = HEIGHT - PAD_BOTTOM
        parts.append(
            f'<rect x="{x:.1f}" y="{base - h_q:.1f}" width="{bar:.1f}" height="{h_q:.1f}" '
            f'fill="{QRIS_COLOUR}"><title>{escape(label)} QRIS {qris}</title></rect>'
        )
        parts.append(
            f'<rect x="{x:.1f}" y="{base - h_q - h_c:.1f}" width="{bar:.1f}" height="{h_c:.1f}" '
            f'fill="{CASH_COLOUR}"><title>{escape(label)} tunai {cash}</title></rect>'
        )
        if i % label_every == 0:
            parts.append(
                f'<text x="{x + bar / 2:.1f}" y="{HEIGHT - 6}" font-size="11" '
                f'text-anchor="middle" fill="#5b6575">{escape(label)}</text>'
            )
    if potential_per_bucket:
        y = HEIGHT - PAD_BOTTOM - inner_h * potential_per_bucket / top
        parts.append(
            f'<line x1="{PAD_LEFT}" x2="{WIDTH}" y1="{y:.1f}" y2="{y:.1f}" stroke="{LINE_COLOUR}" '
            f'stroke-dasharray="6 4"><title>potensi</title></line>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - numbers and escaped labels only
