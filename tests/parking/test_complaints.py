"""One-tap complaints from the verification page land in the public-services queue as
"Pengaduan Parkir", routed to Dishub."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(street):  # type: ignore[no-untyped-def]
    from kotacerdas.services.seed import seed_catalogue

    seed_catalogue(street.regency)
    return street


def test_driver_reports_a_fake_qr_and_dishub_gets_it(catalogue) -> None:  # type: ignore[no-untyped-def]
    from kotacerdas.services.models import ServiceRequest

    client = Client()
    response = client.post(
        "/v/JKR-0101/lapor",
        {"kind": "qr_palsu", "description": "Stiker QR beda nama", "contact": "warga@contoh.id"},
        follow=True,
    )
    page = response.content.decode()
    assert "Laporan diterima dengan nomor" in page
    filed = ServiceRequest.objects.get()
    assert filed.tracking_number in page
    assert filed.opd.code == "dishub"
    assert "JKR-0101" in (filed.description + str(filed.attributes))
    assert "warga@contoh.id" not in page


def test_unknown_kind_files_nothing(catalogue) -> None:  # type: ignore[no-untyped-def]
    from kotacerdas.services.models import ServiceRequest

    page = Client().post("/v/JKR-0101/lapor", {"kind": "lainnya"}, follow=True).content.decode()
    assert "Pilih jenis laporan" in page
    assert not ServiceRequest.objects.exists()


def test_complaints_are_rate_limited_per_address(catalogue) -> None:  # type: ignore[no-untyped-def]
    from kotacerdas.parking.views_public import COMPLAINTS_PER_HOUR
    from kotacerdas.services.models import ServiceRequest

    client = Client()
    for _ in range(COMPLAINTS_PER_HOUR + 2):
        client.post("/v/JKR-0101/lapor", {"kind": "minta_tunai"})
    assert ServiceRequest.objects.count() == COMPLAINTS_PER_HOUR
