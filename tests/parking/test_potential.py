"""Potential and gap arithmetic (pure), and its use over date ranges with a tariff change."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kotacerdas.parking.potential import (
    ClassCapacity,
    Gap,
    daily_potential,
    measured_turnover_x100,
    operating_hours,
    recalibrated_turnover_x100,
)
from kotacerdas.parking.realisation import _segments
from kotacerdas.parking.tariffs import TariffRule

MOTOR, CAR = "motorcycle", "car"


def test_daily_potential_is_capacity_turnover_hours_tariff() -> None:
    caps = [ClassCapacity(MOTOR, 20, 150), ClassCapacity(CAR, 6, 50)]
    # motor 20 × 1.5 × 14 h × 2000 = 840,000; car 6 × 0.5 × 14 × 4000 = 168,000
    assert daily_potential(caps, hours=14, tariffs={MOTOR: 2000, CAR: 4000}) == 1_008_000
    # a class without a tariff that day adds nothing
    assert daily_potential(caps, hours=14, tariffs={MOTOR: 2000}) == 840_000
    assert daily_potential([ClassCapacity(MOTOR, 1, 33)], hours=1, tariffs={MOTOR: 1000}) == 330
    assert daily_potential([ClassCapacity(MOTOR, 1, 1)], hours=1, tariffs={MOTOR: 50}) == 0
    with pytest.raises(ValueError, match="operating hours"):
        daily_potential(caps, hours=25, tariffs={})


def test_survey_turnover_and_recalibration() -> None:
    assert measured_turnover_x100(counted=30, capacity=20, minutes=30) == 300
    assert measured_turnover_x100(counted=7, capacity=6, minutes=60) == 116
    assert recalibrated_turnover_x100([300, 200, 100, 5000]) == 200  # newest three only
    for bad in (
        {"counted": 1, "capacity": 0, "minutes": 30},
        {"counted": 1, "capacity": 2, "minutes": 0},
    ):
        with pytest.raises(ValueError):
            measured_turnover_x100(**bad)
    with pytest.raises(ValueError):
        recalibrated_turnover_x100([])


def test_operating_hours_bounds() -> None:
    assert operating_hours(7, 21) == 14
    assert operating_hours(0, 24) == 24
    for opens, closes in ((21, 7), (7, 25), (24, 24)):
        with pytest.raises(ValueError):
            operating_hours(opens, closes)


def test_gap_and_realisation() -> None:
    assert (Gap(1_000_000, 250_000).gap, Gap(1_000_000, 250_000).realisation_pct) == (750_000, 25.0)
    assert Gap(100, 150).gap == -50
    assert Gap(0, 10).realisation_pct is None


def test_range_segments_split_at_a_tariff_change() -> None:
    rules = [
        TariffRule(1, MOTOR, 1000, date(2011, 1, 1), date(2026, 3, 9)),
        TariffRule(2, MOTOR, 2000, date(2026, 3, 10)),
    ]
    segments = _segments(rules, date(2026, 3, 1), date(2026, 3, 31))
    assert segments == [(date(2026, 3, 1), 9), (date(2026, 3, 10), 22)]
    assert sum(days for _, days in segments) == 31


@given(
    capacity=st.integers(0, 500),
    turnover=st.integers(0, 1000),
    hours=st.integers(0, 24),
    tariff=st.integers(0, 20000),
)
def test_potential_is_exact_integer_arithmetic(
    capacity: int, turnover: int, hours: int, tariff: int
) -> None:
    value = daily_potential(
        [ClassCapacity(MOTOR, capacity, turnover)], hours=hours, tariffs={MOTOR: tariff}
    )
    assert value == capacity * turnover * hours * tariff // 100
