"""The pure tariff rules: which price applies to which vehicle, where and when."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kotacerdas.parking.tariffs import (
    NoTariff,
    TariffRule,
    applicable_tariff,
    split_amount,
    tariff_table,
)

OLD = TariffRule(1, "motorcycle", 1000, date(2011, 1, 1), date(2018, 12, 31))
PERDA = TariffRule(2, "motorcycle", 2000, date(2019, 1, 1))
CAR = TariffRule(3, "car", 4000, date(2019, 1, 1))
EVENT_SPOT = TariffRule(
    4, "motorcycle", 3000, date(2027, 1, 5), date(2027, 1, 9), spot_id=7, is_event=True
)
EVENT_ZONE = TariffRule(
    5, "motorcycle", 2500, date(2027, 1, 5), date(2027, 1, 9), zone_id=2, is_event=True
)
RULES = [OLD, PERDA, CAR, EVENT_SPOT, EVENT_ZONE]


def pick(vehicle_class: str, day: date, spot_id: int = 1, zone_id: int = 1) -> TariffRule:
    return applicable_tariff(
        RULES, vehicle_class=vehicle_class, spot_id=spot_id, zone_id=zone_id, day=day
    )


@pytest.mark.parametrize(
    ("day", "amount"),
    [
        (date(2015, 6, 1), 1000),
        (date(2018, 12, 31), 1000),
        (date(2019, 1, 1), 2000),
        (date(2026, 11, 28), 2000),
    ],
)
def test_regular_tariff_follows_effective_dates(day: date, amount: int) -> None:
    assert pick("motorcycle", day).amount == amount


def test_no_tariff_before_the_first_perda_or_for_an_unknown_class() -> None:
    with pytest.raises(NoTariff):
        pick("motorcycle", date(2010, 1, 1))
    with pytest.raises(NoTariff):
        pick("truck_large", date(2026, 1, 1))


def test_event_tariff_wins_inside_its_dates_and_scope_only() -> None:
    assert pick("motorcycle", date(2027, 1, 7), spot_id=7).amount == 3000  # spot event
    assert pick("motorcycle", date(2027, 1, 7), spot_id=8, zone_id=2).amount == 2500  # zone event
    assert (
        pick("motorcycle", date(2027, 1, 7), spot_id=9, zone_id=3).amount == 2000
    )  # elsewhere: Perda
    assert pick("motorcycle", date(2027, 1, 10), spot_id=7).amount == 2000  # after the event
    assert pick("car", date(2027, 1, 7), spot_id=7).amount == 4000  # event only for motorcycles


def test_tariff_table_lists_only_classes_with_a_rule() -> None:
    table = tariff_table(
        RULES, classes=["bicycle", "motorcycle", "car"], spot_id=1, zone_id=1, day=date(2026, 5, 1)
    )
    assert table == {"motorcycle": 2000, "car": 4000}


@pytest.mark.parametrize(
    ("amount", "shares", "parts"),
    [
        (
            2000,
            {"regency": 60, "attendant": 40, "pengelola": 0},
            {"regency": 1200, "attendant": 800, "pengelola": 0},
        ),
        (1001, {"regency": 60, "attendant": 40}, {"regency": 601, "attendant": 400}),
        (
            7,
            {"regency": 34, "attendant": 33, "pengelola": 33},
            {"regency": 3, "attendant": 2, "pengelola": 2},
        ),
    ],
)
def test_split_is_exact(amount: int, shares: dict[str, int], parts: dict[str, int]) -> None:
    assert split_amount(amount, shares) == parts


def test_split_refuses_shares_that_do_not_add_up() -> None:
    with pytest.raises(ValueError, match="add up to 100"):
        split_amount(1000, {"regency": 60, "attendant": 30})


@given(
    amount=st.integers(min_value=0, max_value=10**12),
    first=st.integers(min_value=0, max_value=100),
    second=st.integers(min_value=0, max_value=100),
)
def test_split_never_creates_or_loses_a_rupiah(amount: int, first: int, second: int) -> None:
    if first + second > 100:
        first, second = first // 2, second // 2
    shares = {"regency": 100 - first - second, "attendant": first, "pengelola": second}
    parts = split_amount(amount, shares)
    assert sum(parts.values()) == amount
    assert all(value >= 0 for value in parts.values())
    for party, pct in shares.items():
        assert abs(parts[party] - amount * pct / 100) < 3
