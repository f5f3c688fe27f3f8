"""The rollups kept by triggers equal a full recomputation after any sequence of event
writes: inserts, status moves (including by bulk ``UPDATE``), late payments, moved
timestamps and deletes, across two regencies."""

from __future__ import annotations

import secrets
from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kotacerdas.parking.models import ParkingEvent, RollupDay, Tariff
from kotacerdas.parking.services.events import cash_record
from kotacerdas.parking.services.rollups import (
    recompute_in_python,
    rollups_rebuild,
    stored_rollups,
)

pytestmark = pytest.mark.django_db

BASE = datetime(2026, 3, 2, 0, 0, tzinfo=UTC)

create_op = st.tuples(
    st.just("create"),
    st.integers(0, 2),  # which attendant
    st.sampled_from(["motorcycle", "car"]),
    st.sampled_from(["pending", "paid", "cash", "expired", "cancelled"]),
    st.integers(0, 60 * 60),  # minutes after BASE (about 2.5 days, crosses WIB midnight)
    st.integers(1, 9).map(lambda n: n * 1000),
)
move_op = st.tuples(
    st.just("move"),
    st.integers(0, 50),
    st.sampled_from(["paid", "expired", "cancelled"]),
    st.integers(0, 20000),
)
bulk_op = st.tuples(st.just("bulk_expire"), st.integers(0, 3))
shift_op = st.tuples(st.just("shift"), st.integers(0, 50), st.integers(-600, 600))
delete_op = st.tuples(st.just("delete"), st.integers(0, 50))
ops = st.lists(st.one_of(create_op, move_op, bulk_op, shift_op, delete_op), max_size=25)


def _create(who, vehicle_class: str, status: str, minutes: int, amount: int) -> None:  # type: ignore[no-untyped-def]
    at = BASE + timedelta(minutes=minutes)
    cash = status == "cash"
    event = ParkingEvent.objects.create(
        regency=who.regency,
        attendant=who,
        spot=who.assignments.first().spot,
        vehicle_class=vehicle_class,
        tariff=Tariff.objects.filter(regency=who.regency, vehicle_class=vehicle_class).first(),
        amount=amount,
        channel="cash" if cash else "qris",
        status=status,
        order_id=f"PKR-T-{secrets.token_hex(6)}",
        receipt_token=secrets.token_urlsafe(12),
        business_date=(at + timedelta(hours=7)).date(),
        paid_amount=amount if status in ("paid", "cash") else 0,
    )
    # created_at is set on insert; move it to the generated time (an UPDATE the
    # triggers must follow).
    ParkingEvent.objects.filter(pk=event.pk).update(created_at=at)


def _apply(op: tuple, people: list) -> None:  # type: ignore[type-arg]
    ids = list(ParkingEvent.objects.order_by("pk").values_list("pk", flat=True))
    kind = op[0]
    if kind == "create":
        _, who, vehicle_class, status, minutes, amount = op
        _create(people[who], vehicle_class, status, minutes, amount)
    elif not ids:
        return
    elif kind == "move":
        _, index, to, paid = op
        event = ParkingEvent.objects.get(pk=ids[index % len(ids)])
        if event.channel == "qris" and event.status in ("pending", "expired", "cancelled"):
            event.status = to
            event.paid_amount = paid if to == "paid" else 0
            event.save(update_fields=["status", "paid_amount"])
    elif kind == "bulk_expire":
        ParkingEvent.objects.filter(status="pending", pk__in=ids[op[1] :]).update(status="expired")
    elif kind == "shift":
        _, index, minutes = op
        pk = ids[index % len(ids)]
        event = ParkingEvent.objects.get(pk=pk)
        at = event.created_at + timedelta(minutes=minutes)
        ParkingEvent.objects.filter(pk=pk).update(
            created_at=at, business_date=(at + timedelta(hours=7)).date()
        )
    elif kind == "delete":
        ParkingEvent.objects.filter(pk=ids[op[1] % len(ids)]).delete()


@pytest.fixture
def people(street, kobar):  # type: ignore[no-untyped-def]
    return [street.jukir, street.other, kobar.jukir]


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(sequence=ops)
def test_rollups_equal_full_recomputation(people, sequence) -> None:  # type: ignore[no-untyped-def]
    with transaction.atomic():
        for op in sequence:
            _apply(op, people)
        expected = recompute_in_python()
        assert stored_rollups() == expected
        rollups_rebuild()
        assert stored_rollups() == expected
        transaction.set_rollback(True)


def test_rollups_follow_the_service_and_keep_regencies_apart(street, kobar) -> None:  # type: ignore[no-untyped-def]
    cash_record(attendant=street.jukir, spot=street.spot, vehicle_class="car")
    cash_record(attendant=kobar.jukir, spot=kobar.spot, vehicle_class="car")
    kotim = RollupDay.objects.get(regency=street.regency)
    neighbour = RollupDay.objects.get(regency=kobar.regency)
    assert (kotim.collected, kotim.collected_rp) == (1, 4000)
    assert (neighbour.collected, neighbour.collected_rp) == (1, 3000)
    assert kotim.day == neighbour.day and isinstance(kotim.day, date)
