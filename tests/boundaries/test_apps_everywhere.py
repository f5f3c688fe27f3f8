"""The newer apps (citizen accounts, programme, partners, training, innovation, parking
alerts and reports) walked with two regencies: every page, export and API operation, as
every role of each regency, never shows, changes or counts the other regency's data; an
officer never sees another OPD's rows. The world is built once for the module
(``app_world`` in conftest.py)."""

from __future__ import annotations

import io
import json
from html import escape as html_escape
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.http import HttpResponse
from django.test import Client

from kotacerdas.core.models import AuditLog
from tests.boundaries.app_paths import APP_PATHS, PUBLIC_DOCUMENTS
from tests.boundaries.conftest import clients, host
from tests.boundaries.world import Side
from tests.boundaries.world_apps import Apps, AppWorld, app_secrets


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
    return Client(HTTP_HOST=host(side)).get(path, HTTP_AUTHORIZATION=f"Bearer {side.tokens[who]}")


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


# The back office for the newer apps' models (tests/boundaries/test_admin.py walks the
# rest with the smaller world): every changelist and change page, as every staff user of
# the other regency.

APP_LABELS = {"accounts", "programme", "partners", "training", "innovation", "parking"}
# Every kind of staff reader once (b reads a); the other direction with the widest and
# the narrowest reader only, which keeps the walk to a minute.
ADMIN_STAFF = {
    "b-reads-a": ["admin", "auditor", "dishub", "pupr", "bkpsdm", "bapperida"],
    "a-reads-b": ["admin", "pupr"],
}


def _app_models() -> list[Any]:
    from tests.boundaries.test_admin import _registered

    return [m for m in _registered() if m._meta.app_label in APP_LABELS]


@pytest.mark.parametrize("direction", DIRECTIONS)
def test_admin_of_the_new_apps_keeps_to_the_callers_regency(aw: AppWorld, direction: str) -> None:
    from tests.boundaries.test_admin import _admin_url, _rows_of

    reader, other, other_apps = sides(aw, direction)
    secrets = app_secrets(other, other_apps)
    models = _app_models()
    assert len(models) > 10
    opened = 0
    for who in ADMIN_STAFF[direction]:
        client = clients(reader)[who]
        for model in models:
            response = client.get(_admin_url(model, "changelist"))
            assert response.status_code in (200, 403), (who, model, response.status_code)
            if response.status_code == 200:
                opened += 1
                body = response.content.decode()
                for secret in secrets:
                    assert secret not in body, (who, model, secret)
                for row in response.context["cl"].queryset:
                    regency_id = getattr(row, "regency_id", None)
                    assert regency_id in (None, reader.regency.pk), (who, model, row)
            for row in _rows_of(model, other)[:1]:
                page = client.get(_admin_url(model, "change", row.pk))
                assert page.status_code in (302, 403, 404), (who, model, row.pk)
                if page.status_code == 403 and response.status_code == 403:
                    continue  # the model is closed to this reader: a POST meets the same check
                post = client.post(_admin_url(model, "change", row.pk), {"name": "diubah"})
                assert post.status_code in (302, 403, 404), (who, model, row.pk)
    assert opened  # the walk really read changelists
