"""Rupiah: integers only, formatted the Indonesian way (``Rp2.000``)."""

from __future__ import annotations


def format_rupiah(amount: int) -> str:
    """``Rp2.000``; negative amounts as ``-Rp2.000``. Refuses floats so a fractional
    amount can never slip into a receipt unnoticed."""
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise TypeError(f"rupiah amounts are integers, got {type(amount).__name__}")
    sign = "-" if amount < 0 else ""
    digits = f"{abs(amount):,}".replace(",", ".")
    return f"{sign}Rp{digits}"
