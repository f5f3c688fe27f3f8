from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from kotacerdas.core.models import AuditLog, Role
from kotacerdas.parking.errors import NoTariffForClass, NotAssigned, ParkingError
from kotacerdas.parking.models import CashDeposit, Channel, EventStatus, ParkingEvent, Tariff
from kotacerdas.parking.selectors import cash_expected, day_shares, day_summary
from kotacerdas.parking.services.attendants import attendant_deactivate, mask_nik
from kotacerdas.parking.services.events import (
    InvalidTransition,
    cash_record,
    charge_create,
    event_transition,
    normalise_plate,
)
from kotacerdas.parking.services.money import DepositRefused, deposit_record, instalment_pay
from tests.factories import user_with

pytestmark = pytest.mark.django_db


def test_cash_uses_the_tariff_in_force_and_is_audited(street) -> None:  # type: ignore[no-untyped-def]
    event = cash_record(
        attendant=street.jukir, spot=street.spot, vehicle_class="car", plate="kh 1234 ab"
    )
    assert (event.amount, event.paid_amount, event.status, event.channel) == (
        4000,
        4000,
        "cash",
        "cash",
    )
    assert event.plate == "KH 1234 AB"
    assert event.business_date == timezone.localdate()
    assert AuditLog.objects.filter(action="parking.cash.record", object_id=str(event.pk)).exists()


def test_a_tariff_change_never_alters_past_events(street) -> None:  # type: ignore[no-untyped-def]
    event = cash_record(attendant=street.jukir, spot=street.spot, vehicle_class="motorcycle")
    Tariff.objects.create(
        regency=street.regency,
        vehicle_class="motorcycle",
        amount=3000,
        effective_from=timezone.localdate(),
        legal_reference="Perda PDRD baru (uji)",
    )
    later = cash_record(attendant=street.jukir, spot=street.spot, vehicle_class="motorcycle")
    event.refresh_from_db()
    assert (event.amount, later.amount) == (2000, 3000)


def test_attendant_cannot_record_on_another_spot(street) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotAssigned):
        cash_record(attendant=street.jukir, spot=street.other_spot, vehicle_class="motorcycle")
    with pytest.raises(NotAssigned):
        charge_create(attendant=street.jukir, spot=street.other_spot, vehicle_class="motorcycle")
    assert not ParkingEvent.objects.exists()


def test_deactivated_attendant_cannot_record(street) -> None:  # type: ignore[no-untyped-def]
    attendant_deactivate(attendant=street.jukir, reason="uji", actor=None)
    with pytest.raises(NotAssigned):
        cash_record(attendant=street.jukir, spot=street.spot, vehicle_class="motorcycle")
    street.jukir.refresh_from_db()
    assert street.jukir.assignments.get().end_date == timezone.localdate()


def test_expired_assignment_stops_recording(street) -> None:  # type: ignore[no-untyped-def]
    street.jukir.assignments.update(end_date=timezone.localdate() - timedelta(days=1))
    with pytest.raises(NotAssigned):
        cash_record(attendant=street.jukir, spot=street.spot, vehicle_class="motorcycle")


def test_unknown_class_and_bad_plate_are_refused(street) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NoTariffForClass):
        cash_record(attendant=street.jukir, spot=street.spot, vehicle_class="tank")
    with pytest.raises(ValueError, match="nomor polisi"):
        cash_record(attendant=street.jukir, spot=street.spot, vehicle_class="car", plate="12345678")


def test_same_client_ref_returns_the_same_event(street) -> None:  # type: ignore[no-untyped-def]
    first = cash_record(
        attendant=street.jukir, spot=street.spot, vehicle_class="motorcycle", client_ref="abc"
    )
    again = cash_record(
        attendant=street.jukir, spot=street.spot, vehicle_class="motorcycle", client_ref="abc"
    )
    assert first.pk == again.pk
    assert ParkingEvent.objects.count() == 1


