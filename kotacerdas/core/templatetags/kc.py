from __future__ import annotations

from datetime import datetime

from django import template

from kotacerdas.core.money import format_rupiah
from kotacerdas.core.timeutil import format_wib

register = template.Library()


@register.filter
def rupiah(value: int | None) -> str:
    return "" if value is None else format_rupiah(int(value))


@register.filter
def wib(value: datetime | None) -> str:
    return "" if value is None else format_wib(value)
