"""Parsing what people type into parking forms and API fields. Pure functions, no
Django: every field is bounded here before it reaches a model, so a 21-digit number, a
NUL byte or an Arabic-Indic digit gets a clear Indonesian message instead of a 500."""

from __future__ import annotations

import re
from datetime import date

# Digits people type for rupiah: ``10000``, ``10.000``, ``Rp10.000``, ``Rp 10.000``.
_RUPIAH = re.compile(r"^(?:rp\.?\s?)?(\d{1,3}(?:\.\d{3})+|\d+)$", re.IGNORECASE)
MAX_RUPIAH_DIGITS = 12
DATE_MIN, DATE_MAX = date(1900, 1, 1), date(2200, 12, 31)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class InputRefused(ValueError):
    """A typed value that cannot be accepted; ``str(exc)`` is the message to show."""


def parse_rupiah(text: str, *, maximum: int, allow_zero: bool = True, label: str = "Jumlah") -> int:
    """``10.000`` and ``10000`` are both ten thousand rupiah. Only ASCII digits count
    (``str.isdigit`` would accept ``١٠``); more than twelve digits is refused before any
    conversion, and the value must not exceed ``maximum``."""
    raw = (text or "").strip()
    if not raw:
        raise InputRefused(f"{label} wajib diisi.")
    if len(raw) > 24 or not raw.isascii():
        raise InputRefused(f"{label} harus angka rupiah, misalnya 10.000 atau 10000.")
    match = _RUPIAH.fullmatch(raw)
    if not match:
        raise InputRefused(f"{label} harus angka rupiah, misalnya 10.000 atau 10000.")
    digits = match.group(1).replace(".", "")
    if len(digits.lstrip("0")) > MAX_RUPIAH_DIGITS:
        raise InputRefused(f"{label} terlalu besar.")
    value = int(digits)
    if value == 0 and not allow_zero:
        raise InputRefused(f"{label} harus lebih dari nol.")
    if value > maximum:
        raise InputRefused(f"{label} melebihi batas Rp{maximum:,}.".replace(",", "."))
    return value


def parse_signed_rupiah(text: str, *, maximum: int, label: str = "Koreksi") -> int:
    """A correction: ``-5.000`` or ``+5.000`` (or ``5.000``); never zero."""
    raw = (text or "").strip()
    sign = 1
    if raw and raw[0] in "+-":
        sign = -1 if raw[0] == "-" else 1
        raw = raw[1:].strip()
    return sign * parse_rupiah(raw, maximum=maximum, allow_zero=False, label=label)


def clean_text(text: str, *, max_length: int, label: str, required: bool = False) -> str:
    """Free text: trimmed, no control characters, at most ``max_length`` characters.
    Too long is refused (not cut), so nothing the user wrote is silently lost."""
    value = (text or "").strip()
    if _CONTROL.search(value):
        raise InputRefused(f"{label} berisi karakter yang tidak diizinkan.")
    if len(value) > max_length:
        raise InputRefused(f"{label} maksimal {max_length} karakter.")
    if required and not value:
        raise InputRefused(f"{label} wajib diisi.")
    return value


def parse_day(text: str, *, label: str = "Tanggal") -> date:
    raw = (text or "").strip()
    if len(raw) != 10 or not raw.isascii():
        raise InputRefused(f"{label} harus berformat TTTT-BB-HH.")
    try:
        day = date.fromisoformat(raw)
    except ValueError as exc:
        raise InputRefused(f"{label} tidak valid.") from exc
    if not DATE_MIN <= day <= DATE_MAX:  # far dates overflow the range arithmetic
        raise InputRefused(f"{label} di luar rentang yang dapat diolah.")
    return day


def check_not_future(day: date, *, today: date, label: str = "Tanggal") -> date:
    if day > today:
        raise InputRefused(f"{label} tidak boleh di masa depan.")
    return day
