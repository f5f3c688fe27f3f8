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
