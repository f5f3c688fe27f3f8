"""The monthly Bapenda PAD recap as XLSX, read back with openpyxl."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from kotacerdas.core.models import OPD, Role
from kotacerdas.parking.models import RevenueTarget, Spot
from kotacerdas.parking.seed import _potential
from kotacerdas.parking.services.events import cash_record
from tests.factories import user_with

pytestmark = pytest.mark.django_db


def test_pad_recap_month_against_target(street, kobar) -> None:  # type: ignore[no-untyped-def]
    _potential(street.regency)
    cash_record(attendant=street.jukir, spot=street.spot, vehicle_class="car")
    cash_record(attendant=street.other, spot=street.other_spot, vehicle_class="motorcycle")
    cash_record(attendant=kobar.jukir, spot=kobar.spot, vehicle_class="car")
    today = timezone.localdate()
    RevenueTarget.objects.filter(regency=street.regency, year=today.year, month=today.month).update(
        amount=1_200_000
    )
    client = Client()
    client.force_login(user_with(Role.OFFICER, opd=OPD.objects.get(code="bapenda")))
    response = client.get("/parking/laporan/pad.xlsx", {"tahun": today.year, "bulan": today.month})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(BytesIO(response.content)).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    labels = {r[0]: r for r in rows if r and r[0]}
    assert labels["Target APBD"][1] == 1_200_000
    assert labels["Realisasi"][1] == 6000 and labels["  Tunai"][1] == 6000
    assert labels["% terhadap target"][1] == 0.5
    spots = {r[0] for r in rows[rows.index(labels["Titik"]) + 1 :] if r[0] not in (None, "Jumlah")}
    active = set(
        Spot.objects.filter(regency=street.regency, is_active=True).values_list("code", flat=True)
    )
    assert spots == active  # every spot, zero-revenue included, none of the neighbour's
    assert labels["Jumlah"][6] == 6000


@pytest.mark.parametrize(
    "params", [{"tahun": "20x6"}, {"bulan": "13"}, {"tahun": "١٢٣٤"}, {"tahun": "9" * 30}]
)
def test_pad_recap_refuses_bad_months(street, params) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user_with(Role.OFFICER))
    response = client.get("/parking/laporan/pad.xlsx", params, follow=True)
    assert response.status_code == 200 and "tahun" in response.content.decode()


def test_pad_recap_pdf_parses_and_carries_the_figures(street, kobar) -> None:  # type: ignore[no-untyped-def]
    """Read back with pypdf, an independent PDF reader: the month's target, realisation
    and each of the regency's spots are there, the neighbour regency's spots are not."""
    from pypdf import PdfReader

    _potential(street.regency)
    cash_record(attendant=street.jukir, spot=street.spot, vehicle_class="car")
    cash_record(attendant=street.other, spot=street.other_spot, vehicle_class="motorcycle")
    cash_record(attendant=kobar.jukir, spot=kobar.spot, vehicle_class="car")
    today = timezone.localdate()
    RevenueTarget.objects.filter(regency=street.regency, year=today.year, month=today.month).update(
        amount=1_200_000
    )
    client = Client()
    client.force_login(user_with(Role.OFFICER, opd=OPD.objects.get(code="bapenda")))
    response = client.get("/parking/laporan/pad.pdf", {"tahun": today.year, "bulan": today.month})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Rekapitulasi Retribusi Parkir" in text
    assert "Target APBD" in text and "Rp1.200.000" in text
    assert "Realisasi" in text and "Rp6.000" in text
    assert "0,5%" in text
    for code in Spot.objects.filter(regency=street.regency, is_active=True).values_list(
        "code", flat=True
    ):
        assert code in text
    assert kobar.spot.code not in text and "Pasar Indra Sari" not in text
    assert reader.metadata is not None and "Rekap PAD" in str(reader.metadata.title)


def test_pad_recap_pdf_is_for_levy_staff_only(street) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user_with(Role.OFFICER, opd=OPD.objects.get(code="pupr")))
    assert client.get("/parking/laporan/pad.pdf").status_code == 403
    client.force_login(user_with(Role.OFFICER))
    bad = client.get("/parking/laporan/pad.pdf", {"bulan": "13"}, follow=True)
    assert bad.status_code == 200 and "tahun" in bad.content.decode()
