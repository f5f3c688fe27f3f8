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
    user = user_with(Role.JUKIR, regency=regency)
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


@dataclass
class Neighbour:
    """A second regency with one zone, spot and attendant, to prove scoping."""

    regency: Regency
    jukir: Attendant
    spot: Spot


@pytest.fixture
def kobar(regency) -> Neighbour:  # type: ignore[no-untyped-def]
    from decimal import Decimal

    from kotacerdas.core.models import Kecamatan
    from kotacerdas.parking.models import OperatingModel, Tariff, VehicleClass, Zone

    other = Regency.objects.create(
        code="6201",
        name="Kabupaten Kotawaringin Barat",
        short_name="Kobar",
        capital="Pangkalan Bun",
        jurisdiction_id="kobar.example.go.id",
        centre_lat=Decimal("-2.68"),
        centre_lon=Decimal("111.62"),
    )
    kecamatan = Kecamatan.objects.create(regency=other, code="620101", name="Arut Selatan")
    zone = Zone.objects.create(
        regency=other,
        code="PBN",
        name="Jl. Pangeran Antasari",
        kecamatan=kecamatan,
        operating_model=OperatingModel.DIRECT,
    )
    spot = Spot.objects.create(
        regency=other,
        zone=zone,
        code="PBN-01",
        name="Pasar Indra Sari",
        street="Jl. Pangeran Antasari",
        lat=Decimal("-2.68"),
        lon=Decimal("111.62"),
    )
    for vehicle_class, amount in ((VehicleClass.MOTORCYCLE, 2000), (VehicleClass.CAR, 3000)):
        Tariff.objects.create(
            regency=other,
            vehicle_class=vehicle_class,
            amount=amount,
            effective_from=date(2020, 1, 1),
            legal_reference="Perda Kobar (contoh)",
        )
    jukir = make_attendant(other, "JKR-0101", spot, None)
    return Neighbour(other, jukir, spot)
