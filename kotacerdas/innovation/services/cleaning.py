"""Server-side checks of everything a person types, with Indonesian messages: bounded
text without NUL bytes, ASCII digits only, dates within sensible bounds, http(s) URLs."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

DECIMAL_RE = re.compile(r"^-?\d{1,3}(\.\d{1,8})?$", re.ASCII)
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)
REF_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9./_-]{0,59}$", re.ASCII)
_url = URLValidator(schemes=["http", "https"])


class Invalid(ValueError):
    """Input that cannot be saved. ``errors`` maps field names to messages."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(" ".join(errors.values()))
        self.errors = errors


def text(
    raw: object, field: str, label: str, errors: dict[str, str], limit: int, required: bool = True
) -> str:
    value = str(raw or "").strip()
    if "\x00" in value:
        errors[field] = f"{label} memuat karakter yang tidak sah."
    elif len(value) > limit:
        errors[field] = f"{label} terlalu panjang (maksimal {limit} karakter)."
    elif required and not value:
        errors[field] = f"{label} wajib diisi."
    return value


def url(raw: object, field: str, label: str, errors: dict[str, str]) -> str:
    value = str(raw or "").strip()
    if not value:
        return ""
    if len(value) > 300 or "\x00" in value:
        errors[field] = f"{label} terlalu panjang (maksimal 300 karakter)."
        return ""
    try:
        _url(value)
    except ValidationError:
        errors[field] = f"{label} harus berupa alamat http:// atau https:// yang sah."
    return value


def decimal(
    raw: object, field: str, label: str, errors: dict[str, str], bound: int
) -> Decimal | None:
    value = str(raw or "").strip()
    if not value:
        return None
    if not DECIMAL_RE.match(value) or abs(Decimal(value)) > bound:
        errors[field] = f"{label} harus angka desimal antara -{bound} dan {bound}."
        return None
    return Decimal(value).quantize(Decimal("0.000001"))


def day(raw: object, field: str, label: str, errors: dict[str, str]) -> date | None:
    value = str(raw or "").strip()
    if not value:
        return None
    try:
        if not DATE_RE.match(value):
            raise ValueError
        parsed = date.fromisoformat(value)
    except ValueError:
        errors[field] = f"{label} harus tanggal berformat TTTT-BB-HH."
        return None
    if not 2000 <= parsed.year <= 2100:
        errors[field] = f"{label} di luar rentang tahun 2000–2100."
        return None
    return parsed


def refs(raw: list[str], field: str, label: str, errors: dict[str, str]) -> list[str]:
    values = [v.strip() for v in raw if v.strip()]
    if len(values) > 10 or not all(REF_RE.match(v) for v in values):
        errors[field] = f"{label}: maksimal 10 kode, masing-masing huruf/angka/.-_/ (≤ 60)."
        return []
    return list(dict.fromkeys(values))
