"""Messages, jobs and public entry points with two regencies: status notices (e-mail,
SMS, WhatsApp), sign-in codes and agreement expiry alerts reach only their own regency's
people and name only its data; every registered job touches and counts each regency
alone; public pages, the public API and integrations answer for the request's host,
never for a configured default regency."""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

import pytest
from django.db import transaction
from django.test import Client

from kotacerdas.core.tenancy import public_base
from tests.boundaries.conftest import host
from tests.boundaries.world import HOST_A, HOST_B, Side
from tests.boundaries.world_apps import AppWorld

# Notifications: status notices (e-mail, SMS, WhatsApp), sign-in codes and partner
# agreement expiry alerts. The training app sends no messages of its own (its reminders
# are pages), so there is nothing of it to walk here.


def _tag_of(text: str) -> set[str]:
    return {tag for tag in ("1111", "2222") if tag in text}


def test_status_notices_stay_in_their_regency(
    aw: AppWorld, django_capture_on_commit_callbacks: Any
) -> None:
    from django.core import mail

    from kotacerdas.services.models import Status
    from kotacerdas.services.notifications import ConsoleSender
    from kotacerdas.services.services.handling import request_transition

    ConsoleSender.outbox.clear()
    mail.outbox.clear()
    for side in (aw.world.a, aw.world.b):
        assert side.private_request is not None
        with django_capture_on_commit_callbacks(execute=True):
            request_transition(
                request=side.private_request,
                target=Status.DITOLAK,
                actor=side.users["admin"],
                note=f"Ditolak {side.tag}",
            )
    assert len(mail.outbox) == 2 and len(ConsoleSender.outbox) == 2
    for side in (aw.world.a, aw.world.b):
        assert side.private_request is not None
        tracking = side.private_request.tracking_number
        mails = [m for m in mail.outbox if m.to == [f"pelapor{side.tag}@contoh.id"]]
        texts = [m.body for m in mails] + [m.subject for m in mails]
        texts += [m.text for m in ConsoleSender.outbox if m.to.endswith(f"8129999{side.tag}")]
        assert len(texts) == 3
        for text in texts:
            assert _tag_of(text.replace(tracking, "")) <= {side.tag}, text
            other = aw.world.b if side is aw.world.a else aw.world.a
            assert other.private_request is not None
            assert other.private_request.tracking_number not in text
        # The link goes to the reporter's own regency (its first host), where it answers.
        assert f"://{host(side)}/lapor/saya/" in mails[0].body


def test_sign_in_codes_belong_to_the_hosts_regency(
    aw: AppWorld, django_capture_on_commit_callbacks: Any
) -> None:
    from kotacerdas.accounts.models import OtpChallenge
    from kotacerdas.core.models import User
    from kotacerdas.services.notifications import ConsoleSender

    ConsoleSender.outbox.clear()
    client = Client(HTTP_HOST=HOST_B)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/masuk/", {"phone": "081355550001"}).status_code == 302
    challenge = OtpChallenge.objects.get(phone="+6281355550001")
    assert challenge.regency_id == aw.world.b.regency.pk
    (message,) = ConsoleSender.outbox
    assert "Banjarmasin" in message.text and "Kotawaringin" not in message.text
    code = message.text.split(": ", 1)[1][:6]
    assert client.post("/masuk/kode/", {"code": code}).status_code == 302
    account = User.objects.get(phone="+6281355550001")
    assert account.regency_id == aw.world.b.regency.pk


