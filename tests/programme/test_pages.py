"""Public dashboard, open data and staff pages: what they show, to whom, and what
they must never show (personal data, another regency's drafts)."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client

from kotacerdas.core.models import OPD, Role
from kotacerdas.programme.demo import katingan
from kotacerdas.programme.models import (
    Element,
    Horizon,
    KpiDefinition,
    KpiValue,
    Programme,
    ProgressUpdate,
)
from kotacerdas.programme.services.kpi import kpi_store_automatic, kpi_value_submit
from tests.factories import user_with
from tests.programme.conftest import pdf
from tests.programme.fixtures import qris_cash_mix, service_request, wib

pytestmark = pytest.mark.django_db

PERSONAL = ["Nama Pelapor Rahasia", "081234567890", "pelapor@contoh.id", "6202010101900099"]


@pytest.fixture
def live(programme, street, catalogue, secretariat):  # type: ignore[no-untyped-def]
    """Operations with personal data in them, stored KPI values, one programme."""
    qris_cash_mix(street)
    lamp = catalogue["lampu-jalan"]
    service_request(
        programme,
        lamp,
        requested=wib(2026, 2, 2),
        resolved=wib(2026, 2, 4),
        rating=5,
        rated=wib(2026, 2, 5),
    )
    kpi_store_automatic(regency=programme, as_of=date(2026, 2, 28))
    Programme.objects.create(
        regency=programme,
        code="parkir-qris",
        element=Element.objects.get(code="SE-TR"),
        name="Retribusi parkir QRIS",
        horizon=Horizon.QUICK_WIN,
        lead_opd=OPD.objects.get(regency=programme, code="dishub"),
        progress_pct=40,
        status="running",
    )
    return programme


def test_dashboard_shows_stored_values_and_svg_charts(live) -> None:  # type: ignore[no-untyped-def]
    response = Client().get("/smartcity/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="id"' in html
    assert "60 %" in html  # cashless share by count, from the stored value
    assert "Rp14.000" in html  # levy realised
    assert html.count('class="pg-chart"') == KpiDefinition.objects.filter(regency=live).count()
    assert "pg-target" in html  # the yearly target line
    assert "<script" not in html
    assert len(response.content) < 100 * 1024


def test_open_data_has_no_personal_data(live, secretariat) -> None:  # type: ignore[no-untyped-def]
    kpi_value_submit(
        definition=KpiDefinition.objects.get(regency=live, code="data-terbuka"),
        period_start=date(2025, 1, 1),
        period_end=date(2025, 12, 31),
        value=Decimal("40"),
        note="Dicatat oleh Nama Pelapor Rahasia",
        evidence=pdf(),
        actor=secretariat,
    )
    client = Client()
    catalog = client.get("/data/catalog.json")
    assert catalog["Content-Type"].startswith("application/ld+json")
    doc = catalog.json()
    assert doc["@type"] == "dcat:Catalog"
    assert (
        "Diskominfo" in doc["dct:publisher"]["foaf:name"]
        or "Komunikasi" in doc["dct:publisher"]["foaf:name"]
    )
    assert doc["dct:license"].startswith("https://creativecommons.org/")
    urls = [d["dcat:downloadURL"] for ds in doc["dcat:dataset"] for d in ds["dcat:distribution"]]
    assert all(
        ds["dct:accrualPeriodicity"].startswith("http://purl.org/cld/freq/")
        for ds in doc["dcat:dataset"]
    )
    bodies = [catalog.content.decode()]
    for url in urls:
        response = client.get(url.replace("http://testserver", ""))
        assert response.status_code == 200, url
        bodies.append(response.content.decode())
    bodies.append(client.get("/api/v1/smartcity/kpis").content.decode())
    everything = "\n".join(bodies)
    for secret in [*PERSONAL, secretariat.username, secretariat.email, "bukti", ".pdf"]:
        assert secret not in everything
    assert "Nama Pelapor" not in everything  # not even the note of a manual value


def test_kpi_series_formats(live) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    rows = list(
        csv.DictReader(
            io.StringIO(client.get("/data/indikator/parkir-nontunai-jumlah.csv").content.decode())
        )
    )
    assert rows[0]["nilai"] == "60" and rows[0]["periode_akhir"] == "2026-02-28"
    assert rows[0]["pembilang"] == "3" and rows[0]["penyebut"] == "5"
    ngsi = client.get("/data/indikator/parkir-nontunai-jumlah.ngsi-ld.json").json()
    entity = ngsi[0]
    assert entity["type"] == "KeyPerformanceIndicator"
    assert entity["kpiValue"]["value"] == 60.0
    assert entity["process"]["value"] == "SE-TR"
    assert entity["calculationPeriod"]["value"] == {"from": "2026-01-01", "to": "2026-02-28"}
    assert entity["calculationMethod"]["value"] == "automatic"
    for key in ("name", "organization", "calculationFrequency", "category", "kpiValue"):
        assert key in entity  # the model's mandatory attributes
    programmes = client.get("/data/program.json").json()["program"]
    assert {p["kode"] for p in programmes} == {"parkir-qris"}
    assert client.get("/data/program.xml").status_code == 404


def test_two_regencies_never_see_each_others_drafts(live, secretariat) -> None:  # type: ignore[no-untyped-def]
    other = katingan()
    their_officer = user_with(
        Role.OFFICER, regency=other, opd=OPD.objects.get(regency=other, code="bapperida")
    )
    draft = kpi_value_submit(
        definition=KpiDefinition.objects.get(regency=other, code="data-terbuka"),
        period_start=date(2025, 1, 1),
        period_end=date(2025, 12, 31),
        value=Decimal("77.7"),
        note="",
        evidence=pdf(),
        actor=their_officer,
    )
    ours = kpi_value_submit(
        definition=KpiDefinition.objects.get(regency=live, code="data-terbuka"),
        period_start=date(2025, 1, 1),
        period_end=date(2025, 12, 31),
        value=Decimal("33.3"),
        note="",
        evidence=pdf(),
        actor=secretariat,
    )
    mine = Client()
    mine.force_login(secretariat)
    page = mine.get("/program/indikator/").content.decode()
    assert "33,3" in page and "77,7" not in page
    assert (
        mine.post(
            f"/program/indikator/nilai/{draft.pk}/putuskan", {"decision": "approve"}
        ).status_code
        == 404
    )
    assert mine.get(f"/program/berkas/nilai/{draft.pk}").status_code == 404
    theirs = Client()
    theirs.force_login(their_officer)
    page = theirs.get("/program/indikator/").content.decode()
    assert "77,7" in page and "33,3" not in page
    assert theirs.get(f"/program/berkas/nilai/{ours.pk}").status_code == 404
    assert theirs.get("/program/p/parkir-qris/").status_code == 404
    # Drafts are not public either, in either regency.
    assert "77" not in Client().get("/data/indikator/data-terbuka.csv?kode=6206").content.decode()
    draft.refresh_from_db()
    assert draft.status == "submitted"


def test_national_view_shows_published_regencies(live) -> None:  # type: ignore[no-untyped-def]
    katingan()
    html = Client().get("/smartcity/nasional/").content.decode()
    assert "Kabupaten Katingan" in html and "ilustrasi" in html
    # Katingan's illustrative locked cycle: .28 + .60 + .81 + .58 + .62 = 2.89.
    assert "2,89" in html
    assert Client().get("/smartcity/?kode=6206").status_code == 200
    assert Client().get("/smartcity/?kode=9999").status_code == 404
    assert Client().get("/smartcity/?kode=６２０６").status_code == 404


def test_progress_by_lead_opd_with_evidence(live, dishub_officer, make_user) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(dishub_officer)
    url = "/program/p/parkir-qris/"
    bad = client.post(
        url,
        {
            "reported_on": "2026-02-01",
            "progress_pct": "101",
            "status": "running",
            "note": "x",
            "evidence": pdf(),
        },
    )
    assert "antara 0 dan 100" in bad.content.decode() or "0–100" in bad.content.decode()
    for progress in ("٥٠", "1e3", "50\x00"):
        response = client.post(
            url,
            {
                "reported_on": "2026-02-01",
                "progress_pct": progress,
                "status": "running",
                "note": "x",
                "evidence": pdf(),
            },
        )
        # A NUL byte is refused by the input guard before the form sees it.
        assert response.status_code == (400 if "\x00" in progress else 200)
    assert not ProgressUpdate.objects.exists()
    ok = client.post(
        url,
        {
            "reported_on": "2026-02-01",
            "progress_pct": "55",
            "status": "running",
            "note": "Uji coba di PPM",
            "evidence": pdf(),
        },
    )
    assert ok.status_code == 302
    assert Programme.objects.get(code="parkir-qris").progress_pct == 55
    other = make_user(Role.OFFICER, opd=OPD.objects.get(regency=live, code="pupr"))
    client.force_login(other)
    assert (
        client.post(
            url,
            {
                "reported_on": "2026-02-01",
                "progress_pct": "60",
                "status": "running",
                "note": "x",
                "evidence": pdf(),
            },
        ).status_code
        == 403
    )
    assert KpiValue.objects.filter(status="submitted").count() == 0
