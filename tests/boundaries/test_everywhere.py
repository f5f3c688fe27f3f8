"""Users of one regency never see, change or count the other's data: every URL, API
operation, export, Open311 endpoint and job, walked with two regencies that share OPD,
spot and attendant codes. Public pages answer for the regency of the request's host."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from html import escape as html_escape
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.apps import apps
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from kotacerdas.core.jobs import run_due
from kotacerdas.parking.models import ParkingEvent
from kotacerdas.services.models import RequestPhoto, ServiceRequest, Status
from tests.boundaries.app_paths import APP_PATHS, PUBLIC_DOCUMENTS
from tests.boundaries.world import HOST_A, HOST_B, Side, World

# URLs that hold no regency data (static files of the attendant app, sign-in, the
# gateway's callbacks and simulator, which authenticate callers with signatures and are
# covered by the payments tests).
NO_REGENCY_DATA = {
    "healthz",
    "login",
    "logout",
    "set_language",
    "parking:jukir-manifest",
    "parking:jukir-sw",
    "parking:jukir-issue",
    "payments:webhook-midtrans",
    "payments:webhook-xendit",
    "payments:webhook-snap-notify",
    "payments:simulator:pay-page",
    "payments:simulator:charge",
    "payments:simulator:status",
    "payments:simulator:cancel",
    "payments:simulator:expire",
    "payments:simulator:pay",
    "payments:simulator:qr-code",
}


def _photo(side: Side) -> int:
    photo = RequestPhoto.objects.filter(regency=side.regency).first()
    assert photo is not None
    return photo.pk


# URL name -> (path for the other side's object, True when the path names one object
# of that side, which must then not be served at all).
PATHS: dict[str, Callable[[Side], tuple[str, bool]]] = {
    "home": lambda s: ("/", False),
    "audit-list": lambda s: ("/audit/", False),
    "payments:dashboard": lambda s: ("/payments/", False),
    "payments:charge-detail": lambda s: (f"/payments/charges/{s.charge.pk}/", True),  # type: ignore[union-attr]
    "payments:flag-resolve": lambda s: ("/payments/flags/999999/resolve", True),
    "parking:jukir-home": lambda s: ("/jukir/", False),
    "parking:jukir-charge": lambda s: (f"/jukir/charge/{s.event.pk}/", True),  # type: ignore[union-attr]
    "parking:verify-lookup": lambda s: ("/v/?code=JKR-0777", False),
    "parking:verify": lambda s: ("/v/JKR-0777", False),
    "parking:complain": lambda s: ("/v/JKR-0777/lapor", False),
    "parking:receipt": lambda s: (f"/r/{s.event.receipt_token}", True),  # type: ignore[union-attr]
    "parking:dashboard": lambda s: ("/parking/", False),
    "parking:export-csv": lambda s: ("/parking/export.csv", False),
    "parking:map": lambda s: ("/parking/map/", False),
    "parking:attendants": lambda s: ("/parking/attendants/", False),
    "parking:vest-card": lambda s: ("/parking/attendants/JKR-0777/card.svg", False),
    "parking:deposits": lambda s: ("/parking/setoran/", False),
    "parking:offline": lambda s: ("/parking/luring/", False),
    "parking:concessions": lambda s: ("/parking/concessions/", False),
    "services:catalogue": lambda s: ("/lapor/", False),
    "services:track-lookup": lambda s: (
        f"/lapor/cek/?nomor={s.other_request.tracking_number}",  # type: ignore[union-attr]
        False,
    ),
    "services:track": lambda s: (f"/lapor/status/{s.other_request.tracking_number}/", True),  # type: ignore[union-attr]
    "services:mine": lambda s: ("/lapor/saya/tidak-ada/", True),
    "services:rate": lambda s: ("/lapor/saya/tidak-ada/nilai", True),
    "services:reopen": lambda s: ("/lapor/saya/tidak-ada/buka-lagi", True),
    "services:photo": lambda s: (f"/lapor/foto/{_photo(s)}.jpg", True),  # a private report
    "services:submit": lambda s: ("/lapor/layanan/lampu-jalan/", False),
    "services:queue": lambda s: ("/layanan/?status=", False),
    "services:dashboard": lambda s: ("/layanan/dasbor/", False),
    "services:photo-original": lambda s: (f"/layanan/foto/{_photo(s)}/asli", True),
    "services:handle": lambda s: (f"/layanan/{s.private_request.tracking_number}/", True),  # type: ignore[union-attr]
    "services:o311-discovery": lambda s: ("/open311/v2/discovery.json", False),
    "services:o311-services": lambda s: ("/open311/v2/services.json", False),
    "services:o311-service": lambda s: ("/open311/v2/services/lampu-jalan.json", False),
    "services:o311-service-singular": lambda s: ("/open311/v2/service/lampu-jalan.xml", False),
    "services:o311-requests": lambda s: ("/open311/v2/requests.json", False),
    "services:o311-request": lambda s: (
        f"/open311/v2/requests/{s.other_request.tracking_number}.json",  # type: ignore[union-attr]
        True,
    ),
    "services:o311-token": lambda s: ("/open311/v2/tokens/tidak-ada.json", True),
    "treasury:mismatch": lambda s: (f"/keuangan/rekonsiliasi/selisih/{_mismatch(s)}/", True),
    "treasury:day": lambda s: (f"/keuangan/rekonsiliasi/?tanggal={_paid_day(s)}", False),
    "treasury:month": lambda s: (f"/keuangan/rekonsiliasi/bulan/?bulan={_paid_day(s)[:7]}", False),
    "treasury:import": lambda s: ("/keuangan/rekonsiliasi/impor/", False),
    # A co-signing partner's profile and keys, addressed by the other regency's code: public
    # documents of that regency, which must carry none of its private data.
    "training:partner-profile": lambda s: (f"/sertifikat/mitra/{s.regency.code}/unda", False),
    "training:partner-jwks": lambda s: (
        f"/sertifikat/mitra/{s.regency.code}/unda/jwks.json",
        False,
    ),
    "programme:commitments": lambda s: ("/program/komitmen/", False),
    "programme:commitment": lambda s: (f"/program/komitmen/{s.commitment.pk}/", True),  # type: ignore[union-attr]
    "programme:readiness": lambda s: ("/program/kesiapan/", False),
    "programme:bimtek": lambda s: ("/program/bimtek/", False),
    # Signed provider calls only; POSTs per regency are in tests/services/test_whatsapp.py.
    "services:whatsapp-incoming": lambda s: ("/integrasi/whatsapp/masuk", False),
}


def _paid_day(side: Side) -> str:
    """The day of the side's charge, so the reconciliation pages list its order."""
    from kotacerdas.core.timeutil import local_date

    assert side.charge is not None
    return local_date(side.regency, side.charge.created_at).isoformat()


