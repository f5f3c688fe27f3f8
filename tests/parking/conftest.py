from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from kotacerdas.core.models import Regency, Role, User
from kotacerdas.parking.models import Attendant, Spot
from kotacerdas.parking.seed import _registry, _tariffs
from kotacerdas.parking.services.attendants import assignment_create, attendant_create
from tests.factories import user_with


@dataclass
class Street:
    regency: Regency
    korlap: User
    jukir: Attendant
    other: Attendant
    spot: Spot  # jukir's spot (direct zone, Taman Kota)
    other_spot: Spot  # other's spot (concession zone, PPM)


def make_attendant(regency: Regency, code: str, spot: Spot, korlap: User | None) -> Attendant:
    user = user_with(Role.JUKIR)
    attendant = attendant_create(
        regency=regency,
        user=user,
        code=code,
        name=f"Jukir {code}",
        nik="6202010101900099",
        coordinator=korlap,
        actor=None,
    )
    assignment_create(attendant=attendant, spot=spot, start_date=date(2026, 1, 1), actor=None)
    return attendant


@pytest.fixture
def street(regency) -> Street:  # type: ignore[no-untyped-def]
    _tariffs(regency)
    _registry(regency)
    korlap = user_with(Role.KORLAP)
    spot = Spot.objects.get(regency=regency, code="TMK-01")
    other_spot = Spot.objects.get(regency=regency, code="PPM-01")
    jukir = make_attendant(regency, "JKR-0101", spot, korlap)
    other = make_attendant(regency, "JKR-0102", other_spot, None)
    return Street(regency, korlap, jukir, other, spot, other_spot)


@pytest.fixture(autouse=True)
def _parking_listens_to_payments() -> None:
    """Other test modules may clear the payment core's handler registry."""
    from kotacerdas.parking import payment_port

    payment_port.subscribe()
