"""Scoring of the readiness assessment (Buku 1, Bimtek I): each of Struktur,
Infrastruktur and Suprastruktur is scored as the share of its items found in good,
moderate or poor condition (the doc's example: Wonogiri 51 / 32 / 17 %). Pure Python,
so the pages, the tests and any export compute it the same way."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

ONE_DECIMAL = Decimal("0.1")
MAX_ITEMS = 9999  # items counted in one component; far above any real assessment


@dataclass(frozen=True)
class Shares:
    """Percent of items in each condition (one decimal, half up), and the total."""

    good: Decimal
    moderate: Decimal
    poor: Decimal
    total: int


def shares(good: int, moderate: int, poor: int) -> Shares | None:
    """``None`` when nothing was counted (no score rather than 0 %). Raises
    ``ValueError`` on a negative or absurd count."""
    counts = (good, moderate, poor)
    if any(not isinstance(n, int) or n < 0 or n > MAX_ITEMS for n in counts):
        raise ValueError("counts must be integers 0–9999")
    total = sum(counts)
    if total == 0:
        return None

    def pct(n: int) -> Decimal:
        return (Decimal(100) * n / total).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)

    return Shares(pct(good), pct(moderate), pct(poor), total)


def overall(rows: list[tuple[int, int, int]]) -> Shares | None:
    """The shares over every item of the three components together."""
    if not rows:
        return None
    return shares(sum(r[0] for r in rows), sum(r[1] for r in rows), sum(r[2] for r in rows))
