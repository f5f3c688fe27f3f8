from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import load_workbook

from kotacerdas.core.kpis import kpi_source
from kotacerdas.training.models import ExternalCertificate, JpEntry
from kotacerdas.training.selectors_jp import compliance_by_opd, compliance_rows
from kotacerdas.training.services.external import external_review, external_submit
from kotacerdas.training.workflow import TrainingRefused
from tests.training.conftest import make_asn, officer_of

PDF = b"%PDF-1.4 sertifikat"


def upload(data: bytes = PDF, name: str = "dts.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def submit(asn, jp: str = "20", when: date = date(2026, 6, 1), data: bytes = PDF):  # type: ignore[no-untyped-def]
    return external_submit(
        asn=asn,
        title="GTA: Transformasi digital pemerintahan",
        provider="Komdigi – Digital Talent Scholarship",
        jp=jp,
        completed_on=when,
        upload=upload(data),
        actor=asn.user or officer_of("bkpsdm"),
        today=date(2026, 11, 30),
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "jp", "when", "fragment"),
    [
        (b"GIF89a", "20", date(2026, 6, 1), "PDF, JPEG atau PNG"),
        (b"%PDF" + b"x" * (5 * 1024 * 1024), "20", date(2026, 6, 1), "terlalu besar"),
        (PDF, "0", date(2026, 6, 1), "1–200"),
        (PDF, "２０", date(2026, 6, 1), "1–200"),  # full-width digits
        (PDF, "20", date(2027, 1, 1), "masa depan"),
    ],
)
def test_external_certificates_with_bad_files_or_values_are_refused(
    data: bytes, jp: str, when: date, fragment: str
) -> None:
    asn = make_asn()
    with pytest.raises(TrainingRefused) as caught:
        submit(asn, jp=jp, when=when, data=data)
    assert fragment in str(caught.value)
    assert ExternalCertificate.objects.count() == 0


@pytest.mark.django_db
def test_external_jp_count_only_after_bkpsdm_verifies(bkpsdm) -> None:  # type: ignore[no-untyped-def]
    asn = make_asn()
    item = submit(asn)
    rows = compliance_rows(regency=asn.regency, year=2026, as_of=date(2026, 11, 30))
    assert rows[0].result.jp == 0
    with pytest.raises(TrainingRefused, match="alasan"):
        external_review(item=item, accept=False, note="", actor=bkpsdm)
    external_review(item=item, accept=True, note="", actor=bkpsdm)
    rows = compliance_rows(regency=asn.regency, year=2026, as_of=date(2026, 11, 30))
    assert (rows[0].result.jp, rows[0].result.met) == (20, True)
    with pytest.raises(TrainingRefused, match="sudah diperiksa"):
        external_review(item=item, accept=True, note="", actor=bkpsdm)
    assert JpEntry.objects.count() == 1


@pytest.mark.django_db
def test_compliance_per_opd_pages_exports_and_kpi(bkpsdm, other_regency) -> None:  # type: ignore[no-untyped-def]
    ok = make_asn("198503122010011003", opd_code="dishub", name="Sudah Cukup")
    make_asn("199001012019032001", opd_code="dishub", name="Masih Kurang")
    make_asn("199202022015011001", opd_code="bapenda", name="Orang Bapenda")
    make_asn("199303032016011001", regency=other_regency, name="Orang Kobar")
    external_review(item=submit(ok, jp="24"), accept=True, note="", actor=bkpsdm)
    rows = compliance_rows(regency=ok.regency, year=2026, as_of=date(2026, 11, 30))
    by_opd = {o.opd_name: (o.met, o.total) for o in compliance_by_opd(rows)}
    assert by_opd == {"Dishub": (1, 2), "Bapenda": (0, 1)}

    head = Client()
    head.force_login(officer_of("dishub"))
    page = head.get("/pelatihan/kepatuhan/?tahun=2026").content.decode()
    assert "Masih Kurang" in page and "Orang Bapenda" not in page and "Orang Kobar" not in page
    exported = head.get("/pelatihan/kepatuhan.csv?tahun=2026").content.decode()
    lines = list(csv.reader(io.StringIO(exported)))
    assert lines[0][0] == "NIP" and len(lines) == 3
    assert all("••" in line[0] for line in lines[1:])  # masked for an OPD head

    staff = Client()
    staff.force_login(bkpsdm)
    book = load_workbook(io.BytesIO(staff.get("/pelatihan/kepatuhan.xlsx?tahun=2026").content))
    values = list(book.worksheets[0].iter_rows(values_only=True))
    assert len(values) == 4 and "198503122010011003" in {v[0] for v in values}
    assert staff.get("/pelatihan/kepatuhan/?tahun=99999").status_code == 200

    source = kpi_source("training.asn_meeting_jp_share")
    assert source is not None
    result = source.compute(ok.regency, date(2026, 1, 1), date(2026, 11, 30))
    assert (result.numerator, result.denominator) == (1, 3)
    assert str(result.value) == "33.33"
