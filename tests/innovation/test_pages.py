"""The public gallery (filters, no private evidence), open data, the innovator's pages
and the Bapperida desk as a Bapperida officer."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.test import Client

from kotacerdas.core.models import Role
from kotacerdas.innovation.models import EvidenceFile, Innovation, ReviewStatus
from kotacerdas.innovation.seed import seed_demo
from tests.innovation.helpers import accepted, bapperida, form_data, pdf, submitted

pytestmark = pytest.mark.django_db


def _client(user=None) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_gallery_filters(regency) -> None:
    seed_demo(regency)
    client = _client()
    html = client.get("/inovasi/").content.decode()
    assert "Retribusi parkir tepi jalan dengan QRIS" in html
    assert "Pendaftaran dan antrean online RSUD dr. Murjani" in html

    def titles(**params: str) -> set[str]:
        page = client.get("/inovasi/", params).content.decode()
        return {t for _, t, *_ in _examples() if t in page}

    assert titles(element="SL-HE") == {
        "Pendaftaran dan antrean online RSUD dr. Murjani",
        "Instalasi pengolahan limbah medis",
    }
    assert titles(digital="0") == {"Instalasi pengolahan limbah medis"}
    assert titles(opd="dishub") == {"Retribusi parkir tepi jalan dengan QRIS"}
    assert titles(form="lainnya") == {"Instalasi pengolahan limbah medis"}
    assert titles(q="antrean") == {"Pendaftaran dan antrean online RSUD dr. Murjani"}
    assert titles(stage="inisiatif") == set()


def _examples():  # type: ignore[no-untyped-def]
    from kotacerdas.innovation.seed import EXAMPLES

    return EXAMPLES


def test_only_accepted_innovations_are_public_and_evidence_stays_private(
    regency, make_user
) -> None:
    pending = submitted(regency, title="Usulan yang belum ditelaah")
    public = accepted(regency, title="Inovasi diterima dengan bukti")
    evidence = EvidenceFile.objects.filter(innovation=public).first()
    assert evidence is not None
    client = _client()
    assert client.get(f"/inovasi/{pending.slug}/").status_code == 404
    page = client.get(f"/inovasi/{public.slug}/").content.decode()
    assert "Inovasi diterima dengan bukti" in page
    assert "/inovasi/berkas/" not in page and "bukti.pdf" not in page
    assert public.innovator is not None and public.innovator.username not in page
    # Files: denied to anonymous, other citizens and other OPDs; allowed to the innovator.
    assert client.get(f"/inovasi/berkas/{evidence.pk}/").status_code == 302
    assert _client(make_user(Role.WARGA)).get(f"/inovasi/berkas/{evidence.pk}/").status_code == 403
    assert (
        _client(make_user(Role.OFFICER)).get(f"/inovasi/berkas/{evidence.pk}/").status_code == 403
    )
    own = _client(public.innovator).get(f"/inovasi/berkas/{evidence.pk}/")
    assert own.status_code == 200 and own.content.startswith(b"%PDF-")
    assert own["Cache-Control"] == "private, no-store"


def test_open_data_csv_and_json(regency) -> None:
    seed_demo(regency)
    submitted(regency, title="Belum publik")
    body = json.loads(_client().get("/inovasi/data.json").content)
    slugs = {row["slug"] for row in body["innovations"]}
    assert "retribusi-parkir-qris" in slugs and len(slugs) == 4
    qris = next(r for r in body["innovations"] if r["slug"] == "retribusi-parkir-qris")
    assert qris["elements"] == ["SE-TR", "SS-SE"] and qris["handed_over_on"] == "2026-07-15"
    assert "innovator" not in qris and "files" not in qris
    response = _client().get("/inovasi/data.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert {r["slug"] for r in rows} == slugs
    assert next(r for r in rows if r["slug"] == "pengolahan-limbah-medis")["is_digital"] == "False"


def test_csv_cells_never_run_as_formulas(regency) -> None:
    accepted(regency, title='=HYPERLINK("http://x")', credit_name="@warga")
    rows = list(csv.reader(io.StringIO(_client().get("/inovasi/data.csv").content.decode())))
    assert rows[1][1].startswith("'=") and rows[1][9] == "'@warga"


def test_citizen_submits_sees_the_note_and_fixes_it(regency, make_user) -> None:
    citizen = make_user(Role.WARGA)
    client = _client(citizen)
    data = form_data()
    data.update(
        {"elements": ["SE-WE", "SE-TR"], "criteria": ["manfaat", "replikasi"], "files": pdf()}
    )
    response = client.post("/inovasi/usul/", data)
    assert response.status_code == 302
    item = Innovation.objects.get()
    assert (item.innovator, item.status, item.elements) == (
        citizen,
        ReviewStatus.DIAJUKAN,
        ["SE-WE", "SE-TR"],
    )
    bad = form_data(title="x" * 200, lat="٢")
    response = client.post("/inovasi/usul/", bad)
    assert response.status_code == 400
    text = response.content.decode()
    assert "Judul terlalu panjang" in text and "Lintang harus angka desimal" in text
    assert Innovation.objects.count() == 1

    reviewer = _client(bapperida(regency))
    reviewer.post(
        f"/inovasi/kelola/{item.slug}/",
        {"action": "review", "target": "perlu-revisi", "note": "Tambahkan jumlah UMKM."},
    )
    mine = client.get(f"/inovasi/saya/{item.slug}/").content.decode()
    assert "Tambahkan jumlah UMKM." in mine and "Perbaiki usulan" in mine
    assert "Tambahkan jumlah UMKM." not in _client().get("/inovasi/").content.decode()
    fixed = form_data(solution="Katalog daring; 85 UMKM terdaftar.")
    assert client.post(f"/inovasi/saya/{item.slug}/", fixed).status_code == 302
    item.refresh_from_db()
    assert item.status == ReviewStatus.DIAJUKAN
    # Another citizen cannot open it.
    assert _client(make_user(Role.WARGA)).get(f"/inovasi/saya/{item.slug}/").status_code == 404


def test_bapperida_officers_run_the_desk_and_other_officers_do_not(regency, make_user) -> None:
    seed_demo(regency)
    officer = _client(bapperida(regency))
    for path in ("/inovasi/kelola/", "/inovasi/iid/", "/inovasi/iid/2027/what-if/"):
        assert officer.get(path).status_code == 200, path
    dishub = _client(make_user(Role.OFFICER))
    assert dishub.get("/inovasi/kelola/").status_code == 403
    auditor = _client(make_user(Role.AUDITOR))
    assert auditor.get("/inovasi/kelola/pengolahan-limbah-medis/").status_code == 200
    assert (
        auditor.post(
            "/inovasi/kelola/pengolahan-limbah-medis/", {"action": "stage", "on": "2026-01-01"}
        ).status_code
        == 403
    )


def test_page_weights_stay_small(regency) -> None:
    seed_demo(regency)
    pages = ["/inovasi/", "/inovasi/retribusi-parkir-qris/"]
    for path in pages:
        assert len(_client().get(path).content) < 60_000, path
