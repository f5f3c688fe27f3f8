"""Full recomputation of the rollups, for repair and as the oracle that tests compare
the triggers against. Day-to-day the triggers keep the rollups exact by themselves."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from kotacerdas.core.models import Regency, User
from kotacerdas.core.services.audit import audit_record
from kotacerdas.parking import rollup_sql
from kotacerdas.parking.models import EventStatus, ParkingEvent, RollupDay, RollupHour

COUNT_FIELDS = rollup_sql.COUNTS
HourKey = tuple[int, str, int, int, int, str, str]
DayKey = tuple[int, str, int, int, str, str]


def rollups_rebuild(*, actor: User | None = None, regency: Regency | None = None) -> None:
    """Empty and refill both rollups from the events, in one transaction."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            for statement in rollup_sql.backfill(connection.vendor, settings.TIME_ZONE):
                cursor.execute(statement)
        if regency is not None:
            audit_record(regency=regency, actor=actor, action="parking.rollups.rebuild", obj=None)


def _contribution(event: Any) -> tuple[int, ...]:
    collected = event.status in (EventStatus.PAID, EventStatus.CASH)
    return (
        1,
        int(collected),
        int(event.paid_amount) if collected else 0,
        int(event.status == EventStatus.PENDING),
        int(event.status == EventStatus.EXPIRED),
        int(event.status == EventStatus.CANCELLED),
    )


def recompute_in_python() -> tuple[dict[HourKey, tuple[int, ...]], dict[DayKey, tuple[int, ...]]]:
    """What the rollups must contain, computed event by event (zero rows omitted)."""
    hours: dict[HourKey, list[int]] = defaultdict(lambda: [0] * len(COUNT_FIELDS))
    days: dict[DayKey, list[int]] = defaultdict(lambda: [0] * len(COUNT_FIELDS))
    for event in ParkingEvent.objects.all().iterator(chunk_size=2000):
        base = (event.spot_id, event.attendant_id, event.vehicle_class, event.channel)
        hour = timezone.localtime(event.created_at).hour
        day = event.business_date.isoformat()
        for i, value in enumerate(_contribution(event)):
            hours[(event.regency_id, day, hour, *base)][i] += value
            days[(event.regency_id, day, *base)][i] += value
    return (
        {k: tuple(v) for k, v in hours.items() if any(v)},
        {k: tuple(v) for k, v in days.items() if any(v)},
    )


def stored_rollups() -> tuple[dict[HourKey, tuple[int, ...]], dict[DayKey, tuple[int, ...]]]:
    base = ("spot_id", "attendant_id", "vehicle_class", "channel")
    hours = {
        (r[0], r[1].isoformat(), r[2], *r[3:7]): tuple(r[7:])
        for r in RollupHour.objects.values_list("regency_id", "day", "hour", *base, *COUNT_FIELDS)
    }
    days = {
        (r[0], r[1].isoformat(), *r[2:6]): tuple(r[6:])
        for r in RollupDay.objects.values_list("regency_id", "day", *base, *COUNT_FIELDS)
    }
    return (
        {k: v for k, v in hours.items() if any(v)},
        {k: v for k, v in days.items() if any(v)},
    )
