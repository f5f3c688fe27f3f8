"""Missing-money checks against a robust baseline. Pure logic, no Django.

The baseline for a spot, weekday and hour is the median of the same hour on the same
weekday over the last N weeks; its spread is the MAD (median absolute deviation) scaled
by 1.4826 so it estimates a standard deviation for normal data while ignoring the odd
holiday or market day. Thresholds are module constants, documented in docs/parking.md."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median

MAD_SCALE = 1.4826
# Zero: a run of on-duty hours with no transaction where the baseline expected at least
# this many vehicles in total.
ZERO_MIN_EXPECTED = 6
# Low: the day's count is this many robust deviations below the baseline, below this
# fraction of it, and the baseline expects at least LOW_MIN_EXPECTED vehicles.
LOW_Z = -3.0
LOW_FRACTION = 0.6
LOW_MIN_EXPECTED = 10
# Cashless share: a fall of at least this many points below the weekday median, beyond
# three robust deviations, on a day with at least this many paid vehicles.
SHARE_DROP_POINTS = 20.0
SHARE_MIN_COUNT = 10
# Unpaid charges: at least this many QRIS charges expired/cancelled, this share of all
# charges, and above the weekday median by three robust deviations.
UNPAID_MIN = 5
UNPAID_SHARE = 0.3


def robust(values: Sequence[float]) -> tuple[float, float]:
    """(median, scaled MAD); (0, 0) for no history."""
    if not values:
        return 0.0, 0.0
    mid = median(values)
    return float(mid), MAD_SCALE * float(median([abs(v - mid) for v in values]))


@dataclass(frozen=True)
class HourBaseline:
    hour: int
    observed: int
    median: float
    spread: float


@dataclass(frozen=True)
class Finding:
    kind: str
    observed: int
    expected: int
    hour_from: int | None = None
    hour_to: int | None = None
    detail: dict[str, float] | None = None


def hourly_baseline(
    observed: dict[int, int], history: Sequence[dict[int, int]], hours: range
) -> list[HourBaseline]:
    """``history`` holds one {hour: count} per past same weekday (missing hours = 0)."""
    out = []
    for hour in hours:
        mid, spread = robust([float(week.get(hour, 0)) for week in history])
        out.append(HourBaseline(hour, observed.get(hour, 0), mid, spread))
    return out


def zero_run(baseline: list[HourBaseline]) -> Finding | None:
    """The longest run of consecutive on-duty hours with nothing recorded whose baseline
    adds up to at least ZERO_MIN_EXPECTED vehicles."""
    best: tuple[float, int, int] | None = None
    start: int | None = None
    expected = 0.0
    for i, h in enumerate([*baseline, None]):
        if h is not None and h.observed == 0:
            if start is None:
                start, expected = i, 0.0
            expected += h.median
            continue
        if start is not None:
            if expected >= ZERO_MIN_EXPECTED and (best is None or expected > best[0]):
                best = (expected, start, i - 1)
            start = None
    if best is None:
        return None
    expected, first, last = best
    return Finding(
        "zero_on_duty",
        observed=0,
        expected=round(expected),
        hour_from=baseline[first].hour,
        hour_to=baseline[last].hour + 1,
    )


def low_day(baseline: list[HourBaseline]) -> Finding | None:
    observed = sum(h.observed for h in baseline)
    expected = sum(h.median for h in baseline)
    spread = max(math.sqrt(sum(h.spread**2 for h in baseline)), 0.1 * expected, 1.0)
    z = (observed - expected) / spread
    if expected >= LOW_MIN_EXPECTED and z <= LOW_Z and observed < LOW_FRACTION * expected:
        return Finding(
            "low_on_duty",
            observed=observed,
            expected=round(expected),
            detail={"z": round(z, 2), "spread": round(spread, 1)},
        )
    return None


def share_drop(
    *, cashless: int, total: int, count: int, history: Sequence[float]
) -> Finding | None:
    """``history``: the cashless share (percent of rupiah) on past same weekdays."""
    if count < SHARE_MIN_COUNT or total <= 0 or len(history) < 3:
        return None
    share = 100.0 * cashless / total
    mid, spread = robust(history)
    if mid - share >= max(SHARE_DROP_POINTS, 3 * spread):
        return Finding(
            "cashless_drop",
            observed=round(share),
            expected=round(mid),
            detail={"share": round(share, 1), "median": round(mid, 1), "spread": round(spread, 1)},
        )
    return None


def unpaid_charges(*, unpaid: int, created: int, history: Sequence[float]) -> Finding | None:
    mid, spread = robust(history)
    if (
        unpaid >= UNPAID_MIN
        and created > 0
        and unpaid / created >= UNPAID_SHARE
        and unpaid > mid + 3 * max(spread, 1.0)
    ):
        return Finding(
            "unpaid_charges",
            observed=unpaid,
            expected=round(mid),
            detail={"created": float(created), "share": round(unpaid / created, 2)},
        )
    return None
