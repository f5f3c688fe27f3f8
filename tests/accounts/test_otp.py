"""Phone sign-up and sign-in with a one-time code: normalisation, expiry, attempts,
send limits, the API contract and the web pages. The code is read from the console
message backend's outbox, as a citizen reads their SMS."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import phonenumbers
import pytest
from django.test import Client
from django.utils import timezone

from kotacerdas.accounts.models import OtpChallenge
from kotacerdas.accounts.phone import PhoneInvalid, phone_normalise
from kotacerdas.accounts.services.otp import OtpRefused, otp_send, otp_verify
from kotacerdas.core.models import Regency, Role, RoleAssignment, User
from kotacerdas.core.selectors import user_roles
from kotacerdas.services.notifications import ConsoleSender

pytestmark = pytest.mark.django_db

PHONE = "0812-3456-7890"
E164 = "+6281234567890"


@pytest.fixture(autouse=True)
def _outbox() -> None:
    ConsoleSender.outbox.clear()


def _last_code() -> str:
    found = re.search(r"\b(\d{6})\b", ConsoleSender.outbox[-1].text)
    assert found, ConsoleSender.outbox[-1].text
    return found.group(1)


def _wrong(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


@pytest.mark.parametrize(
    "raw", ["0812-3456-7890", "081234567890", "+62 812 3456 7890", "6281234567890"]
)
def test_local_and_international_forms_are_one_number(raw: str) -> None:
    assert phone_normalise(raw) == E164
    # the oracle: Google's metadata agrees it is a valid Indonesian mobile number
    parsed = phonenumbers.parse(E164)
    assert phonenumbers.region_code_for_number(parsed) == "ID"


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("+65 8123 4567", "Indonesia"),  # Singapore
        ("+1 202 555 0143", "Indonesia"),
        ("0531 21234", "ponsel"),  # Sampit landline
        ("abcdefgh", "tidak dikenali"),
        ("", "wajib"),
        ("0812\x003456", "terlalu panjang"),
        ("9" * 40, "terlalu panjang"),
    ],
)
def test_bad_numbers_are_refused_in_indonesian(raw: str, fragment: str) -> None:
    with pytest.raises(PhoneInvalid, match=fragment):
        phone_normalise(raw)


def test_sign_up_then_sign_in_with_the_same_account(
    regency: Regency, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        sent = otp_send(regency=regency, phone=PHONE, client="10.0.0.1")
    assert sent.phone == E164
    assert ConsoleSender.outbox[-1].to == E164
    code = _last_code()
    stored = OtpChallenge.objects.get(regency=regency, phone=E164)
    assert code not in stored.code_hash and len(stored.code_hash) == 64  # hashed
    first = otp_verify(regency=regency, phone="+62 812 3456 7890", code=code)
    assert first.created and first.user.phone == E164
    assert user_roles(first.user) == frozenset({Role.WARGA})
    assert E164 not in first.user.username  # the number is not the (audited) username
    # a code is single use
    with pytest.raises(OtpRefused, match="kedaluwarsa"):
        otp_verify(regency=regency, phone=PHONE, code=code)
    with django_capture_on_commit_callbacks(execute=True):
        otp_send(regency=regency, phone=PHONE, client="10.0.0.1")
    again = otp_verify(regency=regency, phone=PHONE, code=_last_code())
    assert not again.created and again.user.pk == first.user.pk
    assert User.objects.filter(phone=E164).count() == 1


def test_expired_code_is_refused_and_creates_nothing(
    regency: Regency, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        otp_send(regency=regency, phone=PHONE)
    code = _last_code()
    OtpChallenge.objects.filter(phone=E164).update(expires_at=timezone.now() - timedelta(seconds=1))
    with pytest.raises(OtpRefused, match="kedaluwarsa"):
        otp_verify(regency=regency, phone=PHONE, code=code)
    assert not User.objects.filter(phone=E164).exists()


def test_wrong_codes_burn_the_challenge(
    regency: Regency, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        otp_send(regency=regency, phone=PHONE)
    code = _last_code()
    for left in (4, 3, 2, 1):
        with pytest.raises(OtpRefused, match=f"Sisa percobaan: {left}"):
            otp_verify(regency=regency, phone=PHONE, code=_wrong(code))
    with pytest.raises(OtpRefused, match="Minta kode baru"):
        otp_verify(regency=regency, phone=PHONE, code=_wrong(code))
    # even the right code no longer works on this challenge
    with pytest.raises(OtpRefused, match="Minta kode baru"):
        otp_verify(regency=regency, phone=PHONE, code=code)
    assert not User.objects.filter(phone=E164).exists()
    with pytest.raises(OtpRefused, match="6 angka"):
        otp_verify(regency=regency, phone=PHONE, code="١٢٣٤٥٦")  # Arabic-Indic digits


def test_send_limits_count_per_number_and_say_when(
    regency: Regency, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            otp_send(regency=regency, phone=PHONE, client="10.0.0.1")
    with pytest.raises(OtpRefused, match=r"Coba lagi dalam \d+ menit") as caught:
        otp_send(regency=regency, phone=PHONE, client="10.0.0.1")
    assert caught.value.retry_after > 0
    assert len(ConsoleSender.outbox) == 3
    # a neighbour behind the same address is not blocked by that number's limit
    with django_capture_on_commit_callbacks(execute=True):
        otp_send(regency=regency, phone="0813 1111 2222", client="10.0.0.1")
    assert ConsoleSender.outbox[-1].to == "+6281311112222"
    # refused numbers do not count towards anything
    for _ in range(5):
        with pytest.raises(PhoneInvalid):
            otp_send(regency=regency, phone="+65 8123 4567", client="10.0.0.2")


def test_staff_numbers_keep_password_login(
    regency: Regency, make_user, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    officer = make_user(Role.OFFICER, phone=E164)
    with django_capture_on_commit_callbacks(execute=True):
        otp_send(regency=regency, phone=PHONE)
    with pytest.raises(OtpRefused, match="kata sandi"):
        otp_verify(regency=regency, phone=PHONE, code=_last_code())
    assert RoleAssignment.objects.filter(user=officer, role=Role.WARGA).count() == 0


def test_api_contract(regency: Regency, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post("/api/v1/auth/otp", {"phone": PHONE}, content_type="application/json")
    assert sent.status_code == 202, sent.content
    assert sent.json()["phone"] == E164
    wrong = client.post(
        "/api/v1/auth/otp/verify",
        {"phone": PHONE, "code": _wrong(_last_code())},
        content_type="application/json",
    )
    assert wrong.status_code == 400
    assert "Kode salah" in wrong.json()["error"]["message"]
    ok = client.post(
        "/api/v1/auth/otp/verify",
        {"phone": PHONE, "code": _last_code()},
        content_type="application/json",
    )
    assert ok.status_code == 200, ok.content
    token = ok.json()["token"]
    me = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert me.status_code == 200 and me.json()["roles"] == ["warga"]
    foreign = client.post(
        "/api/v1/auth/otp", {"phone": "+6591234567"}, content_type="application/json"
    )
    assert foreign.status_code == 400
    assert "Indonesia" in json.loads(foreign.content)["error"]["message"]


def test_api_flooding_gets_429_with_retry_after(regency: Regency) -> None:
    client = Client()
    statuses = [
        client.post("/api/v1/auth/otp", {"phone": PHONE}, content_type="application/json")
        for _ in range(4)
    ]
    assert [r.status_code for r in statuses] == [202, 202, 202, 429]
    assert int(statuses[-1]["Retry-After"]) > 0
    assert OtpChallenge.objects.filter(phone=E164).count() == 3


def test_web_sign_up_lands_on_my_reports(
    regency: Regency, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    page = client.get("/masuk/")
    assert page.status_code == 200 and "Nomor ponsel" in page.content.decode()
    bad = client.post("/masuk/", {"phone": "+1 202 555 0143"})
    assert bad.status_code == 400 and "Indonesia" in bad.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post("/masuk/", {"phone": PHONE})
    assert sent.status_code == 302 and sent["Location"] == "/masuk/kode/"
    wrong = client.post("/masuk/kode/", {"code": _wrong(_last_code())})
    assert wrong.status_code == 400 and "Kode salah" in wrong.content.decode()
    done = client.post("/masuk/kode/", {"code": _last_code()})
    assert done.status_code == 302 and done["Location"] == "/lapor/saya/"
    mine = client.get("/lapor/saya/")
    assert mine.status_code == 200 and "Laporan saya" in mine.content.decode()
