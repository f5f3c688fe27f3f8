"""Objects the access matrix needs for parking URLs, created on demand in the test's
database. The matrix's jukir and korlap users have no attendant record of their own,
so role checks (not data scoping) decide what they see."""

from __future__ import annotations

from datetime import date
from typing import Any

from kotacerdas.core.tenancy import default_regency
from kotacerdas.parking.models import AlertKind, Attendant, LeakageAlert, ParkingEvent, Spot
from kotacerdas.parking.seed import _registry, _tariffs
from kotacerdas.parking.services.attendants import assignment_create, attendant_create
from kotacerdas.parking.services.events import cash_record
from tests.factories import user_with


def attendant() -> Attendant:
    regency = default_regency()
    found = Attendant.objects.filter(regency=regency, code="JKR-9001").first()
    if found:
        return found
    _tariffs(regency)
    _registry(regency)
    from kotacerdas.core.models import Role

    made = attendant_create(
        regency=regency, user=user_with(Role.JUKIR), code="JKR-9001", name="Matriks", actor=None
    )
    assignment_create(
        attendant=made,
        spot=Spot.objects.get(regency=regency, code="TMK-01"),
        start_date=date(2026, 1, 1),
        actor=None,
    )
    return made


def cash_event() -> ParkingEvent:
    who = attendant()
    found = ParkingEvent.objects.filter(attendant=who).first()
    return found or cash_record(attendant=who, spot=who.assignments.get().spot, vehicle_class="car")


def alert() -> LeakageAlert:
    who = attendant()
    found, _ = LeakageAlert.objects.get_or_create(
        regency=who.regency,
        kind=AlertKind.CASH_NOT_DEPOSITED,
        day=date(2026, 1, 5),
        spot=None,
        attendant=who,
        defaults={"observed": 0, "expected": 4000},
    )
    return found


def cash_event_of(user: Any) -> ParkingEvent:
    """A cash event of ``user``'s own attendant record, made for them when they are an
    attendant without one (the matrix's jukir), else the shared matrix event."""
    from kotacerdas.core.models import Role
    from kotacerdas.core.selectors import user_roles

    roles = user_roles(user)
    if not roles & {Role.JUKIR, Role.KORLAP}:
        return cash_event()
    regency = default_regency()
    shared = attendant()
    if Role.JUKIR in roles:
        own = Attendant.objects.filter(user=user).first() or attendant_create(
            regency=regency, user=user, code=f"JKR-{8000 + user.pk}", name="Matriks", actor=None
        )
    else:  # a coordinator reads the charges of their team
        own = Attendant.objects.filter(coordinator=user).first() or attendant_create(
            regency=regency,
            user=user_with(Role.JUKIR),
            code=f"JKR-{8000 + user.pk}",
            name="Tim Matriks",
            coordinator=user,
            actor=None,
        )
    if not own.assignments.exists():
        assignment_create(
            attendant=own,
            spot=shared.assignments.get().spot,
            start_date=date(2026, 1, 1),
            actor=None,
        )
    return cash_record(attendant=own, spot=own.assignments.get().spot, vehicle_class="car")
