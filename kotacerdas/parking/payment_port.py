"""The parking side of the payment core: the only module here that talks to
``kotacerdas.payments``. Parking never touches payment rows; it opens a charge for an
event (same order id), asks for expiry, and hears about outcomes through callbacks."""

from __future__ import annotations

from dataclasses import dataclass

from kotacerdas.parking.models import ParkingEvent


class PaymentUnavailable(Exception):
    """The gateway could not be reached or refused the charge."""


@dataclass(frozen=True)
class OpenedCharge:
    qr_string: str


def open_charge(event: ParkingEvent) -> OpenedCharge:
    raise PaymentUnavailable("payment core not wired yet")


def subscribe() -> None:
    return None