def test_agreement_expiry_alerts_go_to_their_own_regency(
    aw: AppWorld, django_capture_on_commit_callbacks: Any
) -> None:
    from django.core import mail

    from kotacerdas.core.jobs import run_due
    from kotacerdas.partners.models import ExpiryAlert

    for side in (aw.world.a, aw.world.b):
        admin = side.users["admin"]
        admin.email = f"admin{side.tag}@contoh.go.id"
        admin.save(update_fields=["email"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        (outcome,) = run_due(force=True, only=["partners.expiry_alerts"])
    assert outcome.status == "ok", outcome
    assert len(mail.outbox) == 2
    for side, apps in ((aw.world.a, aw.a), (aw.world.b, aw.b)):
        (sent,) = [m for m in mail.outbox if apps.agreement.number in m.subject]
        assert sent.to == sorted(
            [f"admin{side.tag}@contoh.go.id", f"bkpsdm{side.tag}@contoh.go.id"]
        )
        assert _tag_of(sent.subject + sent.body) == {side.tag}
        assert ExpiryAlert.objects.filter(regency=side.regency).count() == 1


# Jobs: every registered job, run with two regencies. The oracle for the counting jobs:
# inflate one regency's data and check that the other's results do not move.


def _snapshot(side: Side) -> tuple[Any, ...]:
    from kotacerdas.parking.models import LeakageAlert
    from kotacerdas.programme.models import KpiValue

    values = sorted(
        (v.definition.code, str(v.value), str(v.numerator), str(v.denominator))
        for v in KpiValue.objects.filter(regency=side.regency, method="automatic")
    )
    alerts = sorted(
        (a.kind, a.day.isoformat(), a.observed, a.expected)
        for a in LeakageAlert.objects.filter(regency=side.regency)
    )
    return tuple(values), tuple(alerts)


def _run_counting_jobs() -> None:
    from kotacerdas.core.jobs import run_due

    outcomes = run_due(force=True, only=["programme.kpi_daily", "parking.alerts_scan"])
    assert {o.status for o in outcomes} == {"ok"}, outcomes


def _inflate(side: Side) -> None:
    from datetime import timedelta

    from kotacerdas.core.timeutil import local_date
    from kotacerdas.parking.models import Channel as PayChannel
    from kotacerdas.parking.models import EventStatus
    from kotacerdas.services.selectors import service_get
    from tests.programme.fixtures import parking_event, service_request, wib

    assert side.attendant is not None and side.spot is not None
    yesterday = local_date(side.regency) - timedelta(days=1)
    for _ in range(6):
        parking_event(
            side.regency,
            side.attendant,
            side.spot,
            day=yesterday,
            amount=2000,
            channel=PayChannel.QRIS,
            status=EventStatus.PAID,
        )
    road = service_get(regency=side.regency, code="jalan-rusak")
    assert road is not None
    for _ in range(4):
        service_request(
            side.regency,
            road,
            requested=wib(yesterday.year, yesterday.month, yesterday.day, 8),
            resolved=wib(yesterday.year, yesterday.month, yesterday.day, 15),
        )


def timezone_now() -> Any:
    from django.utils import timezone

    return timezone.now()


@pytest.mark.parametrize("inflated", ["a", "b"])
def test_counting_jobs_count_each_regency_alone(aw: AppWorld, inflated: str) -> None:
    big, small = (aw.world.a, aw.world.b) if inflated == "a" else (aw.world.b, aw.world.a)
    savepoint = transaction.savepoint()
    _run_counting_jobs()
    big_before, small_before = _snapshot(big), _snapshot(small)
    transaction.savepoint_rollback(savepoint)
    _inflate(big)
    _run_counting_jobs()
    assert _snapshot(small) == small_before
    assert _snapshot(big) != big_before  # the inflation is seen: the check can fail


def test_every_job_keeps_each_regency_to_itself(
    aw: AppWorld, django_capture_on_commit_callbacks: Any
) -> None:
    from datetime import date, timedelta

    from kotacerdas.core.jobs import run_due
    from kotacerdas.parking.models import Channel as PayChannel
    from kotacerdas.parking.models import EventStatus, ParkingEvent
    from tests.boundaries.test_everywhere import _cross_regency_references
    from tests.programme.fixtures import parking_event

    pending = {}
    for side, minutes in ((aw.world.a, -5), (aw.world.b, 30)):
        assert side.attendant is not None and side.spot is not None
        event = parking_event(
            side.regency,
            side.attendant,
            side.spot,
            day=date(2026, 11, 1),
            amount=2000,
            channel=PayChannel.QRIS,
            status=EventStatus.PENDING,
        )
        ParkingEvent.objects.filter(pk=event.pk).update(
            expires_at=timezone_now() + timedelta(minutes=minutes)
        )
        pending[side.tag] = event.pk
    with django_capture_on_commit_callbacks(execute=True):
        outcomes = run_due(force=True)
    assert {o.status for o in outcomes} <= {"ok", "skipped"}, outcomes
    # Only the overdue charge expires; the other regency's pending charge is untouched.
    assert ParkingEvent.objects.get(pk=pending["1111"]).status == EventStatus.EXPIRED
    assert ParkingEvent.objects.get(pk=pending["2222"]).status == EventStatus.PENDING
    assert _cross_regency_references() == []


# Public entry points that used the configured default regency (Kotim) instead of the
# request's host.


def test_public_programme_data_and_kpi_api_answer_for_the_host(aw: AppWorld) -> None:
    on_b = Client(HTTP_HOST=HOST_B)
    assert on_b.get("/api/v1/smartcity/kpis").json()["regency"] == aw.world.b.regency.code
    assert Client(HTTP_HOST=HOST_A).get("/api/v1/smartcity/kpis").json()["regency"] == (
        aw.world.a.regency.code
    )
    detail = on_b.get("/api/v1/smartcity/kpis/data-terbuka")
    assert detail.status_code == 200 and detail.json()["regency"] == aw.world.b.regency.code
    catalog = on_b.get("/data/catalog.json").content.decode()
    assert aw.world.a.regency.name not in catalog
    assert Client(HTTP_HOST="tidak-dikenal.test").get("/data/program.json").status_code == 404


def test_hub_names_the_hosts_regency(aw: AppWorld) -> None:
    page = Client(HTTP_HOST=HOST_B).get("/").content.decode()
    # The page's own text; the brand line of the shared header is a fixed string.
    assert "Layanan publik Kota Banjarmasin" in page
    assert "Layanan publik Kabupaten Kotawaringin Timur" not in page


def test_lapor_integration_reads_only_the_hosts_regency(aw: AppWorld, settings) -> None:  # type: ignore[no-untyped-def]
    settings.KOTACERDAS_LAPOR_SECRET = "rahasia-lapor"
    assert aw.world.a.other_request is not None and aw.world.b.other_request is not None
    for tracking, on_host, expected in [
        (aw.world.a.other_request.tracking_number, HOST_B, 404),
        (aw.world.b.other_request.tracking_number, HOST_B, 200),
        (aw.world.a.other_request.tracking_number, HOST_A, 200),
    ]:
        signature = hmac.new(b"rahasia-lapor", tracking.encode(), hashlib.sha256).hexdigest()
        response = Client(HTTP_HOST=on_host).get(
            f"/integrasi/lapor/laporan/{tracking}.json", HTTP_X_LAPOR_SIGNATURE=signature
        )
        assert response.status_code == expected, (tracking, on_host)
        if expected == 200:
            assert json.loads(response.content)


def test_bast_check_answers_only_on_its_regencys_host(aw: AppWorld) -> None:
    code = aw.b.handover.verify_code
    assert Client(HTTP_HOST=HOST_B).get(f"/inovasi/verifikasi/{code}/").status_code == 200
    assert Client(HTTP_HOST=HOST_A).get(f"/inovasi/verifikasi/{code}/").status_code == 404


def test_notice_links_use_the_regencys_own_host(aw: AppWorld, settings) -> None:  # type: ignore[no-untyped-def]
    settings.KOTACERDAS_PUBLIC_URL = "https://kotacerdas.kotim.test"
    assert public_base(aw.world.b.regency) == "https://kotacerdas.banjarmasin.test"
    assert public_base(aw.world.a.regency) == "https://kotacerdas.kotim.test"
    aw.world.b.regency.hosts = ""
    assert public_base(aw.world.b.regency) == "https://kotacerdas.kotim.test"


def test_expiry_alerts_count_days_in_the_regencys_own_zone(
    aw: AppWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 16:30 UTC it is still 30 November in Kotim (WIB) but already 1 December in the
    WITA regency: an agreement of the WITA regency ending on 31 December has 30 days left
    there (the 30-day alert), not 31 (the 90-day one) as a WIB clock would count."""
    from datetime import UTC, date, datetime

    from django.utils import timezone

    from kotacerdas.partners.jobs import send_expiry_alerts
    from kotacerdas.partners.models import Agreement, ExpiryAlert

    Agreement.objects.filter(pk=aw.a.agreement.pk).update(valid_until=date(2027, 6, 1))
    Agreement.objects.filter(pk=aw.b.agreement.pk).update(valid_until=date(2026, 12, 31))
    moment = datetime(2026, 11, 30, 16, 30, tzinfo=UTC)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    assert send_expiry_alerts() == 1
    alert = ExpiryAlert.objects.get()
    assert alert.regency_id == aw.world.b.regency.pk
    assert alert.days_before == 30
