"""Parking's periodic work: expire charges whose QR is past its time."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from kotacerdas.core.jobs import register_job
from kotacerdas.parking import payment_port
from kotacerdas.parking.models import EventStatus, ParkingEvent


@register_job("parking.expire_charges", every=timedelta(seconds=30))
def expire_charges() -> str:
    """Marks overdue pending charges expired and cancels them at the gateway. Money that
    still arrives later is recorded by the payment core and flagged as late here."""
    overdue = ParkingEvent.objects.filter(status=EventStatus.PENDING, expires_at__lt=timezone.now())
    done = 0
    for event in overdue.iterator(chunk_size=200):
        if payment_port.expire(event):
            done += 1
    return f"expired {done} charge(s)"


@register_job("parking.alerts_scan", every=timedelta(hours=1))
def alerts_scan_job() -> str:
    """Yesterday's missing-money checks for every regency with parking spots, and the
    cash of the day whose deposit deadline has just passed. Safe to repeat."""
    from kotacerdas.core.models import Regency
    from kotacerdas.core.timeutil import local_date
    from kotacerdas.parking.models import Spot
    from kotacerdas.parking.services.alerts import alerts_scan, deposit_deadline_days

    made = 0
    for regency in Regency.objects.filter(pk__in=Spot.objects.values("regency_id")):
        today = local_date(regency)  # the regency's own yesterday (WIB, WITA or WIT)
        for day in {today - timedelta(days=1), today - timedelta(days=1 + deposit_deadline_days())}:
            made += len(alerts_scan(regency=regency, day=day))
    return f"{made} new alert(s)"
