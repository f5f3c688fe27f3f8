"""The newer apps (citizen accounts, programme, partners, training, innovation, parking
alerts and reports) walked with two regencies: every page, export and API operation, as
every role of each regency, never shows, changes or counts the other regency's data; an
officer never sees another OPD's rows. The world is built once for the module (it is
large), inside one outer transaction rolled back at the end; each test runs in a savepoint
of it."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from html import escape as html_escape
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection, transaction
from django.http import HttpResponse
from django.test import Client

from kotacerdas.core.models import AuditLog
from tests.boundaries.app_paths import APP_PATHS, PUBLIC_DOCUMENTS
from tests.boundaries.world import HOST_A, HOST_B, Side
from tests.boundaries.world_apps import Apps, AppWorld, app_secrets, build_app_world


@pytest.fixture(scope="module")
def app_world(django_db_setup: None, django_db_blocker: Any) -> Iterator[AppWorld]:
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield build_app_world()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            connection.close()


@pytest.fixture
def aw(app_world: AppWorld, db: None) -> AppWorld:
    return app_world


def host(side: Side) -> str:
    return HOST_B if side.tag == "2222" else HOST_A


def clients(side: Side) -> dict[str, Client]:
    found = {"anonim": Client(HTTP_HOST=host(side))}
    for name, user in side.users.items():
        client = Client(HTTP_HOST=host(side))
        client.force_login(user)
        found[name] = client
    return found


def text_of(response: HttpResponse) -> str:
    """The response as text; spreadsheets are unpacked to their cell values."""
    raw = (
        b"".join(response.streaming_content)  # type: ignore[attr-defined]
        if response.streaming
        else response.content
    )
    if raw[:2] == b"PK":
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(raw), read_only=True)
        cells = [
            str(value)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        ]
        return "\n".join(cells)
    return raw.decode(errors="replace")


def _strip_typed(body: str, path: str) -> str:
    """What the caller typed may be echoed back: that is not the other regency's data."""
    body = body.replace(path, "").replace(html_escape(path), "")
    for typed in parse_qs(urlsplit(path).query).values():
        body = body.replace(f'value="{typed[0]}"', "")
    return body


def sides(aw: AppWorld, direction: str) -> tuple[Side, Side, Apps]:
    """(reader, other, other's apps) for a direction of the walk."""
    world = aw.world
    if direction == "b-reads-a":
        return world.b, world.a, aw.a
    return world.a, world.b, aw.b


DIRECTIONS = ["b-reads-a", "a-reads-b"]


@pytest.mark.parametrize("direction", DIRECTIONS)
def test_no_new_page_shows_the_other_regency(aw: AppWorld, direction: str) -> None:
    reader, other, other_apps = sides(aw, direction)
    secrets = app_secrets(other, other_apps)
    failures = []
    for who, client in clients(reader).items():
        for name, build in APP_PATHS.items():
            path, names_one_object = build(other, other_apps)
            response = client.get(path)
            assert response.status_code < 500, (who, path)
            body = _strip_typed(text_of(response), path)
            for secret in secrets:
                if secret not in path and secret in body:
                    failures.append((who, name, secret))
            if names_one_object and response.status_code == 200:
                failures.append((who, name, "served"))
    assert failures == [], sorted({(n, s) for _w, n, s in failures})


@pytest.mark.parametrize("direction", DIRECTIONS)
def test_public_credentials_carry_nothing_else(aw: AppWorld, direction: str) -> None:
    reader, other, other_apps = sides(aw, direction)
    holder = {other_apps.asn.name, f"Kursus batas {other.tag}", f"Universitas Mitra {other.tag}"}
    personal = [s for s in app_secrets(other, other_apps) if s not in holder]
    personal += [other_apps.asn.nip]
    client = Client(HTTP_HOST=host(reader))
    for name, build in PUBLIC_DOCUMENTS.items():
        path, _one = build(other, other_apps)
        response = client.get(path)
        assert response.status_code == 200, (name, path)
        body = text_of(response)
        for secret in personal:
            if secret not in path:
                assert secret not in body, (name, secret)


@pytest.mark.parametrize("direction", DIRECTIONS)
def test_posts_never_change_the_other_regency(aw: AppWorld, direction: str) -> None:
    reader, other, other_apps = sides(aw, direction)
    before = AuditLog.objects.filter(regency=other.regency).count()
    form = {
        "decision": "approve",
        "accept": "1",
        "status": "checked",
        "to": "checked",
        "note": "diubah",
        "comment": "diubah",
        "rating": "5",
        "statuses": ["selesai"],
        "done": "1",
        "title": "diubah",
    }
    for who, client in clients(reader).items():
        for name, build in APP_PATHS.items():
            path, names_one_object = build(other, other_apps)
            if not names_one_object:
                continue
            response = client.post(path, form)
            assert response.status_code < 500, (who, path)
            assert response.status_code not in (200, 201), (who, name, response.status_code)
    assert AuditLog.objects.filter(regency=other.regency).count() == before
    other_apps.kpi_value.refresh_from_db()
    assert other_apps.kpi_value.status == "submitted"


def _api(side: Side, who: str, path: str) -> Any:
    return Client(HTTP_HOST=host(side)).get(
        path, HTTP_AUTHORIZATION=f"Bearer {side.tokens[who]}"
    )


