"""The Indeks Inovasi Daerah arithmetic, free of Django so any tool can reuse it.

The constants (divisor minimum, maximum total, predicate bands) change from year to
year; they come from a rule set (see ``kotacerdas.innovation.rules``), never from here.

    IID = (SPD + Σ innovation scores / MAX(divisor_min, n) + count score) / max total × 100
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal

Band = tuple[str, float, float]

CENT = Decimal("0.01")


def round2(value: float) -> Decimal:
    """Half-up rounding to two decimals, as the published predicate tables read."""
    return Decimal(repr(float(value))).quantize(CENT, rounding=ROUND_HALF_UP)


def sid_value(*, innovation_scores: Sequence[float], count_score: float, divisor_min: int) -> float:
    """SID: the per-innovation total averaged over at least ``divisor_min`` innovations,
    so a region with few innovations cannot score like one with many."""
    if divisor_min < 1:
        raise ValueError("divisor_min must be at least 1")
    divisor = max(divisor_min, len(innovation_scores))
    return float(sum(innovation_scores)) / divisor + float(count_score)


def iid_index(
    *,
    spd: float,
    innovation_scores: Sequence[float],
    count_score: float,
    max_total: float,
    divisor_min: int,
) -> float:
    """``(spd + sum(scores) / max(divisor_min, len(scores)) + count_score) / max_total * 100``."""
    if max_total <= 0:
        raise ValueError("max_total must be positive")
    if spd < 0 or count_score < 0 or any(s < 0 for s in innovation_scores):
        raise ValueError("scores cannot be negative")
    sid = sid_value(
        innovation_scores=innovation_scores, count_score=count_score, divisor_min=divisor_min
    )
    return (float(spd) + sid) / float(max_total) * 100


def predicate(value: float, bands: Iterable[Band]) -> str:
    """Name of the band holding ``value`` rounded to two decimals (inclusive bounds)."""
    rounded = round2(value)
    for name, lower, upper in bands:
        if round2(lower) <= rounded <= round2(upper):
            return name
    raise ValueError(f"{rounded} lies in no predicate band")
