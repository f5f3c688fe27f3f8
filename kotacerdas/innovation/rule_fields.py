"""Readers for one field of an IID rule-set file. Each appends an Indonesian message
with the field's place to ``errors`` instead of raising, so that a rule-set import can
report every problem of a file at once. Django-free."""

from __future__ import annotations

from datetime import date
from typing import Any


def read_text(value: Any, where: str, errors: list[str], limit: int = 300) -> str:
    if not isinstance(value, str) or not value.strip():
        errors.append(f"{where}: harus berupa teks yang tidak kosong.")
        return ""
    if len(value) > limit or "\x00" in value:
        errors.append(f"{where}: teks terlalu panjang (maks. {limit}) atau memuat karakter NUL.")
        return ""
    return value.strip()


def read_number(value: Any, where: str, errors: list[str], minimum: float = 0.0) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
        errors.append(f"{where}: harus berupa angka.")
        return 0.0
    if value < minimum or value > 1_000_000:
        errors.append(f"{where}: angka di luar batas ({minimum}–1000000).")
        return 0.0
    return float(value)


def read_integer(value: Any, where: str, errors: list[str], lo: int, hi: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
        errors.append(f"{where}: harus bilangan bulat {lo}–{hi}.")
        return lo
    return value


def read_date(value: Any, where: str, errors: list[str]) -> date | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value
    try:
        parsed = date.fromisoformat(str(value))
    except ValueError:
        errors.append(f"{where}: tanggal harus berformat TTTT-BB-HH.")
        return None
    if not 2000 <= parsed.year <= 2100:
        errors.append(f"{where}: tahun tanggal di luar 2000–2100.")
        return None
    return parsed


def read_list(value: Any, where: str, errors: list[str]) -> list[Any]:
    if not isinstance(value, list) or not value:
        errors.append(f"{where}: harus berupa daftar yang tidak kosong.")
        return []
    return value
