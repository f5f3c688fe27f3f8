"""Demo operations history: parking events and resolved, rated service requests over
past days, so the KPI history on the demo dashboard is computed from the demo's own
parking and service data (not typed in). Written in bulk, marked in ``flags`` /
``attributes`` as demo history; used only by ``kotacerdas demo``."""

from __future__ import annotations

import random
import secrets
from datetime import date, datetime, time, timedelta

from kotacerdas.core.models import Regency
from kotacerdas.core.timeutil import WIB
from kotacerdas.parking.models import (
    Attendant,
    Channel,
    EventStatus,
    ParkingEvent,
    Spot,
    Tariff,
    VehicleClass,
)
from kotacerdas.services.models import Service, ServiceRequest, Status

DEMO_FLAG = "demo-riwayat"


def parking_history(regency: Regency, *, days: int, today: date, seed: int = 6202) -> int:
    """Motorcycle-heavy traffic on the demo spots with a QRIS share rising over time."""
    if ParkingEvent.objects.filter(regency=regency, order_id__startswith="DEMO-").exists():
        return 0
    rng = random.Random(seed)  # noqa: S311 - reproducible demo data, not a secret
    pairs: list[tuple[Attendant, Spot]] = []
    for attendant in Attendant.objects.filter(regency=regency):
        assignment = attendant.assignments.select_related("spot").first()
        if assignment is not None:
            pairs.append((attendant, assignment.spot))
    tariffs = {
        t.vehicle_class: t
        for t in Tariff.objects.filter(regency=regency, is_event=False, zone__isnull=True)
    }
    motor = tariffs.get(VehicleClass.MOTORCYCLE)
    car = tariffs.get(VehicleClass.CAR) or motor
    if not pairs or motor is None or car is None:
        return 0
    rows: list[ParkingEvent] = []
    for offset in range(days, 0, -1):
        day = today - timedelta(days=offset)
        qris_share = 0.15 + 0.35 * (days - offset) / max(days, 1)
        for attendant, spot in pairs:
            for _ in range(rng.randint(15, 35)):
                tariff = car if rng.random() < 0.2 else motor
                qris = rng.random() < qris_share
                n = len(rows)
                rows.append(
                    ParkingEvent(
                        regency=regency,
                        attendant=attendant,
                        spot=spot,
                        vehicle_class=tariff.vehicle_class,
                        tariff=tariff,
                        amount=tariff.amount,
                        channel=Channel.QRIS if qris else Channel.CASH,
                        status=EventStatus.PAID if qris else EventStatus.CASH,
                        order_id=f"DEMO-{day:%Y%m%d}-{n:06d}",
                        receipt_token=secrets.token_hex(12),
                        business_date=day,
                        paid_amount=tariff.amount,
                        flags=[DEMO_FLAG],
                    )
                )
    ParkingEvent.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def service_history(regency: Regency, *, days: int, today: date, seed: int = 6202) -> int:
    """Two to five resolved requests a day, most within their SLA, about half rated."""
    if ServiceRequest.objects.filter(regency=regency, attributes__demo=DEMO_FLAG).exists():
        return 0
    rng = random.Random(seed)  # noqa: S311 - reproducible demo data, not a secret
    services = list(Service.objects.filter(regency=regency, is_active=True).select_related("opd"))
    if not services:
        return 0
    rows: list[ServiceRequest] = []
    for offset in range(days, 0, -1):
        day = today - timedelta(days=offset)
        for _ in range(rng.randint(2, 5)):
            service = rng.choice(services)
            asked = datetime.combine(day, time(rng.randint(7, 15), rng.randint(0, 59)), WIB)
            took = timedelta(days=rng.choice([1, 2, 2, 3, 4, 6, 8, 12]))
            resolved = asked + took
            if resolved.date() >= today:
                continue
            rated = rng.random() < 0.5
            n = len(rows)
            rows.append(
                ServiceRequest(
                    regency=regency,
                    tracking_number=f"DM{day:%y%m%d}{n:05d}",
                    reporter_token=secrets.token_hex(24),
                    submit_token=secrets.token_hex(16),
                    service=service,
                    opd=service.opd,
                    status=Status.SELESAI,
                    channel="web",
                    description="Riwayat demo",
                    attributes={"demo": DEMO_FLAG},
                    is_anonymous=True,
                    requested_at=asked,
                    updated_at=resolved,
                    forwarded_at=asked + timedelta(hours=3),
                    resolved_at=resolved,
                    sla_breached=took.days > 8,
                    rating=rng.choice([3, 4, 4, 5, 5]) if rated else None,
                    rated_at=resolved + timedelta(hours=5) if rated else None,
                )
            )
    ServiceRequest.objects.bulk_create(rows, batch_size=1000)
    return len(rows)