@pytest.mark.parametrize(
    ("plate", "normal"),
    [("kh1234ab", "KH 1234 AB"), ("B 1 X", "B 1 X"), ("", ""), (" KH  77 ", "KH 77")],
)
def test_plate_normalisation(plate: str, normal: str) -> None:
    assert normalise_plate(plate) == normal


def test_nik_is_masked_and_validated() -> None:
    assert mask_nik("6202010101900001") == "6202********0001"
    with pytest.raises(ValueError):
        mask_nik("62020101")


def _pending(street, **extra) -> ParkingEvent:  # type: ignore[no-untyped-def]
    from kotacerdas.parking.selectors import tariff_for

    tariff = tariff_for(street.spot, "motorcycle", timezone.localdate())
    return ParkingEvent.objects.create(
        regency=street.regency,
        attendant=street.jukir,
        spot=street.spot,
        vehicle_class="motorcycle",
        tariff=tariff,
        amount=tariff.amount,
        channel=Channel.QRIS,
        status=EventStatus.PENDING,
        order_id=f"T-{ParkingEvent.objects.count()}",
        receipt_token=f"tok{ParkingEvent.objects.count()}",
        business_date=timezone.localdate(),
        expires_at=timezone.now() + timedelta(minutes=15),
        **extra,
    )


def test_transitions_move_forward_only(street) -> None:  # type: ignore[no-untyped-def]
    event = _pending(street)
    paid = event_transition(
        event_id=event.pk, to=EventStatus.PAID, paid_amount=2000, paid_at=timezone.now()
    )
    assert paid.status == "paid" and paid.paid_amount == 2000
    again = event_transition(event_id=event.pk, to=EventStatus.PAID, paid_amount=2000)
    assert again.status == "paid"
    with pytest.raises(InvalidTransition):
        event_transition(event_id=event.pk, to=EventStatus.EXPIRED)
    with pytest.raises(InvalidTransition):
        event_transition(event_id=event.pk, to=EventStatus.PENDING)
    assert ParkingEvent.objects.get(pk=event.pk).status == "paid"


def test_late_payment_after_expiry_is_kept_and_flagged(street) -> None:  # type: ignore[no-untyped-def]
    event = _pending(street)
    event_transition(event_id=event.pk, to=EventStatus.EXPIRED)
    late = event_transition(
        event_id=event.pk, to=EventStatus.PAID, paid_amount=2000, paid_at=timezone.now()
    )
    assert late.status == "paid" and late.paid_amount == 2000
    assert "late_payment" in late.flags
    summary = day_summary(ParkingEvent.objects.all(), timezone.localdate())
    assert summary.cashless_total == 2000


def test_summary_and_shares_from_collected_money(street) -> None:  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    cash_record(
        attendant=street.jukir, spot=street.spot, vehicle_class="motorcycle"
    )  # direct zone, cash 70/30
    cash_record(
        attendant=street.other, spot=street.other_spot, vehicle_class="car"
    )  # concession, cash 0/30/70
    paid = _pending(street)
    event_transition(
        event_id=paid.pk, to=EventStatus.PAID, paid_amount=2000, paid_at=timezone.now()
    )
    _pending(street)  # still pending: not counted as money
    summary = day_summary(ParkingEvent.objects.all(), today)
    assert (summary.count, summary.total, summary.cash_total, summary.cashless_total) == (
        3,
        8000,
        6000,
        2000,
    )
    assert summary.by_class == {
        "motorcycle": {"count": 2, "total": 4000},
        "car": {"count": 1, "total": 4000},
    }
    assert summary.pending_count == 1
    assert summary.cashless_share == 25.0
    shares = day_shares(ParkingEvent.objects.all(), street.regency, today)
    # direct cash 2000 → 1400/600; direct QRIS 2000 → 1200/800; concession cash 4000 → 0/1200/2800
    assert shares["totals"] == {"regency": 2600, "attendant": 2600, "pengelola": 2800}
    assert shares["per_attendant"] == {"JKR-0101": 1400, "JKR-0102": 1200}
    assert sum(shares["totals"].values()) == summary.total


