"""Cash deposits: bounded input on the page, several hand-overs a day, and corrections
as signed entries approved by Dishub."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from kotacerdas.core.models import OPD, AuditLog, Role
from kotacerdas.parking.errors import ParkingError
from kotacerdas.parking.inputs import InputRefused, parse_rupiah, parse_signed_rupiah
from kotacerdas.parking.models import CashDeposit, CorrectionStatus, DepositCorrection
from kotacerdas.parking.selectors import deposit_day_rows
from kotacerdas.parking.services.events import cash_record
from kotacerdas.parking.services.money import (
    DepositRefused,
    correction_decide,
    correction_request,
    deposit_record,
)
from tests.factories import user_with

pytestmark = pytest.mark.django_db


def as_user(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("text", "value"),
    [("10000", 10000), ("10.000", 10000), ("Rp10.000", 10000), ("rp 1.250.000", 1250000)],
)
def test_rupiah_is_typed_with_or_without_thousands_dots(text: str, value: int) -> None:
    assert parse_rupiah(text, maximum=5_000_000) == value


@pytest.mark.parametrize(
    "text",
    ["", "3,5", "10.00", "1e5", "١٠٠٠", "10\x000", "-5", "123456789012345678901", "Rp"],
)
def test_bad_rupiah_is_refused_with_a_message(text: str) -> None:
    with pytest.raises(InputRefused) as refused:
        parse_rupiah(text, maximum=10**15)
    assert str(refused.value)


@given(st.text(max_size=40))
def test_parse_rupiah_never_fails_unexpectedly(text: str) -> None:
    try:
        value = parse_rupiah(text, maximum=5_000_000)
    except InputRefused:
        return
    assert 0 <= value <= 5_000_000


def test_signed_corrections_parse() -> None:
    assert parse_signed_rupiah("-5.000", maximum=10**6) == -5000
    assert parse_signed_rupiah("+2000", maximum=10**6) == 2000
    with pytest.raises(InputRefused):
        parse_signed_rupiah("0", maximum=10**6)


def test_a_21_digit_amount_gets_an_indonesian_error_not_a_500(street) -> None:  # type: ignore[no-untyped-def]
    client = as_user(street.korlap)
    today = timezone.localdate().isoformat()
    for amount, expected in [
        ("123456789012345678901", "terlalu besar"),
        ("9.000.000", "melebihi batas"),
        ("١٠٠٠", "angka rupiah"),
    ]:
        page = client.post(
            "/parking/setoran/",
            {"attendant": "JKR-0101", "business_date": today, "deposited_amount": amount},
            follow=True,
        )
        assert page.status_code == 200
        assert expected in page.content.decode()
    future = (timezone.localdate() + timedelta(days=1)).isoformat()
    for field, value, expected in [
        ("business_date", future, "masa depan"),
        ("business_date", "99999-01-01", "TTTT-BB-HH"),
        ("note", "x" * 201, "maksimal 200"),
        ("note", "a\x00b", "tidak diizinkan"),
    ]:
        data = {"attendant": "JKR-0101", "business_date": today, "deposited_amount": "1000"}
        data[field] = value
        page = client.post("/parking/setoran/", data, follow=True)
        # A NUL byte is refused by the input guard before the form (400, same message).
        status = 400 if "\x00" in value else 200
        assert page.status_code == status and expected in page.content.decode(), field
    assert CashDeposit.objects.count() == 0


def test_several_deposits_a_day_add_up(street) -> None:  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    for _ in range(3):
        cash_record(attendant=street.jukir, spot=street.spot, vehicle_class="car")
    client = as_user(street.korlap)
    for amount in ("5.000", "6000"):
        client.post(
            "/parking/setoran/",
            {
                "attendant": "JKR-0101",
                "business_date": today.isoformat(),
                "deposited_amount": amount,
            },
        )
    team = street.jukir.__class__.objects.filter(pk=street.jukir.pk)
    (row,) = deposit_day_rows(team, today)
    assert (row.expected, row.deposited, row.difference) == (12000, 11000, -1000)


def test_corrections_count_only_once_dishub_approves(street) -> None:  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    cash_record(attendant=street.jukir, spot=street.spot, vehicle_class="car")
    deposit = deposit_record(
        recorded_by=street.korlap,
        attendant=street.jukir,
        business_date=today,
        deposited_amount=40000,
    )
    with pytest.raises(ParkingError, match="Alasan wajib"):
        correction_request(requested_by=street.korlap, deposit=deposit, amount=-36000, reason=" ")
    with pytest.raises(ParkingError, match="negatif"):
        correction_request(
            requested_by=street.korlap, deposit=deposit, amount=-50000, reason="salah ketik"
        )
    correction = correction_request(
        requested_by=street.korlap, deposit=deposit, amount=-36000, reason="salah ketik 40.000"
    )
    team = street.jukir.__class__.objects.filter(pk=street.jukir.pk)
    (row,) = deposit_day_rows(team, today)
    assert (row.corrections, row.pending_corrections, row.difference) == (0, 1, 36000)
    # the korlap, a Bapenda officer and the requester cannot approve
    bapenda = user_with(Role.OFFICER, opd=OPD.objects.get(code="bapenda"))
    for who in (street.korlap, bapenda):
        with pytest.raises(DepositRefused):
            correction_decide(decided_by=who, correction=correction, approve=True)
    dishub = user_with(Role.OFFICER)
    done = correction_decide(decided_by=dishub, correction=correction, approve=True, note="cek")
    assert done.status == CorrectionStatus.APPROVED
    (row,) = deposit_day_rows(team, today)
    assert (row.deposited, row.corrections, row.difference) == (40000, -36000, 0)
    # the original row is untouched; the decision is final and audited
    deposit.refresh_from_db()
    assert deposit.deposited_amount == 40000
    with pytest.raises(ParkingError, match="sudah diputuskan"):
        correction_decide(decided_by=dishub, correction=correction, approve=False)
    audit = AuditLog.objects.get(action="parking.deposit.correction_approved")
    assert audit.after["amount"] == -36000


def test_correction_through_the_page_and_approval_by_dishub(street) -> None:  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    deposit = deposit_record(
        recorded_by=street.korlap,
        attendant=street.jukir,
        business_date=today,
        deposited_amount=5000,
    )
    as_user(street.korlap).post(
        "/parking/setoran/",
        {"action": "correct", "deposit": deposit.pk, "amount": "+1.000", "reason": "tertinggal"},
    )
    correction = DepositCorrection.objects.get()
    assert correction.amount == 1000 and correction.status == CorrectionStatus.PENDING
    korlap_try = as_user(street.korlap).post(
        "/parking/setoran/", {"action": "approve", "correction": correction.pk}, follow=True
    )
    assert "petugas Dishub" in korlap_try.content.decode()
    dishub = as_user(user_with(Role.OFFICER))
    page = dishub.get(f"/parking/setoran/?date={today.isoformat()}").content.decode()
    assert "tertinggal" in page and "Setujui" in page
    dishub.post("/parking/setoran/", {"action": "reject", "correction": correction.pk, "note": "x"})
    correction.refresh_from_db()
    assert correction.status == CorrectionStatus.REJECTED
    # an id that is not a number is a 404, not a 500
    assert (
        dishub.post("/parking/setoran/", {"action": "approve", "correction": "1e9"}).status_code
        == 404
    )
