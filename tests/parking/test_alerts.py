"""Every missing-money alert kind on fixture data built from real events (the rollups
follow by trigger), no alert on a normal week, and the Dishub queue."""

from __future__ import annotations

import secrets
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from kotacerdas.core.models import OPD, AuditLog, Role
from kotacerdas.parking.errors import ParkingError
from kotacerdas.parking.models import AlertNote, AlertStatus, LeakageAlert, ParkingEvent, Tariff
from kotacerdas.parking.services.alerts import alert_move, alerts_scan
from kotacerdas.parking.services.money import deposit_record
from tests.factories import user_with

pytestmark = pytest.mark.django_db
WIB = ZoneInfo("Asia/Jakarta")
DAY = date(2026, 3, 30)  # a Monday
HISTORY = [DAY - timedelta(weeks=k) for k in range(1, 9)]
LATER = datetime(2026, 4, 3, 12, tzinfo=WIB)  # well past the deposit deadline


def add(who, spot, day: date, hour: int, n: int, *, channel: str, status: str) -> None:  # type: ignore[no-untyped-def]
    if n <= 0:
        return
    tariff = Tariff.objects.filter(regency=who.regency, vehicle_class="motorcycle").first()
    collected = status in ("paid", "cash")
    made = ParkingEvent.objects.bulk_create(
        [
            ParkingEvent(
                regency=who.regency,
                attendant=who,
                spot=spot,
                vehicle_class="motorcycle",
                tariff=tariff,
                amount=2000,
                channel=channel,
                status=status,
                order_id=f"PKR-T-{secrets.token_hex(6)}",
                receipt_token=secrets.token_urlsafe(12),
                business_date=day,
                paid_amount=2000 if collected else 0,
            )
            for _ in range(n)
        ]
    )
    at = datetime(day.year, day.month, day.day, hour, 20, tzinfo=WIB)
    ParkingEvent.objects.filter(pk__in=[e.pk for e in made]).update(created_at=at)


def normal_day(street, day: date, *, skip_hours: range = range(0), per_hour: int = 3) -> None:  # type: ignore[no-untyped-def]
    for hour in range(7, 21):
        if hour in skip_hours:
            continue
        add(street.jukir, street.spot, day, hour, per_hour, channel="cash", status="cash")
        add(street.jukir, street.spot, day, hour, per_hour, channel="qris", status="paid")


@pytest.fixture
def history(street):  # type: ignore[no-untyped-def]
    for day in HISTORY:
        normal_day(street, day)
    return street


def kinds(found: list[LeakageAlert]) -> list[str]:
    return sorted(a.kind for a in found)


def deposit_all(street, day: date) -> None:  # type: ignore[no-untyped-def]
    deposit_record(
        recorded_by=street.korlap, attendant=street.jukir, business_date=day, deposited_amount=84000
    )


def test_no_alert_on_a_normal_week(history, kobar) -> None:  # type: ignore[no-untyped-def]
    normal_day(history, DAY)
    deposit_all(history, DAY)
    assert alerts_scan(regency=history.regency, day=DAY, now=LATER) == []
    assert alerts_scan(regency=kobar.regency, day=DAY, now=LATER) == []


def test_zero_transactions_while_on_duty(history) -> None:  # type: ignore[no-untyped-def]
    normal_day(history, DAY, skip_hours=range(10, 15))
    found = alerts_scan(regency=history.regency, day=DAY, now=LATER)
    assert "zero_on_duty" in kinds(found)
    alert = next(a for a in found if a.kind == "zero_on_duty")
    assert (alert.hour_from, alert.hour_to, alert.expected) == (10, 15, 30)
    assert alert.attendant == history.jukir and alert.spot == history.spot
    # running the scan again changes nothing
    assert alerts_scan(regency=history.regency, day=DAY, now=LATER) == []
    assert LeakageAlert.objects.filter(kind="zero_on_duty").count() == 1


def test_unusually_low_day(history) -> None:  # type: ignore[no-untyped-def]
    normal_day(history, DAY, per_hour=0)
    for hour in range(7, 21):
        add(history.jukir, history.spot, DAY, hour, 1, channel="qris", status="paid")
    deposit_all(history, DAY)
    assert kinds(alerts_scan(regency=history.regency, day=DAY, now=LATER)) == ["low_on_duty"]


def test_cashless_share_falls(history) -> None:  # type: ignore[no-untyped-def]
    for hour in range(7, 21):
        add(history.jukir, history.spot, DAY, hour, 6, channel="cash", status="cash")
    deposit_record(
        recorded_by=history.korlap,
        attendant=history.jukir,
        business_date=DAY,
        deposited_amount=168000,
    )
    found = alerts_scan(regency=history.regency, day=DAY, now=LATER)
    assert kinds(found) == ["cashless_drop"]
    assert (found[0].observed, found[0].expected) == (0, 50)


