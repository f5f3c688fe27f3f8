"""Edit pages for commitment sheets, the readiness assessment and the Bimtek stages:
who may edit, Indonesian refusals, nothing saved half-done, audit, second regency."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from kotacerdas.core.models import OPD, AuditLog
from kotacerdas.programme.errors import ProgrammeInputError
from kotacerdas.programme.models import BimtekStage, CommitmentSheet, ReadinessAssessment
from kotacerdas.programme.readiness import overall, shares
from kotacerdas.programme.services.files import MAX_EVIDENCE_BYTES
from kotacerdas.programme.services.masterplan import (
    bimtek_stage_update,
    commitment_create,
    readiness_set,
)
from tests.boundaries.world import second_regency
from tests.programme.conftest import PDF

pytestmark = pytest.mark.django_db


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def _files(settings) -> list[Path]:  # type: ignore[no-untyped-def]
    root = Path(settings.KOTACERDAS_PRIVATE_MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


# --- readiness scoring (pure) ---------------------------------------------------------


def test_readiness_shares_as_in_the_doc() -> None:
    wonogiri = shares(51, 32, 17)  # the doc's example: 51 / 32 / 17 %
    assert wonogiri is not None
    assert (wonogiri.good, wonogiri.moderate, wonogiri.poor) == (
        Decimal("51.0"),
        Decimal("32.0"),
        Decimal("17.0"),
    )
    thirds = shares(1, 1, 1)
    assert thirds is not None and thirds.good == Decimal("33.3") and thirds.total == 3
    two_thirds = shares(2, 1, 0)
    assert two_thirds is not None and two_thirds.good == Decimal("66.7")  # half up
    assert shares(0, 0, 0) is None  # nothing counted: no score, not 0 %
    everything = overall([(10, 7, 3), (8, 8, 4), (9, 6, 5)])  # 27 / 21 / 12 of 60
    assert everything is not None
    assert (everything.good, everything.moderate, everything.poor) == (
        Decimal("45.0"),
        Decimal("35.0"),
        Decimal("20.0"),
    )
    with pytest.raises(ValueError):
        shares(-1, 2, 3)
    with pytest.raises(ValueError):
        shares(10**6, 0, 0)


# --- commitment sheets ----------------------------------------------------------------


def _sheet_form(regency, **changes: object) -> dict[str, object]:  # type: ignore[no-untyped-def]
    form: dict[str, object] = {
        "signatory": "Kepala Diskominfo",
        "opd": OPD.objects.get(regency=regency, code="diskominfo").pk,
        "signed_on": "2022-09-22",
        "scan": SimpleUploadedFile("komitmen.pdf", PDF, content_type="application/pdf"),
    }
    form.update(changes)
    return {k: v for k, v in form.items() if v is not None}


def test_secretariat_adds_and_edits_a_commitment_sheet(programme, secretariat, settings) -> None:  # type: ignore[no-untyped-def]
    client = _client(secretariat)
    response = client.post("/program/komitmen/", _sheet_form(programme))
    assert response.status_code == 302
    sheet = CommitmentSheet.objects.get(regency=programme)
    assert sheet.signatory == "Kepala Diskominfo" and sheet.opd is not None
    assert sheet.signed_on == date(2022, 9, 22) and sheet.scan_name.endswith(".pdf")
    assert "/" not in Path(sheet.scan_name).name.removesuffix(".pdf")  # random name
    assert len(_files(settings)) == 1
    page = client.get("/program/komitmen/").content.decode()
    assert "Kepala Diskominfo" in page and f"/program/berkas/komitmen/{sheet.pk}" in page
    download = client.get(f"/program/berkas/komitmen/{sheet.pk}")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF  # type: ignore[attr-defined]
    assert AuditLog.objects.filter(action="programme.commitment.create").count() == 1

    # Edit without a new scan: the stored scan stays.
    first_scan = sheet.scan_name
    edit = _sheet_form(programme, signatory="Kepala Dinas Kominfo", scan=None, opd="")
    assert client.post(f"/program/komitmen/{sheet.pk}/", edit).status_code == 302
    sheet.refresh_from_db()
    assert (sheet.signatory, sheet.opd, sheet.scan_name) == (
        "Kepala Dinas Kominfo",
        None,
        first_scan,
    )
    # A new scan replaces it; the audit record keeps both names.
    client.post(f"/program/komitmen/{sheet.pk}/", _sheet_form(programme))
    sheet.refresh_from_db()
    assert sheet.scan_name != first_scan
    update = AuditLog.objects.filter(action="programme.commitment.update").order_by("-id")[0]
    assert update.before["scan_name"] == first_scan
    assert update.after["scan_name"] == sheet.scan_name


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"scan": SimpleUploadedFile("komitmen.txt", b"teks", content_type="text/plain")},
            "PDF, JPG atau PNG",
        ),
        (
            {
                "scan": SimpleUploadedFile(
                    "komitmen.pdf", b"MZ\x90\x00", content_type="application/pdf"
                )
            },
            "bukan PDF",
        ),
        (
            {"scan": SimpleUploadedFile("komitmen.png", PDF, content_type="application/pdf")},
            "tidak sesuai",
        ),
        (
            {
                "scan": SimpleUploadedFile(
                    "k.pdf", PDF + b"0" * MAX_EVIDENCE_BYTES, content_type="application/pdf"
                )
            },
            "terlalu besar",
        ),
        ({"signatory": ""}, "wajib diisi"),
        ({"signatory": "x" * 121}, "paling panjang 120"),
        ({"signed_on": "9999-12-31"}, "antara tahun 2017 dan hari ini"),
        ({"signed_on": "2016-12-31"}, "antara tahun 2017"),
        ({"signed_on": "２０２２-09-22"}, "tanggal yang sah"),
        ({"signed_on": "2022-02-30"}, "tanggal yang sah"),
        ({"opd": "99999"}, "OPD tidak dikenal"),
        ({"opd": "²"}, "OPD harus bilangan bulat"),
    ],
)
def test_commitment_bad_input_saves_nothing(
    programme, secretariat, settings, changes, message
) -> None:  # type: ignore[no-untyped-def]
    response = _client(secretariat).post("/program/komitmen/", _sheet_form(programme, **changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not CommitmentSheet.objects.exists()
    assert _files(settings) == []  # no scan left behind either
    assert not AuditLog.objects.filter(action__startswith="programme.commitment").exists()


def test_future_signing_date_is_refused(programme, secretariat) -> None:  # type: ignore[no-untyped-def]
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = _client(secretariat).post(
        "/program/komitmen/", _sheet_form(programme, signed_on=tomorrow)
    )
    assert "hari ini" in response.content.decode() and not CommitmentSheet.objects.exists()


def test_only_the_secretariat_edits_and_regencies_stay_apart(  # type: ignore[no-untyped-def]
    programme, secretariat, dishub_officer, assessor, make_user
) -> None:
    sheet = CommitmentSheet.objects.create(
        regency=programme, signatory="Bupati", signed_on=date(2022, 9, 22)
    )
    for reader in (dishub_officer, assessor):
        client = _client(reader)
        page = client.get(f"/program/komitmen/{sheet.pk}/").content.decode()
        assert "Bupati" in page and 'name="signatory"' not in page
        assert client.post("/program/komitmen/", _sheet_form(programme)).status_code == 403
        assert (
            client.post(f"/program/komitmen/{sheet.pk}/", _sheet_form(programme)).status_code == 403
        )
    other = second_regency()
    theirs = CommitmentSheet.objects.create(
        regency=other, signatory="Wali Kota Lain", signed_on=date(2022, 1, 5)
    )
    client = _client(secretariat)
    assert client.get(f"/program/komitmen/{theirs.pk}/").status_code == 404
    assert client.post(f"/program/komitmen/{theirs.pk}/", _sheet_form(programme)).status_code == 404
    assert client.get(f"/program/berkas/komitmen/{theirs.pk}").status_code == 404
    assert "Wali Kota Lain" not in client.get("/program/komitmen/").content.decode()
    # An office of the other regency is not accepted for this regency's sheet.
    foreign_opd = OPD.objects.get(regency=other, code="diskominfo").pk
    response = client.post("/program/komitmen/", _sheet_form(programme, opd=foreign_opd))
    assert "OPD tidak dikenal" in response.content.decode()
    assert CommitmentSheet.objects.filter(regency=programme).count() == 1


# --- readiness assessment -------------------------------------------------------------


def _readiness_form(**changes: object) -> dict[str, object]:
    form: dict[str, object] = {"year": "2022"}
    for component, counts in (
        ("struktur", (10, 7, 3)),
        ("infrastruktur", (8, 8, 4)),
        ("suprastruktur", (9, 6, 5)),
    ):
        for cond, n in zip(("good", "moderate", "poor"), counts, strict=True):
            form[f"{component}_{cond}"] = str(n)
    form.update(changes)
    return form


def test_secretariat_records_a_readiness_year(programme, secretariat) -> None:  # type: ignore[no-untyped-def]
    client = _client(secretariat)
    assert client.post("/program/kesiapan/", _readiness_form()).status_code == 302
    rows = {
        r.component: r for r in ReadinessAssessment.objects.filter(regency=programme, year=2022)
    }
    assert (rows["struktur"].good, rows["struktur"].moderate, rows["struktur"].poor) == (10, 7, 3)
    page = client.get("/program/kesiapan/").content.decode()
    assert "10 (50,0%)" in page and "7 (35,0%)" in page  # struktur: 10 / 7 / 3 of 20
    assert "45,0%" in page and "35,0%" in page and "20,0%" in page  # all 60 items
    # Saving the year again replaces the counts (one row per component and year).
    client.post("/program/kesiapan/", _readiness_form(struktur_good="12"))
    assert ReadinessAssessment.objects.filter(regency=programme).count() == 3
    assert ReadinessAssessment.objects.get(regency=programme, component="struktur").good == 12
    log = AuditLog.objects.filter(action="programme.readiness.set").order_by("-id")[0]
    assert log.before["struktur"] == [10, 7, 3] and log.after["struktur"] == [12, 7, 3]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"suprastruktur_good": "0", "suprastruktur_moderate": "0", "suprastruktur_poor": "0"},
            "belum berisi butir",
        ),
        ({"suprastruktur_poor": "-1"}, "harus bilangan bulat 0–9999"),
        ({"infrastruktur_good": "²"}, "harus bilangan bulat 0–9999"),
        ({"infrastruktur_good": "9" * 40}, "harus bilangan bulat 0–9999"),
        ({"struktur_moderate": ""}, "harus bilangan bulat"),
        ({"year": "2016"}, "Tahun harus bilangan bulat 2017"),
        ({"year": "9999"}, "Tahun harus bilangan bulat 2017"),
    ],
)
def test_readiness_bad_input_saves_nothing(programme, secretariat, changes, message) -> None:  # type: ignore[no-untyped-def]
    response = _client(secretariat).post("/program/kesiapan/", _readiness_form(**changes))
    assert response.status_code == 200 and message in response.content.decode()
    assert not ReadinessAssessment.objects.exists()  # all three or none
    assert not AuditLog.objects.filter(action="programme.readiness.set").exists()


def test_readiness_write_is_for_the_secretariat(programme, dishub_officer, assessor) -> None:  # type: ignore[no-untyped-def]
    for user in (dishub_officer, assessor):
        client = _client(user)
        assert client.get("/program/kesiapan/").status_code == 200
        assert client.post("/program/kesiapan/", _readiness_form()).status_code == 403
    assert not ReadinessAssessment.objects.exists()


# --- Bimtek stages ----------------------------------------------------------------------


def test_secretariat_updates_a_bimtek_stage(programme, secretariat) -> None:  # type: ignore[no-untyped-def]
    client = _client(secretariat)
    form = {
        "stage": "2",
        "start_date": "2022-07-13",
        "end_date": "2022-07-14",
        "mentors": "Mentor Kominfo",
        "outputs": "Tabel program per dimensi",
        "is_done": "1",
    }
    assert client.post("/program/bimtek/", form).status_code == 302
    stage = BimtekStage.objects.get(regency=programme, stage=2)
    assert (stage.start_date, stage.end_date, stage.is_done) == (
        date(2022, 7, 13),
        date(2022, 7, 14),
        True,
    )
    page = client.get("/program/bimtek/").content.decode()
    assert "Bimtek II" in page and "Mentor Kominfo" in page and "13 Juli 2022" in page
    assert AuditLog.objects.filter(action="programme.bimtek.update").count() == 1
    # Clearing the end date and the mentors is an edit too.
    client.post("/program/bimtek/", {**form, "end_date": "", "mentors": ""})
    stage.refresh_from_db()
    assert stage.end_date is None and stage.mentors == ""


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"end_date": "2022-07-01"}, "tidak boleh sebelum"),
        ({"start_date": "9999-12-31", "end_date": "", "is_done": ""}, "antara tahun 2017"),
        ({"start_date": "0001-01-01"}, "antara tahun 2017"),
        ({"start_date": "", "end_date": ""}, "harus punya tanggal mulai"),
        ({"stage": "5"}, "Tahap harus bilangan bulat 1–4"),
        ({"stage": "²"}, "Tahap harus bilangan bulat 1–4"),
        ({"mentors": "x" * 301}, "Mentor paling panjang 300"),
    ],
)
def test_bimtek_bad_input_saves_nothing(programme, secretariat, changes, message) -> None:  # type: ignore[no-untyped-def]
    form = {"stage": "2", "start_date": "2022-07-13", "end_date": "2022-07-14", "is_done": "1"}
    response = _client(secretariat).post("/program/bimtek/", {**form, **changes})
    assert response.status_code == 200 and message in response.content.decode()
    assert not BimtekStage.objects.exists()
    assert not AuditLog.objects.filter(action="programme.bimtek.update").exists()


def test_a_done_stage_cannot_lie_in_the_future(programme, secretariat) -> None:  # type: ignore[no-untyped-def]
    soon = (timezone.localdate() + timedelta(days=10)).isoformat()
    form = {"stage": "3", "start_date": soon, "is_done": "1"}
    response = _client(secretariat).post("/program/bimtek/", form)
    assert "tidak di masa depan" in response.content.decode()
    # Planned (not yet done) with a future date is fine.
    assert _client(secretariat).post("/program/bimtek/", {**form, "is_done": ""}).status_code == 302


def test_bimtek_write_is_for_the_secretariat(programme, dishub_officer, assessor) -> None:  # type: ignore[no-untyped-def]
    BimtekStage.objects.create(regency=programme, stage=1, mentors="Mentor Satu")
    other = second_regency()
    BimtekStage.objects.create(regency=other, stage=1, mentors="Mentor Daerah Lain")
    for user in (dishub_officer, assessor):
        client = _client(user)
        page = client.get("/program/bimtek/").content.decode()
        assert "Mentor Satu" in page and "Mentor Daerah Lain" not in page
        assert 'name="mentors"' not in page
        response = client.post("/program/bimtek/", {"stage": "1", "mentors": "Diubah"})
        assert response.status_code == 403
    assert BimtekStage.objects.get(regency=programme, stage=1).mentors == "Mentor Satu"


def test_services_refuse_nul_bytes(programme, secretariat) -> None:  # type: ignore[no-untyped-def]
    """The request guard refuses NUL bytes before a view runs; the services refuse
    them too, for any other caller."""
    with pytest.raises(ProgrammeInputError, match="Penanda tangan"):
        commitment_create(
            regency=programme,
            signatory="Bupati\x00",
            opd=None,
            signed_on=date(2022, 9, 22),
            scan=None,
            is_illustrative=False,
            actor=secretariat,
        )
    with pytest.raises(ProgrammeInputError, match="Keluaran"):
        bimtek_stage_update(
            regency=programme,
            stage=1,
            start_date=None,
            end_date=None,
            mentors="",
            outputs="Buku\x00",
            is_done=False,
            actor=secretariat,
        )
    with pytest.raises(ProgrammeInputError, match="ketiga komponen"):
        readiness_set(
            regency=programme,
            year=2022,
            counts={"struktur": (1, 1, 1)},
            is_illustrative=False,
            actor=secretariat,
        )
    assert not CommitmentSheet.objects.exists() and not BimtekStage.objects.exists()
