"""The service's required questions (Open311 attributes) asked one by one over
WhatsApp, answered with numbers for choices. Returns values in the shape the web form
sends (``{code: [value, …]}``), so ``request_submit`` checks them as it checks the form."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal, InvalidOperation

from kotacerdas.services.models import Datatype, Service, ServiceAttribute


def questions(service: Service) -> list[ServiceAttribute]:
    return list(service.attributes.filter(variable=True, required=True).order_by("order", "pk"))


def _choices(attr: ServiceAttribute) -> list[tuple[str, str]]:
    return [
        (str(v.get("key", "")), str(v.get("name", v.get("key", ""))))
        for v in attr.values
        if isinstance(v, dict)
    ]


def question_text(attr: ServiceAttribute) -> str:
    if attr.datatype in (Datatype.SINGLE, Datatype.MULTI):
        lines = [f"{attr.description}"]
        lines += [f"{n}. {name}" for n, (_, name) in enumerate(_choices(attr), start=1)]
        if attr.datatype == Datatype.MULTI:
            lines.append("Balas nomornya; boleh lebih dari satu, pisahkan dengan koma.")
        else:
            lines.append("Balas dengan nomornya.")
        return "\n".join(lines)
    if attr.datatype == Datatype.NUMBER:
        return f"{attr.description} (balas dengan angka)"
    if attr.datatype == Datatype.DATETIME:
        return f"{attr.description} (contoh: 2026-11-30 14:00)"
    return attr.description


def answer_parse(attr: ServiceAttribute, text: str) -> list[str] | None:
    """The values for ``attr`` from a reply, or None when the reply does not fit."""
    text = text.strip()
    if not text or len(text) > 1000:
        return None
    if attr.datatype in (Datatype.SINGLE, Datatype.MULTI):
        choices = _choices(attr)
        parts = [p.strip() for p in text.split(",")] if attr.datatype == Datatype.MULTI else [text]
        keys: list[str] = []
        for part in parts:
            if not (part.isascii() and part.isdigit() and 1 <= int(part) <= len(choices)):
                return None
            key = choices[int(part) - 1][0]
            if key not in keys:
                keys.append(key)
        return keys
    if attr.datatype == Datatype.NUMBER:
        value = text.replace(",", ".")
        if not value.replace(".", "", 1).isascii():
            return None
        try:
            number = Decimal(value)
        except InvalidOperation:
            return None
        return [value] if number.is_finite() and abs(number) < 10**12 else None
    if attr.datatype == Datatype.DATETIME:
        try:
            datetime.fromisoformat(text)
        except ValueError:
            return None
    return [text]