def _mismatch(side: Side) -> int:
    """A reconciliation mismatch naming the side's charge order (one of its secrets)."""
    from kotacerdas.treasury.models import Mismatch

    assert side.charge is not None
    row, _ = Mismatch.objects.get_or_create(
        regency=side.regency,
        kind="not_settled",
        key=side.charge.order_id,
        defaults={
            "day": date.fromisoformat(_paid_day(side)),
            "order_id": side.charge.order_id,
            "expected": 2000,
        },
    )
    return row.pk


def _names(resolver: URLResolver, namespace: str = "") -> set[str]:
    found: set[str] = set()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if (entry.namespace or "") in {"admin", "api"}:
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            found |= _names(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            found.add(namespace + entry.name)
    return found


def test_every_url_is_walked_with_two_regencies() -> None:
    # The newer apps' pages are walked with a larger world in test_apps_everywhere.py.
    walked = set(PATHS) | set(APP_PATHS) | set(PUBLIC_DOCUMENTS)
    assert not (set(PATHS) & set(APP_PATHS))
    assert _names(get_resolver()) == walked | NO_REGENCY_DATA


def _clients(side: Side) -> dict[str, Client]:
    clients = {"anonim": Client(HTTP_HOST=HOST_B if side.tag == "2222" else HOST_A)}
    for name, user in side.users.items():
        client = Client(HTTP_HOST=HOST_B if side.tag == "2222" else HOST_A)
        client.force_login(user)
        clients[name] = client
    return clients


@pytest.mark.django_db
def test_no_page_shows_the_other_regency(world: World) -> None:
    other = world.a
    for who, client in _clients(world.b).items():
        for name, build in PATHS.items():
            path, names_one_object = build(other)
            response = client.get(path)
            assert response.status_code < 500, (who, path)
            body = response.content.decode(errors="replace")
            # What the caller typed may be echoed back (the language switch keeps the
            # address): that is not the other regency's data.
            body = body.replace(path, "").replace(html_escape(path), "")
            for typed in parse_qs(urlsplit(path).query).values():
                body = body.replace(f'value="{typed[0]}"', "")
            for secret in other.secrets:
                if secret in path:
                    continue  # an identifier the caller sent, echoed in an error
                assert secret not in body, (who, name, secret)
            if names_one_object:
                assert response.status_code != 200, (who, name, path)


@pytest.mark.django_db
def test_public_pages_answer_for_the_host_regency(world: World) -> None:
    on_a, on_b = Client(HTTP_HOST=HOST_A), Client(HTTP_HOST=HOST_B)
    assert "Juru Parkir 1111" in on_a.get("/v/JKR-0777").content.decode()
    assert "Juru Parkir 2222" in on_b.get("/v/JKR-0777").content.decode()
    alias = Client(HTTP_HOST="www.banjarmasin.test").get("/v/JKR-0777")
    assert "Juru Parkir 2222" in alias.content.decode()
    assert Client(HTTP_HOST="tidak-dikenal.test").get("/v/JKR-0777").status_code == 404
    assert world.a.event is not None and world.b.event is not None
    assert on_a.get(f"/r/{world.a.event.receipt_token}").status_code == 200
    assert on_b.get(f"/r/{world.a.event.receipt_token}").status_code == 404
    road = world.b.other_request
    assert road is not None
    page = on_b.get(f"/lapor/status/{road.tracking_number}/")
    assert page.status_code == 200 and road.tracking_number in page.content.decode()
    assert on_a.get(f"/lapor/status/{road.tracking_number}/").status_code == 404


@pytest.mark.django_db
def test_open311_lists_only_the_host_regency(world: World) -> None:
    rows = json.loads(Client(HTTP_HOST=HOST_B).get("/open311/v2/requests.json").content)
    ids = {row["service_request_id"] for row in rows}
    assert world.b.other_request is not None and world.a.other_request is not None
    assert world.b.other_request.tracking_number in ids
    assert world.a.other_request.tracking_number not in ids
    # Private requests are never listed, in any regency.
    assert world.b.private_request is not None
    assert world.b.private_request.tracking_number not in ids


def _api(side: Side, who: str, method: str, path: str, body: Any = None) -> Any:
    return Client(HTTP_HOST=HOST_B if side.tag == "2222" else HOST_A).generic(
        method,
        path,
        data=json.dumps(body) if body is not None else "",
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {side.tokens[who]}",
    )


@pytest.mark.django_db
def test_api_never_reaches_the_other_regency(world: World) -> None:
    assert world.a.event is not None
    for who in world.b.users:
        for path in [
            f"/api/v1/parking/charges/{world.a.event.pk}",
            "/api/v1/parking/spots",
            "/api/v1/parking/summary",
            "/api/v1/me",
        ]:
            response = _api(world.b, who, "GET", path)
            assert response.status_code < 500
            body = response.content.decode()
            for secret in world.a.secrets:
                assert secret not in body, (who, path)
            if "charges" in path:
                assert response.status_code in (403, 404), (who, path)
    # Counting: the second regency's summary counts its own single cash event only.
    summary = _api(world.b, "admin", "GET", "/api/v1/parking/summary").json()
    assert summary["count"] == 1


@pytest.mark.django_db
def test_a_spot_code_shared_by_both_regencies_resolves_to_the_callers(world: World) -> None:
    response = _api(
        world.b, "jukir", "POST", "/api/v1/parking/cash", {"spot": "TMK-01", "vehicle_class": "car"}
    )
    assert response.status_code in (200, 201), response.content
    event = ParkingEvent.objects.get(order_id=response.json()["order_id"])
    assert event.regency_id == world.b.regency.pk
    assert event.spot.regency_id == world.b.regency.pk


@pytest.mark.django_db
def test_officers_never_see_another_agencys_queue(world: World) -> None:
    lamp, road = world.a.private_request, world.a.other_request
    assert lamp is not None and road is not None
    pupr = Client(HTTP_HOST=HOST_A)
    pupr.force_login(world.a.users["pupr"])
    queue = pupr.get("/layanan/?status=").content.decode()
    assert road.tracking_number in queue
    assert lamp.tracking_number not in queue
    assert pupr.get(f"/layanan/{lamp.tracking_number}/").status_code == 404
    dishub = Client(HTTP_HOST=HOST_A)
    dishub.force_login(world.a.users["dishub"])
    page = dishub.get(f"/layanan/{lamp.tracking_number}/").content.decode()
    assert "Uraian rahasia 1111" in page
    assert "Pelapor 1111" not in page  # anonymous: the handling officer does not see who


def _cross_regency_references() -> list[str]:
    """Rows that point at a row of another regency, over every regency-keyed model."""
    found = []
    for model in apps.get_models():
        fields = {f.name: f for f in model._meta.concrete_fields}
        if "regency" not in fields:
            continue
        for field in model._meta.concrete_fields:
            target = field.related_model if field.is_relation else None
            if target is None or field.name == "regency":
                continue
            if not any(f.name == "regency" for f in target._meta.concrete_fields):
                continue
            bad = model._default_manager.exclude(**{f"{field.name}__isnull": True}).exclude(  # type: ignore[attr-defined]
                **{f"{field.name}__regency_id": models_f("regency_id")}
            )
            if bad.exists():
                found.append(f"{model._meta.label}.{field.name}")
    return found


def models_f(name: str) -> Any:
    from django.db.models import F

    return F(name)


@pytest.mark.django_db
def test_jobs_keep_each_regency_to_itself(world: World) -> None:
    from datetime import timedelta

    from django.utils import timezone

    for side in (world.a, world.b):
        assert side.other_request is not None
        ServiceRequest.objects.filter(pk=side.other_request.pk).update(
            due_at=timezone.now() - timedelta(days=3)
        )
    outcomes = run_due(force=True)
    assert {o.status for o in outcomes} <= {"ok", "skipped"}, outcomes
    for side in (world.a, world.b):
        assert side.other_request is not None
        escalated = ServiceRequest.objects.get(pk=side.other_request.pk)
        assert escalated.escalation_level >= 1
        assert escalated.status != Status.DITUTUP
    assert _cross_regency_references() == []


@pytest.mark.django_db
def test_offline_cash_stays_in_its_regency(world: World) -> None:
    """Both attendants (same code JKR-0777, same spot code) send late cash under the same
    key; each regency books its own, and each korlap list shows only its own records."""
    import time

    now_ms = int(time.time() * 1000)
    order_ids: dict[str, str] = {}
    for side in (world.a, world.b):
        records = [
            {
                "key": "shared-key-01",
                "spot": "TMK-01",
                "vehicle_class": "car",
                "captured_at": now_ms - 60_000,
            },
            {
                "key": f"old-{side.tag}",
                "spot": "TMK-01",
                "vehicle_class": "car",
                "captured_at": now_ms - 49 * 3600_000,
            },
        ]
        body = _api(
            side, "jukir", "POST", "/api/v1/parking/cash/offline", {"records": records}
        ).json()
        synced, refused = body["results"]
        assert (synced["status"], refused["status"]) == ("synced", "refused")
        order_ids[side.tag] = synced["event"]["order_id"]
    for side, other in ((world.a, world.b), (world.b, world.a)):
        for who in ("korlap", "admin", "dishub"):
            client = Client(HTTP_HOST=HOST_B if side.tag == "2222" else HOST_A)
            client.force_login(side.users[who])
            page = client.get("/parking/luring/").content.decode()
            assert order_ids[side.tag] in page and order_ids[other.tag] not in page, who
            assert page.count("JKR-0777") >= 2  # own synced and refused rows
