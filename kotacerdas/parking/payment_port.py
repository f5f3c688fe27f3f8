"""The parking side of the payment core: the only module here that talks to
``kotacerdas.payments``. Parking never writes payment rows; it opens a charge for an
event (same order id, owner ``parking.event``), asks for expiry, and hears about
outcomes through the payment core's after-commit notices."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kotacerdas.parking.models import EventStatus, ParkingEvent

if TYPE_CHECKING:
    from kotacerdas.payments.events import ChargeNotice

OWNER_TYPE = "parking.event"
log = logging.getLogger("kotacerdas.parking.payments")


class PaymentUnavailable(Exception):
    """The gateway could not be reached or refused the charge."""


@dataclass(frozen=True)
class OpenedCharge:
    qr_string: str


def open_charge(event: ParkingEvent) -> OpenedCharge:
    from kotacerdas.payments.services.charges import ChargeGatewayError, charge_create

    try:
        charge = charge_create(
            regency=event.regency,
            order_id=event.order_id,
            amount=event.amount,
            owner_type=OWNER_TYPE,
            owner_id=str(event.pk),
            expires_at=event.expires_at,
            description=f"Parkir {event.spot.code} {event.vehicle_class}",
            actor=event.attendant.user,
        )
    except ChargeGatewayError as exc:
        raise PaymentUnavailable(str(exc)) from exc
    return OpenedCharge(qr_string=charge.qr_string)


def expire(event: ParkingEvent) -> bool:
    """Expire the event's charge at the gateway. True when the charge is now closed
    without money; False when the gateway says it was paid after all (the paid notice
    then updates the event) or could not be reached (the job tries again)."""
    from kotacerdas.payments.providers.base import ProviderError
    from kotacerdas.payments.selectors import charge_get
    from kotacerdas.payments.services.charges import charge_expire

    charge = charge_get(regency=event.regency, order_id=event.order_id)
    if charge is None:
        return True  # the gateway was never reached: nothing to cancel
    try:
        charge = charge_expire(charge=charge)
    except ProviderError as exc:
        log.warning("could not expire %s at the gateway: %s", event.order_id, exc)
        return False
    return charge.status in ("expired", "cancelled")


def _event_id(notice: ChargeNotice) -> int | None:
    return int(notice.owner_id) if notice.owner_id.isdigit() else None


def _current(event_id: int | None) -> str | None:
    if event_id is None:
        return None
    return ParkingEvent.objects.filter(pk=event_id).values_list("status", flat=True).first()


def _on_paid(notice: ChargeNotice) -> None:
    from kotacerdas.parking.services.events import event_transition

    event_id = _event_id(notice)
    if event_id is not None and _current(event_id) is not None:
        event_transition(
            event_id=event_id,
            to=EventStatus.PAID,
            paid_amount=notice.paid_amount,
            paid_at=notice.paid_at,
            flags=list(notice.flags),
            reason="payment notice",
        )


def _close(notice: ChargeNotice, to: EventStatus) -> None:
    from kotacerdas.parking.services.events import event_transition

    event_id = _event_id(notice)
    if event_id is not None and _current(event_id) == EventStatus.PENDING:
        event_transition(event_id=event_id, to=to, reason="payment notice")


def _on_expired(notice: ChargeNotice) -> None:
    _close(notice, EventStatus.EXPIRED)


def _on_cancelled(notice: ChargeNotice) -> None:
    _close(notice, EventStatus.CANCELLED)


def _on_flagged(notice: ChargeNotice) -> None:
    from kotacerdas.parking.services.events import event_transition

    event_id = _event_id(notice)
    current = _current(event_id)
    if event_id is not None and current is not None:
        event_transition(
            event_id=event_id,
            to=EventStatus(current),
            flags=list(notice.flags),
            reason="payment flag",
        )


def subscribe() -> None:
    """Idempotent: the payment core ignores a handler it already has."""
    from kotacerdas.payments import events

    events.on_charge_paid(OWNER_TYPE, _on_paid)
    events.on_charge_expired(OWNER_TYPE, _on_expired)
    events.on_charge_cancelled(OWNER_TYPE, _on_cancelled)
    events.on_charge_flagged(OWNER_TYPE, _on_flagged)
