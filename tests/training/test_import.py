from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import Workbook

from kotacerdas.core.models import AuditLog
from kotacerdas.training.models import Asn, AsnImport, ImportStatus
from kotacerdas.training.services.asn_import import (
    ImportRefused,
    asn_import_apply,
    asn_import_preview,
    error_report_csv,
)
from kotacerdas.training.tabular import FileMalformed
from tests.training.conftest import make_asn

TODAY = date(2026, 11, 30)
HEADER = "nip,nama,jenis,pangkat_golongan,jabatan,opd,aktif,awal_kontrak\n"
GOOD = (
    HEADER
    + "198503122010011003,Budi Santoso,PNS,Penata III/c,Pranata Komputer,Diskominfo,ya,\n"
    + "199001012019032001,Siti Aminah,PNS,Penata Muda III/a,Analis SDM,bkpsdm,,\n"
    + "199505052023211002,Rahmat Hidayat,PPPK,IX,Pranata Komputer,Dishub,ya,2023-03-01\n"
)


def preview(user, text: str, name: str = "asn.csv") -> AsnImport:  # type: ignore[no-untyped-def]
    return asn_import_preview(
        regency=user.regency, actor=user, filename=name, data=text.encode(), today=TODAY
    )


@pytest.mark.django_db
def test_preview_writes_no_asn_and_apply_upserts_by_nip(bkpsdm) -> None:  # type: ignore[no-untyped-def]
    batch = preview(bkpsdm, GOOD)
    assert (batch.total_rows, batch.new_count, batch.errors) == (3, 3, [])
    assert Asn.objects.count() == 0
    asn_import_apply(batch=batch, actor=bkpsdm)
    assert Asn.objects.filter(regency=bkpsdm.regency).count() == 3
    pppk = Asn.objects.get(nip="199505052023211002")
    assert pppk.kind == "pppk" and pppk.contract_start == date(2023, 3, 1)
    assert pppk.opd.code == "dishub"

    # The same file again changes nothing; a changed row updates in place.
    again = preview(bkpsdm, GOOD)
    assert (again.new_count, again.changed_count, again.unchanged_count) == (0, 0, 3)
    changed = preview(bkpsdm, GOOD.replace("Komputer,Diskominfo", "Komputer Ahli,Diskominfo"))
    assert (changed.new_count, changed.changed_count) == (0, 1)
    asn_import_apply(batch=changed, actor=bkpsdm)
    assert Asn.objects.count() == 3
    assert Asn.objects.get(nip="198503122010011003").position == "Pranata Komputer Ahli"
    with pytest.raises(ImportRefused):
        asn_import_apply(batch=changed, actor=bkpsdm)
    assert AuditLog.objects.filter(action="training.asn_import.apply").count() == 2


