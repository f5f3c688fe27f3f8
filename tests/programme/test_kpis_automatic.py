"""Every automatic KPI against values computed by hand from fixture rows."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from kotacerdas.core.kpis import kpi_source
from kotacerdas.services.models import Service
from kotacerdas.services.services.requests import request_submit  # noqa: F401 - app loaded
from tests.programme.fixtures import qris_cash_mix, service_request, wib

FEB = (date(2026, 2, 1), date(2026, 2, 28))

pytestmark = pytest.mark.django_db


def compute(code: str, regency, start: date, end: date):  # type: ignore[no-untyped-def]
    source = kpi_source(code)
    assert source is not None, f"{code} is not registered"
    return source.compute(regency, start, end)


def test_cashless_share_by_count(street) -> None:  # type: ignore[no-untyped-def]
    qris_cash_mix(street)
    # February: 3 paid QRIS of 5 collected events (pending and expired do not count).
    result = compute("parking.cashless_share_count", street.regency, *FEB)
    assert result.value == Decimal("60.00")
    assert (result.numerator, result.denominator) == (3, 5)
    assert result.inputs["from"] == "2026-02-01"


def test_cashless_share_by_rupiah(street) -> None:  # type: ignore[no-untyped-def]
    qris_cash_mix(street)
    # QRIS 8,000 of 14,000 collected = 57.142857 → 57.14 %.
    result = compute("parking.cashless_share_rupiah", street.regency, *FEB)
    assert result.value == Decimal("57.14")
    assert (result.numerator, result.denominator) == (8000, 14000)


def test_levy_realised_and_periods(street) -> None:  # type: ignore[no-untyped-def]
    qris_cash_mix(street)
    assert compute("parking.levy_realised", street.regency, *FEB).value == 14000
    ytd = compute("parking.levy_realised", street.regency, date(2026, 1, 1), date(2026, 3, 31))
    assert ytd.value == 18000
    assert ytd.inputs["cash_rupiah"] == 6000 and ytd.inputs["qris_rupiah"] == 12000
    empty = compute(
        "parking.cashless_share_count", street.regency, date(2026, 4, 1), date(2026, 4, 30)
    )
    assert empty.value is None  # 0/0 is "no data", not 0 %


@pytest.fixture
def requests_feb(regency, catalogue):  # type: ignore[no-untyped-def]
    lamp = catalogue["lampu-jalan"]
    # (requested, resolved, breached, rating, rated); working days by hand (Feb 2026,
    # Imlek 16–17 Feb are holidays):
    #   Mon 2 → Wed 4 Feb: 2; Mon 2 → Mon 9: 5; Tue 3 → Fri 6: 3;
    #   Fri 13 → Wed 18 (weekend + 16, 17 Feb off): 1.
    service_request(
        regency,
        lamp,
        requested=wib(2026, 2, 2),
        resolved=wib(2026, 2, 4),
        rating=5,
        rated=wib(2026, 2, 5),
    )
    service_request(
        regency,
        lamp,
        requested=wib(2026, 2, 2),
        resolved=wib(2026, 2, 9),
        breached=True,
        rating=2,
        rated=wib(2026, 2, 10),
    )
    service_request(
        regency,
        lamp,
        requested=wib(2026, 2, 3),
        resolved=wib(2026, 2, 6),
        rating=4,
        rated=wib(2026, 3, 2),
    )
    service_request(regency, lamp, requested=wib(2026, 2, 13), resolved=wib(2026, 2, 18))
    # Still open, and one resolved in March: neither counts in February.
    service_request(regency, lamp, requested=wib(2026, 2, 20))
    service_request(
        regency, lamp, requested=wib(2026, 2, 20), resolved=wib(2026, 3, 3), breached=True
    )
    # Resolved at 23:30 WIB on 28 Feb (16:30 UTC) still counts in February.
    service_request(regency, lamp, requested=wib(2026, 2, 27), resolved=wib(2026, 2, 28, 23))
    return regency


def test_closed_within_sla(requests_feb) -> None:  # type: ignore[no-untyped-def]
    result = compute("services.closed_within_sla", requests_feb, *FEB)
    # 5 resolved in February, 1 breached → 4/5.
    assert result.value == Decimal("80.00")
    assert (result.numerator, result.denominator) == (4, 5)


def test_median_resolution_working_days(requests_feb) -> None:  # type: ignore[no-untyped-def]
    result = compute("services.median_resolution_days", requests_feb, *FEB)
    # Days: 2, 5, 3, 1 and Fri 27 → Sat 28 = 0 → sorted 0,1,2,3,5 → median 2.
    assert result.value == Decimal("2.0")
    assert result.denominator == 5


def test_satisfaction_from_ratings(requests_feb) -> None:  # type: ignore[no-untyped-def]
    feb = compute("services.satisfaction", requests_feb, *FEB)
    # Rated in February: 5 and 2 → 3.50; the rating of 2 March is outside.
    assert feb.value == Decimal("3.50")
    both = compute("services.satisfaction", requests_feb, date(2026, 2, 1), date(2026, 3, 31))
    assert both.value == Decimal("3.67")  # (5 + 2 + 4) / 3


def test_share_of_services_requestable_online(regency, catalogue) -> None:  # type: ignore[no-untyped-def]
    total = Service.objects.filter(regency=regency).count()
    Service.objects.filter(regency=regency, code__in=["lampu-jalan", "jalan-rusak"]).update(
        is_active=False
    )
    result = compute("services.online_share", regency, *FEB)
    expected = (Decimal(100) * (total - 2) / total).quantize(Decimal("0.01"))
    assert result.value == expected
    assert (result.numerator, result.denominator) == (total - 2, total)
