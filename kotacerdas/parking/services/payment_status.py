"""A QRIS parking event's payment status is a projection of its charge in the payment
core: the charge has the one state machine, this module copies its status, paid
amount, paid time and flags onto the event. Copies are idempotent (a repeated or late
notice changes nothing) and never move an event back to ``pending``."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.db import transaction

from kotacerdas.core.services.audit import audit_record
from kotacerdas.parking.models import Channel, EventStatus, ParkingEvent

CLOSED = (EventStatus.EXPIRED, EventStatus.CANCELLED)


def event_project(
    *,
    event_id: int,
    status: str,
    paid_amount: int,
    paid_at: datetime | None,
    flags: Iterable[str] = (),
    reason: str = "payment notice",
) -> ParkingEvent | None:
    """Make the event show what its charge shows. None when there is no such QRIS event."""
    with transaction.atomic():
        event = (
            ParkingEvent.objects.select_for_update()
            .filter(pk=event_id, channel=Channel.QRIS)
            .first()
        )
        if event is None:
            return None
        new_flags = sorted(set(event.flags) | {str(f) for f in flags})
        to = EventStatus(status) if status in EventStatus.values else EventStatus(event.status)
        if to == EventStatus.PENDING or to == EventStatus.CASH:
            to = EventStatus(event.status)  # a projection never re-opens an event
        if to == EventStatus.PAID and event.status in CLOSED:
            new_flags = sorted(set(new_flags) | {"late_payment"})
        if to != EventStatus.PAID:
            paid_amount, paid_at = event.paid_amount, event.paid_at
        before = {
            "status": event.status,
            "paid_amount": event.paid_amount,
            "paid_at": event.paid_at.isoformat() if event.paid_at else None,
            "flags": event.flags,
        }
        after = {
            "status": str(to),
            "paid_amount": paid_amount,
            "paid_at": paid_at.isoformat() if paid_at else None,
            "flags": new_flags,
        }
        if before == after:
            return event
        event.status = to
        event.paid_amount = paid_amount
        event.paid_at = paid_at
        event.flags = new_flags
        event.save(update_fields=["status", "paid_amount", "paid_at", "flags"])
        audit_record(
            regency=event.regency,
            actor=None,
            action=f"parking.event.{to}",
            obj=event,
            before=before,
            after={**after, "reason": reason},
            actor_label="payments",
        )
        return event