def test_many_charges_never_paid(history) -> None:  # type: ignore[no-untyped-def]
    normal_day(history, DAY)
    deposit_all(history, DAY)
    for hour in range(8, 13):
        add(history.jukir, history.spot, DAY, hour, 5, channel="qris", status="expired")
    add(history.jukir, history.spot, DAY, 15, 2, channel="qris", status="cancelled")
    found = alerts_scan(regency=history.regency, day=DAY, now=LATER)
    assert kinds(found) == ["unpaid_charges"]
    assert found[0].observed == 27 and found[0].attendant == history.jukir


def test_cash_not_deposited_by_the_deadline(history) -> None:  # type: ignore[no-untyped-def]
    normal_day(history, DAY)
    before_deadline = datetime(2026, 3, 31, 20, tzinfo=WIB)
    assert alerts_scan(regency=history.regency, day=DAY, now=before_deadline) == []
    deposit_record(
        recorded_by=history.korlap,
        attendant=history.jukir,
        business_date=DAY,
        deposited_amount=50000,
    )
    found = alerts_scan(regency=history.regency, day=DAY, now=LATER)
    assert kinds(found) == ["cash_not_deposited"]
    assert (found[0].observed, found[0].expected) == (50000, 84000)


def test_qris_payments_outside_the_assignment(history) -> None:  # type: ignore[no-untyped-def]
    normal_day(history, DAY)
    deposit_all(history, DAY)
    # the jukir's QRIS money recorded at a spot they are not assigned to, and at night
    add(history.jukir, history.other_spot, DAY, 11, 2, channel="qris", status="paid")
    add(history.jukir, history.spot, DAY, 23, 1, channel="qris", status="paid")
    found = alerts_scan(regency=history.regency, day=DAY, now=LATER)
    assert kinds(found) == ["outside_assignment", "outside_assignment"]
    by_spot = {a.spot.code: a for a in found}
    assert by_spot["PPM-01"].observed == 2 and (
        by_spot["TMK-01"].hour_from,
        by_spot["TMK-01"].hour_to,
    ) == (23, 24)


def test_dishub_queue_moves_with_audited_notes(history) -> None:  # type: ignore[no-untyped-def]
    normal_day(history, DAY, skip_hours=range(9, 21))
    deposit_all(history, DAY)
    (alert,) = alerts_scan(regency=history.regency, day=DAY, now=LATER)
    dishub = user_with(Role.OFFICER)
    bapenda = user_with(Role.OFFICER, opd=OPD.objects.get(code="bapenda"))
    client = Client()
    client.force_login(dishub)
    page = client.get("/parking/peringatan/").content.decode()
    assert "Bertugas tanpa transaksi" in page and "TMK-01" in page
    detail = client.get(f"/parking/peringatan/{alert.pk}/").content.decode()
    assert 'id="p-evidence"' in detail and "<svg" in detail
    empty = client.post(
        f"/parking/peringatan/{alert.pk}/", {"status": "checked", "note": " "}, follow=True
    )
    assert "wajib" in empty.content.decode()
    client.post(f"/parking/peringatan/{alert.pk}/", {"status": "checked", "note": "cek lapangan"})
    client.post(
        f"/parking/peringatan/{alert.pk}/",
        {
            "status": "action_taken",
            "note": "teguran lisan",
            "evidence_url": "https://contoh.go.id/bap",
        },
    )
    alert.refresh_from_db()
    assert alert.status == AlertStatus.ACTION_TAKEN
    assert list(AlertNote.objects.values_list("to_status", flat=True)) == [
        "checked",
        "action_taken",
    ]
    assert AuditLog.objects.filter(action="parking.alert.move").count() == 2
    with pytest.raises(ParkingError):
        alert_move(alert=alert, actor=dishub, to="open", note="buka lagi")
    with pytest.raises(ParkingError):
        alert_move(alert=alert, actor=bapenda, to="explained", note="x")
    korlap = Client()
    korlap.force_login(history.korlap)
    assert korlap.get(f"/parking/peringatan/{alert.pk}/").status_code == 403


def test_alerts_of_another_regency_are_not_reachable(history, kobar) -> None:  # type: ignore[no-untyped-def]
    normal_day(history, DAY, skip_hours=range(9, 21))
    (alert,) = alerts_scan(
        regency=history.regency, day=DAY, now=datetime(2026, 3, 31, 8, tzinfo=WIB)
    )
    opd = OPD.objects.create(
        regency=kobar.regency,
        code="dishub",
        name="Dinas Perhubungan",
        short_name="Dishub",
        kind="dinas",
    )
    neighbour = user_with(Role.OFFICER, regency=kobar.regency, opd=opd)
    client = Client()
    client.force_login(neighbour)
    assert client.get(f"/parking/peringatan/{alert.pk}/").status_code in (403, 404)
