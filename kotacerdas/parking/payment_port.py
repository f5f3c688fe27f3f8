"""The parking side of the payment core: the only module here that talks to
``kotacerdas.payments``. Parking never writes payment rows; it opens a charge for an
event (same order id, owner ``parking.event``), asks for expiry, and hears about
outcomes through the payment core's durable notices. The event's payment status is a
projection of the charge (``services.payment_status``); this module does not import
``services.events``, so the two do not depend on each other in a cycle."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kotacerdas.parking.models import Channel, EventStatus, ParkingEvent
from kotacerdas.parking.services.payment_status import event_project

if TYPE_CHECKING:
    from kotacerdas.payments.events import ChargeNotice, OwnerView

OWNER_TYPE = "parking.event"
log = logging.getLogger("kotacerdas.parking.payments")


class PaymentUnavailable(Exception):
    """The gateway could not be reached or refused the charge."""


class PaymentInProgress(Exception):
    """Another request is asking the gateway for this event's QR right now."""


class PaymentRefused(Exception):
    """The payment core refused the charge itself (order id taken by another payable,
    amount or order id invalid): not a gateway problem, and not retryable."""


@dataclass(frozen=True)
class OpenedCharge:
    qr_string: str


def open_charge(event: ParkingEvent) -> OpenedCharge:
    from kotacerdas.payments.services.charges import (
        ChargeConflict,
        ChargeGatewayError,
        ChargeInProgress,
        ChargeInvalid,
        charge_create,
    )

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
    except ChargeInProgress as exc:
        raise PaymentInProgress(str(exc)) from exc
    except (ChargeConflict, ChargeInvalid) as exc:
        raise PaymentRefused(str(exc)) from exc
    return OpenedCharge(qr_string=charge.qr_string)


def expire(event: ParkingEvent) -> bool:
    """Expire the event's charge at the gateway and project the outcome onto the event.
    True when the event is now closed without money; False when the gateway says it was
    paid after all (the event then shows paid) or could not be reached (the job tries
    again)."""
    from kotacerdas.payments.providers.base import ProviderError
    from kotacerdas.payments.selectors import charge_get
    from kotacerdas.payments.services.charges import charge_expire

    charge = charge_get(regency=event.regency, order_id=event.order_id)
    if charge is None:
        # The gateway was never reached: nothing to cancel, the event closes locally.
        event_project(
            event_id=event.pk, status=EventStatus.EXPIRED, paid_amount=0, paid_at=None, reason="ttl"
        )
        return True
    try:
        charge = charge_expire(charge=charge)
    except ProviderError as exc:
        log.warning("could not expire %s at the gateway: %s", event.order_id, exc)
        return False
    event_project(
        event_id=event.pk,
        status=charge.status,
        paid_amount=charge.paid_amount,
        paid_at=charge.paid_at,
        reason="ttl",
    )
    return charge.status in ("expired", "cancelled")


def _project(notice: ChargeNotice) -> None:
    """Every notice kind does the same idempotent thing: copy the charge's state."""
    if not notice.owner_id.isdigit():
        return
    event_project(
        event_id=int(notice.owner_id),
        status=notice.status,
        paid_amount=notice.paid_amount,
        paid_at=notice.paid_at,
        flags=notice.flags,
        reason=f"payment notice ({notice.kind})",
    )


def read_owners(regency_id: int, owner_ids: Iterable[str]) -> dict[str, OwnerView]:
    """For the payment core's owner check: what the events show."""
    from kotacerdas.payments.events import OwnerView

    ids = [int(i) for i in owner_ids if i.isdigit()]
    rows = ParkingEvent.objects.filter(
        regency_id=regency_id, pk__in=ids, channel=Channel.QRIS
    ).values_list("pk", "status", "paid_amount")
    return {str(pk): OwnerView(status=status, paid_amount=paid) for pk, status, paid in rows}


def subscribe() -> None:
    """Idempotent: the payment core ignores a handler it already has."""
    from kotacerdas.payments import events

    events.on_charge_paid(OWNER_TYPE, _project)
    events.on_charge_expired(OWNER_TYPE, _project)
    events.on_charge_cancelled(OWNER_TYPE, _project)
    events.on_charge_flagged(OWNER_TYPE, _project)
    events.on_owner_read(OWNER_TYPE, read_owners)