@pytest.mark.parametrize("direction", DIRECTIONS)
def test_api_of_the_new_apps_keeps_to_the_callers_regency(aw: AppWorld, direction: str) -> None:
    reader, other, other_apps = sides(aw, direction)
    secrets = app_secrets(other, other_apps)
    for who in reader.users:
        for path in [
            "/api/v1/training/credentials",
            "/api/v1/smartcity/kpis",
            "/api/v1/smartcity/kpis/data-terbuka",
            "/api/v1/me",
        ]:
            response = _api(reader, who, path)
            assert response.status_code < 500, (who, path)
            body = response.content.decode()
            for secret in secrets:
                assert secret not in body, (who, path, secret)
    # Counting: the credential list holds exactly the caller's one credential.
    listed = _api(reader, "admin", "/api/v1/training/credentials").json()
    assert listed["count"] == 1, listed
    assert [row["id"] for row in listed["results"]] == [own_credential(aw, reader).public_id]


def own_credential(aw: AppWorld, reader: Side) -> Any:
    return (aw.b if reader is aw.world.b else aw.a).credential


@pytest.mark.parametrize("direction", DIRECTIONS)
def test_open_data_counts_only_the_host_regency(aw: AppWorld, direction: str) -> None:
    reader, _other, _apps = sides(aw, direction)
    own = aw.b if reader is aw.world.b else aw.a
    client = Client(HTTP_HOST=host(reader))
    innovations = json.loads(client.get("/inovasi/data.json").content)
    titles = [row["title"] for row in innovations["innovations"]]
    assert titles == [own.innovation.title], titles
    programmes = client.get("/data/program.json").content.decode()
    assert own.programme.name in programmes
    agreements = client.get("/kerja-sama/").content.decode()
    assert own.agreement.title in agreements


def test_officers_see_only_their_own_offices_rows(aw: AppWorld) -> None:
    side, apps = aw.world.a, aw.a
    dishub, pupr = clients(side)["dishub"], clients(side)["pupr"]
    # ASN: an officer sees the ASN of their own office only.
    assert dishub.get(f"/asn/{apps.asn.pk}/").status_code == 200
    assert dishub.get(f"/asn/{apps.other_opd_asn.pk}/").status_code in (403, 404)
    listing = dishub.get("/asn/").content.decode()
    assert apps.asn.name in listing and apps.other_opd_asn.name not in listing
    assert pupr.get(f"/asn/{apps.asn.pk}/").status_code in (403, 404)
    assert apps.asn.name not in pupr.get("/asn/").content.decode()
    assert apps.asn.name not in text_of(pupr.get("/pelatihan/kepatuhan.csv"))
    # The handover went to Dishub: PUPR reads neither its BAST nor its milestones.
    assert dishub.get(f"/inovasi/kelola/{apps.innovation.slug}/bast/").status_code == 200
    assert pupr.get(f"/inovasi/kelola/{apps.innovation.slug}/bast/").status_code in (403, 404)
    assert pupr.get(f"/inovasi/adopsi/tonggak/{apps.milestone.pk}/").status_code in (403, 404)
    assert f"Tonggak {side.tag}" not in pupr.get("/inovasi/adopsi/").content.decode()
    # The citizen's account report goes to PUPR (roads): Dishub's queue does not hold it.
    tracking = apps.citizen_request.tracking_number
    assert tracking not in dishub.get("/layanan/?status=").content.decode()
    assert dishub.get(f"/layanan/{tracking}/").status_code == 404
    assert tracking in pupr.get("/layanan/?status=").content.decode()


def test_hidden_reporters_stay_hidden_in_the_new_pages(aw: AppWorld) -> None:
    side = aw.world.a
    for who, client in clients(side).items():
        if who == "admin":
            continue
        for path in ["/lapor/peta/", "/lapor/sekitar/?lat=-2.536&lon=112.958", "/inovasi/"]:
            body = client.get(path).content.decode()
            assert f"Pelapor {side.tag}" not in body, (who, path)
            assert f"08129999{side.tag}" not in body, (who, path)
            assert f"Uraian rahasia {side.tag}" not in body, (who, path)


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
        assert sent.to == sorted([f"admin{side.tag}@contoh.go.id", f"bkpsdm{side.tag}@contoh.go.id"])
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
    from kotacerdas.core.jobs import run_due
    from kotacerdas.parking.models import EventStatus, ParkingEvent
    from tests.boundaries.test_everywhere import _cross_regency_references

    a_event = aw.world.a.event
    assert a_event is not None and aw.world.b.event is not None
    ParkingEvent.objects.filter(pk=a_event.pk).update(
        status=EventStatus.PENDING, expires_at=timezone_now()
    )
    with django_capture_on_commit_callbacks(execute=True):
        outcomes = run_due(force=True)
    assert {o.status for o in outcomes} <= {"ok", "skipped"}, outcomes
    assert ParkingEvent.objects.get(pk=a_event.pk).status == EventStatus.EXPIRED
    assert ParkingEvent.objects.get(pk=aw.world.b.event.pk).status == EventStatus.CASH
    assert _cross_regency_references() == []
