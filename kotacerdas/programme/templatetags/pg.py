"""Display of KPI values: rupiah as ``Rp2.000``, shares with a comma decimal."""

from __future__ import annotations

from decimal import Decimal

from django import template

from kotacerdas.core.money import format_rupiah

register = template.Library()


@register.filter
def kpi_value(value: Decimal | str | None, unit: str) -> str:
    """A missing value (``None``, or ``""`` from a template lookup on nothing) is "—"."""
    if not isinstance(value, Decimal):
        return "—"
    if unit == "rupiah":
        return format_rupiah(int(value))
    text = f"{value.normalize():f}" if value == value.to_integral() else f"{value:.2f}"
    text = text.rstrip("0").rstrip(".") if "." in text else text
    suffix = {"persen": " %", "hari kerja": " hari kerja", "skor": " / 5"}.get(unit, "")
    return text.replace(".", ",") + suffix


@register.filter
def index2(value: float | Decimal | None) -> str:
    return "—" if value is None else f"{float(value):.2f}".replace(".", ",")
