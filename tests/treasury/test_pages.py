"""The reconciliation pages as people use them: Dishub imports and resolves, Bapenda
signs, auditors only read, a bad file shows its line numbers, pages stay small."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from kotacerdas.core.models import OPD, Regency, Role
from kotacerdas.treasury.models import ImportFile, Mismatch, MismatchStatus, SignOff
from tests.boundaries.world import SECOND
from tests.factories import user_with
from tests.treasury.conftest import midtrans_csv, paid_charge, quiet_monday

pytestmark = pytest.mark.django_db

DAY_URL = "/keuangan/rekonsiliasi/"
IMPORT_URL = "/keuangan/rekonsiliasi/impor/"


def _client(role: Role, opd: str = "dishub", regency: Regency | None = None) -> Client:
    kwargs: dict[str, object] = {}
    if role == Role.OFFICER:
        kwargs["opd"] = OPD.objects.get(regency=regency or Regency.objects.first(), code=opd)
    if regency is not None:
        kwargs["regency"] = regency
    client = Client()
    client.force_login(user_with(role, **kwargs))
    return client


def _upload(client: Client, body: bytes, kind: str = "midtrans") -> str:
    response = client.post(
        IMPORT_URL, {"kind": kind, "file": SimpleUploadedFile("laporan.csv", body)}, follow=True
    )
    assert response.status_code == 200
    return response.content.decode()


def test_dishub_imports_resolves_and_bapenda_signs(regency: Regency) -> None:
    day = quiet_monday(regency)
    paid_charge(regency, day, order_id="PKR-HAL-1")
    dishub = _client(Role.OFFICER)
    page = _upload(dishub, midtrans_csv([("PKR-HAL-1", "mt-h1", 2000, 20, day)]))
    assert "1 baris baru" in page
    assert "sudah pernah diimpor" in _upload(
        dishub, midtrans_csv([("PKR-HAL-1", "mt-h1", 2000, 20, day)])
    )
    day_page = dishub.get(f"{DAY_URL}?tanggal={day.isoformat()}").content.decode()
    assert "Biaya MDR berbeda" in day_page and "Rp2.000" in day_page
    assert len(day_page.encode()) < 100_000
    mismatch = Mismatch.objects.get(regency=regency, day=day, kind="fee_differs")
    url = f"/keuangan/rekonsiliasi/selisih/{mismatch.pk}/"
    dishub.post(url, {"note": "Tarif MDR gateway naik, adendum kontrak menyusul."})
    mismatch.refresh_from_db()
    assert mismatch.status == MismatchStatus.RESOLVED
    for other in Mismatch.objects.filter(regency=regency, status=MismatchStatus.OPEN):
        dishub.post(f"/keuangan/rekonsiliasi/selisih/{other.pk}/", {"note": "Dicek, sesuai."})
    assert "Sahkan hari ini" not in day_page  # Dishub cannot sign
    dishub.post(f"{DAY_URL}?tanggal={day.isoformat()}", {"note": "x"})
    assert not SignOff.objects.exists()
    bapenda = _client(Role.OFFICER, opd="bapenda")
    page = bapenda.get(f"{DAY_URL}?tanggal={day.isoformat()}").content.decode()
    assert "Sahkan hari ini" in page
    bapenda.post(f"{DAY_URL}?tanggal={day.isoformat()}", {"note": "Sesuai rekening koran"})
    assert SignOff.objects.filter(regency=regency, start=day).exists()
    page = bapenda.get(f"{DAY_URL}?tanggal={day.isoformat()}").content.decode()
    assert "terkunci" in page
    month = bapenda.get(f"/keuangan/rekonsiliasi/bulan/?bulan={day:%Y-%m}").content.decode()
    assert "Rp2.000" in month and len(month.encode()) < 100_000


def test_a_bad_file_lists_its_lines_in_indonesian(regency: Regency) -> None:
    day = quiet_monday(regency)
    body = midtrans_csv([("PKR-1", "mt-1", 2000, 14, day)])
    body += b"PKR-2,mt-2,qris,settlement,20.00.00,14.00,,2026-01-01 10:00:00\n"
    page = _upload(_client(Role.ADMIN), body)
    assert "Baris 3" in page and "ditolak seluruhnya" in page
    assert not ImportFile.objects.exists()


def test_auditors_read_but_never_write(regency: Regency) -> None:
    auditor = _client(Role.AUDITOR)
    assert auditor.get(IMPORT_URL).status_code == 200
    response = auditor.post(
        IMPORT_URL,
        {"kind": "midtrans", "file": SimpleUploadedFile("a.csv", midtrans_csv([]))},
    )
    assert response.status_code == 403
    assert _client(Role.OFFICER, opd="pupr").get(DAY_URL).status_code == 403


@pytest.mark.parametrize(
    "query",
    ["?tanggal=2026-13-45", "?tanggal=９９９９-01-01", "?tanggal=9999-01-01", "?tanggal=2026-1-1"],
)
def test_bad_dates_get_a_message_not_an_error(regency: Regency, query: str) -> None:
    response = _client(Role.ADMIN).get(DAY_URL + query)
    assert response.status_code == 200
    assert "Tanggal tidak sah" in response.content.decode()
    month = _client(Role.ADMIN).get("/keuangan/rekonsiliasi/bulan/?bulan=99999-1")
    assert month.status_code == 200 and "Bulan tidak sah" in month.content.decode()


def test_another_regency_gets_no_mismatch_page(regency: Regency) -> None:
    day = quiet_monday(regency)
    paid_charge(regency, day - timedelta(days=7), order_id="PKR-RAHASIA")
    from kotacerdas.treasury.services.recon import recon_run

    recon_run(regency=regency)
    row = Mismatch.objects.get(regency=regency, order_id="PKR-RAHASIA")
    other, _ = Regency.objects.get_or_create(code=SECOND["code"], defaults=SECOND)
    admin = Client()
    admin.force_login(user_with(Role.ADMIN, regency=other))
    assert admin.get(f"/keuangan/rekonsiliasi/selisih/{row.pk}/").status_code == 404
    page = admin.get(f"{DAY_URL}?tanggal={row.day.isoformat()}").content.decode()
    assert "PKR-RAHASIA" not in page
