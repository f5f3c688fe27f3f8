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


@register.filter
def audit_action(action: str, object_type: str = "") -> str:
    from kotacerdas.core.audit_labels import action_label

    return action_label(action, object_type or "")


@register.filter
def audit_object(object_type: str) -> str:
    from kotacerdas.core.audit_labels import object_label

    return object_label(object_type or "")
