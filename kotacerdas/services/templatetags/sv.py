from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: Any, key: str) -> Any:
    """``mapping[key]`` or an empty list (for the chosen attribute values of a form)."""
    if isinstance(mapping, dict):
        return mapping.get(key, [])
    return []