def test_deposit_discrepancy_by_the_coordinator(street) -> None:  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    for vehicle_class in ("motorcycle", "motorcycle", "car"):
        cash_record(attendant=street.jukir, spot=street.spot, vehicle_class=vehicle_class)
    assert cash_expected(street.jukir, today) == 8000
    deposit = deposit_record(
        recorded_by=street.korlap,
        attendant=street.jukir,
        business_date=today,
        deposited_amount=6000,
    )
    assert (deposit.expected_amount, deposit.deposited_amount, deposit.discrepancy) == (
        8000,
        6000,
        -2000,
    )
    assert AuditLog.objects.get(action="parking.deposit.record").after["discrepancy"] == -2000
    # A second hand-over the same day is a second row, not an error.
    deposit_record(
        recorded_by=street.korlap,
        attendant=street.jukir,
        business_date=today,
        deposited_amount=2000,
    )
    assert CashDeposit.objects.filter(attendant=street.jukir, business_date=today).count() == 2


def test_only_the_coordinator_or_dishub_records_deposits(street) -> None:  # type: ignore[no-untyped-def]
    other_korlap = user_with(Role.KORLAP)
    with pytest.raises(DepositRefused):
        deposit_record(
            recorded_by=other_korlap,
            attendant=street.jukir,
            business_date=date.today(),
            deposited_amount=0,
        )
    with pytest.raises(DepositRefused):
        deposit_record(
            recorded_by=user_with(Role.AUDITOR),
            attendant=street.jukir,
            business_date=date.today(),
            deposited_amount=0,
        )
    with pytest.raises(ParkingError):
        deposit_record(
            recorded_by=street.korlap,
            attendant=street.jukir,
            business_date=date.today(),
            deposited_amount=-5,
        )


def test_concession_arrears(street) -> None:  # type: ignore[no-untyped-def]
    from kotacerdas.parking.models import ConcessionInstalment
    from kotacerdas.parking.selectors import concession_arrears

    today = timezone.localdate()
    for back, instalment in enumerate(ConcessionInstalment.objects.order_by("due_date"), start=1):
        instalment.due_date = today - timedelta(days=back)
        instalment.paid_amount, instalment.paid_at = 0, None
        instalment.save()
    rows = concession_arrears(street.regency, today)
    assert len(rows) == 1 and rows[0]["arrears"] == 90_000_000
    first = ConcessionInstalment.objects.order_by("pk").first()
    assert first is not None
    instalment_pay(
        instalment=first, amount=10_000_000, paid_on=today, reference="STS-1", actor=street.korlap
    )
    assert concession_arrears(street.regency, today)[0]["arrears"] == 80_000_000
    with pytest.raises(ParkingError, match="melebihi"):
        instalment_pay(
            instalment=first,
            amount=6_000_000,
            paid_on=today,
            reference="STS-2",
            actor=street.korlap,
        )


def test_officers_outside_the_levy_agencies_cannot_record_deposits(street) -> None:  # type: ignore[no-untyped-def]
    from kotacerdas.core.models import OPD

    dlh = user_with(Role.OFFICER, opd=OPD.objects.get(code="dlh"))
    with pytest.raises(DepositRefused):
        deposit_record(
            recorded_by=dlh, attendant=street.jukir, business_date=date.today(), deposited_amount=0
        )
    dishub = user_with(Role.OFFICER, opd=OPD.objects.get(code="dishub"))
    deposit = deposit_record(
        recorded_by=dishub, attendant=street.jukir, business_date=date.today(), deposited_amount=0
    )
    assert deposit.expected_amount == 0


def test_seeded_event_tariff_applies_only_at_taman_kota_during_the_event(street) -> None:  # type: ignore[no-untyped-def]
    from kotacerdas.parking.selectors import spot_tariffs

    during, after = date(2027, 1, 7), date(2027, 1, 10)
    assert spot_tariffs(street.spot, during)["motorcycle"] == 3000  # TMK-01
    assert spot_tariffs(street.spot, after)["motorcycle"] == 2000
    assert spot_tariffs(street.other_spot, during)["motorcycle"] == 2000  # PPM-01
