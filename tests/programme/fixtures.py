"""Fixture data for the programme tests: parking events and service requests written
straight to their tables with known values, so every KPI can be checked by hand."""

from __future__ import annotations

import secrets
from datetime import date, datetime
from itertools import count

from kotacerdas.core.models import Regency
from kotacerdas.core.timeutil import WIB
from kotacerdas.parking.models import Attendant, Channel, EventStatus, ParkingEvent, Spot, Tariff
from kotacerdas.services.models import Service, ServiceRequest, Status

_seq = count(1)


def parking_event(
    regency: Regency,
    attendant: Attendant,
    spot: Spot,
    *,
    day: date,
    amount: int,
    channel: str,
    status: str,
) -> ParkingEvent:
    tariff = Tariff.objects.filter(regency=regency).first()
    assert tariff is not None
    n = next(_seq)
    paid = amount if status in (EventStatus.PAID, EventStatus.CASH) else 0
    return ParkingEvent.objects.create(
        regency=regency,
        attendant=attendant,
        spot=spot,
        vehicle_class=tariff.vehicle_class,
        tariff=tariff,
        amount=amount,
        channel=channel,
        status=status,
        order_id=f"PKR-T-{n}",
        receipt_token=secrets.token_hex(8),
        business_date=day,
        paid_amount=paid,
    )


def service_request(
    regency: Regency,
    service: Service,
    *,
    requested: datetime,
    resolved: datetime | None = None,
    breached: bool = False,
    rating: int | None = None,
    rated: datetime | None = None,
) -> ServiceRequest:
    n = next(_seq)
    return ServiceRequest.objects.create(
        regency=regency,
        tracking_number=f"T-{n:06d}",
        reporter_token=secrets.token_hex(16),
        submit_token=secrets.token_hex(8),
        service=service,
        opd=service.opd,
        status=Status.SELESAI if resolved else Status.DIPROSES,
        channel="web",
        reporter_name="Nama Pelapor Rahasia",
        reporter_phone="081234567890",
        reporter_email="pelapor@contoh.id",
        requested_at=requested,
        updated_at=resolved or requested,
        resolved_at=resolved,
        sla_breached=breached,
        rating=rating,
        rated_at=rated,
    )


def wib(y: int, m: int, d: int, h: int = 10) -> datetime:
    return datetime(y, m, d, h, tzinfo=WIB)


def qris_cash_mix(street) -> None:  # type: ignore[no-untyped-def]
    """February 2026 on two spots: 3 paid QRIS (2,000 + 2,000 + 4,000), 2 cash
    (2,000 + 4,000), plus one pending and one expired QRIS that must not count, and one
    paid QRIS in March (outside a February period)."""
    r, a, s = street.regency, street.jukir, street.spot
    for amount in (2000, 2000, 4000):
        parking_event(
            r,
            a,
            s,
            day=date(2026, 2, 3),
            amount=amount,
            channel=Channel.QRIS,
            status=EventStatus.PAID,
        )
    for amount in (2000, 4000):
        parking_event(
            r,
            a,
            s,
            day=date(2026, 2, 4),
            amount=amount,
            channel=Channel.CASH,
            status=EventStatus.CASH,
        )
    parking_event(
        r, a, s, day=date(2026, 2, 4), amount=2000, channel=Channel.QRIS, status=EventStatus.PENDING
    )
    parking_event(
        r, a, s, day=date(2026, 2, 5), amount=4000, channel=Channel.QRIS, status=EventStatus.EXPIRED
    )
    parking_event(
        r, a, s, day=date(2026, 3, 2), amount=4000, channel=Channel.QRIS, status=EventStatus.PAID
    )
