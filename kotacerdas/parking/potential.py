"""Potential revenue (*potensi*) of a parking spot. Pure arithmetic, no Django.

Daily potential of a spot = Σ over vehicle classes of
    capacity (bays) × turnover (vehicles per bay per hour) × operating hours × tariff.

Turnover is kept in hundredths (``turnover_x100 = 150`` means 1.5 vehicles per bay per
hour) so every step stays in integers and the result is exact rupiah (rounded down once,
at the end). A korlap survey (vehicles counted in a timed window) gives a measured
turnover; the spot's turnover becomes the mean of its most recent surveys."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

MAX_SURVEY_MINUTES = 240
SURVEYS_IN_MEAN = 3


@dataclass(frozen=True)
class ClassCapacity:
    vehicle_class: str
    capacity: int
    turnover_x100: int


def daily_potential(
    capacities: Iterable[ClassCapacity], *, hours: int, tariffs: Mapping[str, int]
) -> int:
    """Exact rupiah for one day; a class without a tariff that day contributes nothing."""
    if hours < 0 or hours > 24:
        raise ValueError("operating hours must be between 0 and 24")
    hundredths = sum(
        c.capacity * c.turnover_x100 * hours * tariffs.get(c.vehicle_class, 0) for c in capacities
    )
    return hundredths // 100


def operating_hours(opens_at: int, closes_at: int) -> int:
    """Hours between opening and closing on the same day (``closes_at`` may be 24)."""
    if not (0 <= opens_at <= 23 and 1 <= closes_at <= 24 and closes_at > opens_at):
        raise ValueError("a spot opens between 0 and 23 and closes after it, at 24 at most")
    return closes_at - opens_at


def measured_turnover_x100(*, counted: int, capacity: int, minutes: int) -> int:
    """Vehicles counted in ``minutes`` over ``capacity`` bays, as hundredths per hour:
    30 motorcycles in 30 minutes over 20 bays = 3.0 per bay per hour → 300."""
    if capacity <= 0:
        raise ValueError("capacity must be positive to measure turnover")
    if not 1 <= minutes <= MAX_SURVEY_MINUTES:
        raise ValueError(f"a survey lasts 1 to {MAX_SURVEY_MINUTES} minutes")
    if counted < 0:
        raise ValueError("a count cannot be negative")
    return counted * 60 * 100 // (capacity * minutes)


def recalibrated_turnover_x100(recent: Sequence[int]) -> int:
    """Mean of the most recent survey measurements (newest first), rounded down."""
    used = list(recent[:SURVEYS_IN_MEAN])
    if not used:
        raise ValueError("no survey to recalibrate from")
    return sum(used) // len(used)


@dataclass(frozen=True)
class Gap:
    potential: int
    realised: int

    @property
    def gap(self) -> int:
        """Rupiah not collected against potential (negative: above potential)."""
        return self.potential - self.realised

    @property
    def realisation_pct(self) -> float | None:
        if self.potential <= 0:
            return None
        return round(100 * self.realised / self.potential, 1)