@pytest.mark.django_db
def test_row_errors_are_reported_by_line_and_column_and_block_the_apply(bkpsdm) -> None:  # type: ignore[no-untyped-def]
    text = (
        HEADER
        + "198503122010011003,Budi,PNS,III/c,Staf,Diskominfo,ya,\n"
        + "198503122010011003,Budi Lagi,PNS,III/c,Staf,Diskominfo,ya,\n"  # duplicate NIP
        + "12345,Salah,PNS,III/a,Staf,Diskominfo,ya,\n"  # wrong NIP
        + "199001012019032001,Siti,PNS,III/a,Staf,Dinas Antah Berantah,ya,\n"  # unknown OPD
        + "203001012050011001,Masa Depan,PNS,III/a,Staf,Dishub,ya,\n"  # future birth date
        + "199505052023211002,Rahmat,Honorer,IX,Staf,Dishub,ya,\n"  # wrong kind
        + "199505052023211003,Rina,PPPK,IX,Staf,Dishub,ya,\n"  # PPPK without contract start
        + "199505052023211004,Nul\x00,PNS,IX,Staf,Dishub,ya,\n"
    )
    batch = preview(bkpsdm, text)
    found = {(e["row"], e["column"]) for e in batch.errors}
    assert {
        (3, "nip"),
        (4, "nip"),
        (5, "opd"),
        (6, "nip"),
        (7, "jenis"),
        (8, "awal_kontrak"),
    } <= found
    assert (9, "nama") in found
    assert any("ganda" in e["reason"] and "baris 2" in e["reason"] for e in batch.errors)
    assert any("masa depan" in e["reason"] for e in batch.errors)
    report = error_report_csv(batch)
    assert report.splitlines()[0] == "baris,kolom,alasan"
    assert "5,opd,OPD tidak dikenal" in report
    with pytest.raises(ImportRefused):
        asn_import_apply(batch=batch, actor=bkpsdm)
    assert Asn.objects.count() == 0
    batch.refresh_from_db()
    assert batch.status == ImportStatus.PREVIEW


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "data", "fragment"),
    [
        ("asn.csv", b"", "kosong"),
        ("asn.csv", b"nama,opd\nBudi,Dishub\n", "Kolom wajib"),
        ("asn.csv", b"\xff\xfe\x00n\x00i", "UTF-8"),
        ("asn.xlsx", b"PK\x03\x04 not really a zip", "XLSX rusak"),
        ("asn.xlsx", b"hello", "XLSX rusak"),
        ("asn.pdf", b"%PDF-1.4", "tidak didukung"),
        ("asn.csv", b'nip,nama,jenis,pangkat_golongan,jabatan,opd\n"1,2\n', "CSV rusak"),
    ],
)
def test_a_malformed_file_writes_nothing(bkpsdm, name: str, data: bytes, fragment: str) -> None:  # type: ignore[no-untyped-def]
    audits = AuditLog.objects.count()
    with pytest.raises(FileMalformed) as caught:
        asn_import_preview(
            regency=bkpsdm.regency, actor=bkpsdm, filename=name, data=data, today=TODAY
        )
    assert fragment in str(caught.value)
    assert AsnImport.objects.count() == 0 and Asn.objects.count() == 0
    assert AuditLog.objects.count() == audits


@pytest.mark.django_db
def test_xlsx_export_from_bkpsdm_is_read_like_csv(bkpsdm) -> None:  # type: ignore[no-untyped-def]
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["NIP", "Nama", "Jenis", "Pangkat/Golongan", "Jabatan", "OPD"])
    sheet.append(["198503122010011003", "Budi Santoso", "PNS", "III/c", "Staf", "Diskominfo"])
    sheet.append(["199001012019032001", "Siti", "pns", "III/a", "Staf", "BKPSDM"])
    out = io.BytesIO()
    book.save(out)
    batch = asn_import_preview(
        regency=bkpsdm.regency,
        actor=bkpsdm,
        filename="ekspor.xlsx",
        data=out.getvalue(),
        today=TODAY,
    )
    assert batch.errors == [] and batch.new_count == 2

    sheet.append([199202022015011001, "Angka", "PNS", "III/a", "Staf", "BKPSDM"])  # number cell
    out = io.BytesIO()
    book.save(out)
    batch = asn_import_preview(
        regency=bkpsdm.regency,
        actor=bkpsdm,
        filename="ekspor.xlsx",
        data=out.getvalue(),
        today=TODAY,
    )
    assert [(e["row"], e["column"]) for e in batch.errors] == [(4, "nip")]
    assert "sebagai teks" in batch.errors[0]["reason"]


@pytest.mark.django_db
def test_import_never_touches_another_regency(bkpsdm, other_regency) -> None:  # type: ignore[no-untyped-def]
    make_asn("198503122010011003", regency=other_regency, opd_code="dishub", name="Tetangga")
    batch = preview(bkpsdm, GOOD)
    assert batch.new_count == 3
    asn_import_apply(batch=batch, actor=bkpsdm)
    assert Asn.objects.get(regency=other_regency).name == "Tetangga"
    assert Asn.objects.filter(nip="198503122010011003").count() == 2
