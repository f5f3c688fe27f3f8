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


@register.simple_tag
def attribute_lines(item: Any) -> list[tuple[str, str]]:
    """The request's attributes in plain words: the question as the catalogue asks it and
    the chosen values' names (not their internal keys)."""
    answers = getattr(item, "attributes", None) or {}
    lines: list[tuple[str, str]] = []
    for attr in item.service.attributes.order_by("order"):
        if attr.code not in answers:
            continue
        raw = answers[attr.code]
        values = raw if isinstance(raw, list) else [raw]
        names = {str(v.get("key")): str(v.get("name")) for v in attr.values if isinstance(v, dict)}
        lines.append((attr.description, ", ".join(names.get(str(v), str(v)) for v in values)))
    return lines
