"""Display helpers of the innovation pages: labels instead of stored codes, and numbers
in Indonesian notation (comma decimals)."""

from __future__ import annotations

from django import template

from kotacerdas.innovation.elements import element_label
from kotacerdas.innovation.formula import round2
from kotacerdas.innovation.models import ReviewStatus, Stage

register = template.Library()


@register.filter
def in_status(value: str) -> str:
    try:
        return str(ReviewStatus(value).label)
    except ValueError:
        return value


@register.filter
def in_stage(value: str) -> str:
    try:
        return str(Stage(value).label)
    except ValueError:
        return value


@register.filter
def element(code: str) -> str:
    return element_label(code)


@register.filter
def num2(value: float | None) -> str:
    """33.4 → "33,40"; thousands use a dot."""
    if value is None:
        return "—"
    text = f"{round2(float(value)):,.2f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")
