"""The IID desk end to end on the database: rule-set imports (all or nothing, frozen
once used by a finalised year), recording levels with evidence, the score page, the
what-if ranking, the XLSX report re-read with openpyxl, and the KPIs."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import load_workbook

from kotacerdas.core.kpis import kpi_source
from kotacerdas.core.models import AuditLog, Role
from kotacerdas.innovation.models import IidRuleSet, IndicatorEntry
from kotacerdas.innovation.rules import RuleSetInvalid
from kotacerdas.innovation.seed import seed_demo, seed_rulesets
from kotacerdas.innovation.services.iid import (
    entry_record,
    ruleset_import,
    year_finalise,
    year_open,
)
from kotacerdas.innovation.services.innovations import Invalid
from kotacerdas.innovation.views_iid import countdown
from tests.innovation.helpers import accepted, bapperida, katingan, pdf

pytestmark = pytest.mark.django_db
RULES = Path(__file__).parents[2] / "kotacerdas" / "innovation" / "rulesets"


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def test_import_through_the_page_is_all_or_nothing(regency) -> None:
    client = _client(bapperida(regency))
    data = json.loads((RULES / "iid-2023.json").read_text())
    data["aspects"][0]["weight"] = 20
    data["mandatory"].append("i77")
    bad = SimpleUploadedFile("iid-rusak.json", json.dumps(data).encode())
    response = client.post("/inovasi/iid/", {"action": "import", "file": bad})
    assert response.status_code == 400
    text = response.content.decode()
    assert "jumlah bobot 94.8%" in text and "&#x27;i77&#x27; dirujuk" in text
    assert not IidRuleSet.objects.exists()
    good = SimpleUploadedFile("iid-2023.json", (RULES / "iid-2023.json").read_bytes())
    assert client.post("/inovasi/iid/", {"action": "import", "file": good}).status_code == 302
    assert IidRuleSet.objects.get().code == "iid-2023"
    assert AuditLog.objects.filter(action="innovation.ruleset.import").count() == 1


def test_a_rule_set_used_by_a_finalised_year_is_frozen(regency) -> None:
    reviewer = bapperida(regency)
    sets = seed_rulesets(regency)
    raw = (RULES / "iid-2023.json").read_bytes()
    changed = json.loads(raw)
    changed["name"] = "IID 2023 (revisi)"
    year = year_open(
        regency=regency, year=2027, ruleset=sets["iid-2023"], deadline=None, actor=reviewer
    )
    assert year.deadline == date(2027, 8, 13)  # the rule set's window, in the scoring year
    ruleset_import(
        regency=regency, raw=json.dumps(changed).encode(), filename="a.json", actor=reviewer
    )
    year_finalise(year=year, actor=reviewer)
    with pytest.raises(RuleSetInvalid, match="sudah difinalkan"):
        ruleset_import(regency=regency, raw=raw, filename="iid-2023.json", actor=reviewer)
    assert IidRuleSet.objects.get(code="iid-2023").name == "IID 2023 (revisi)"
    with pytest.raises(Invalid, match="sudah difinalkan"):
        entry_record(
            year=year,
            innovation=None,
            indicator="i01",
            level="1",
            evidence_url="",
            upload=None,
            actor=reviewer,
        )


def test_scoring_a_year_without_a_rule_set_is_a_clear_error(regency) -> None:
    with pytest.raises(Invalid, match="belum memiliki aturan IID"):
        year_open(regency=regency, year=2028, ruleset=None, deadline=None, actor=bapperida(regency))
    page = _client(bapperida(regency)).get("/inovasi/iid/2028/")
    assert page.status_code == 404
    assert "Tahun 2028 belum memiliki aturan IID" in page.content.decode()


def test_entry_form_saves_everything_or_nothing(regency) -> None:
    reviewer = bapperida(regency)
    sets = seed_rulesets(regency)
    year_open(regency=regency, year=2027, ruleset=sets["iid-2023"], deadline=None, actor=reviewer)
    item = accepted(regency, reviewer)
    client = _client(reviewer)
    url = f"/inovasi/iid/2027/isi/?inovasi={item.slug}"
    response = client.post(
        url,
        {"level_i16": "3", "url_i16": "https://example.org/perda", "level_i17": "4"},
    )
    assert response.status_code == 400
    assert "Level 4 tidak ada pada aturan (pilihan: 1, 2, 3)" in response.content.decode()
    assert not IndicatorEntry.objects.exists()
    response = client.post(
        url,
        {
            "level_i16": "3",
            "url_i16": "https://example.org/perda",
            "level_i17": "2",
            "file_i17": pdf(),
        },
    )
    assert response.status_code == 302
    assert {e.indicator: e.has_evidence for e in IndicatorEntry.objects.all()} == {
        "i16": True,
        "i17": True,
    }


def test_year_page_what_if_and_xlsx_on_the_demo_data(regency) -> None:
    seed_demo(regency)
    client = _client(bapperida(regency))
    year_html = client.get("/inovasi/iid/2027/").content.decode()
    # The medical-waste plant has no video (mandatory in 2023): it cannot be assessed yet.
    assert "belum lengkap" in year_html and 'id="in-iid"' in year_html
    what_if = client.get("/inovasi/iid/2027/what-if/").content.decode()
    assert "Kejar dulu:" in what_if
    next_item = what_if.split('id="in-next"')[1].split("</p>")[0]
    assert "Video inovasi" in next_item and "Instalasi pengolahan limbah medis" in next_item
    response = client.get("/inovasi/iid/2027/laporan.xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Ringkasan", "SPD", "SI"]
    summary = {row[0]: row[1] for row in book["Ringkasan"].iter_rows(values_only=True)}
    assert summary["Tahun"] == 2027 and summary["Pembagi MAX(10, n)"] == 10
    rows = list(book["SI"].iter_rows(min_row=3, values_only=True))
    video = [r for r in rows if r[0] == "Instalasi pengolahan limbah medis" and r[2] == "i35"]
    assert video == [
        (
            "Instalasi pengolahan limbah medis",
            "Jumlah inovasi dan hasil kreatif",
            "i35",
            "Video inovasi",
            1,
            "Tautan video tersedia",
            0,
            "BELUM ADA",
        )
    ]
    perda = next(
        r for r in rows if r[0] == "Retribusi parkir tepi jalan dengan QRIS" and r[2] == "i16"
    )
    assert perda[7].startswith("https://example.org/bukti-ilustratif/")
    assert len([r for r in book["SPD"].iter_rows(min_row=3, values_only=True) if r[2]]) == 15


def test_the_desk_is_scoped_to_the_regency(regency, make_user) -> None:
    seed_demo(regency)
    other = katingan()
    from kotacerdas.core.models import OPD

    outsider = make_user(
        Role.OFFICER, regency=other, opd=OPD.objects.get(regency=other, code="bapperida")
    )
    client = _client(outsider)
    assert client.get("/inovasi/iid/2027/").status_code == 404
    assert client.get("/inovasi/kelola/retribusi-parkir-qris/").status_code == 404
    assert "Retribusi parkir" not in client.get("/inovasi/kelola/").content.decode()
    assert client.get("/inovasi/retribusi-parkir-qris/").status_code == 404


def test_countdown_texts() -> None:
    assert countdown(date(2027, 8, 13), date(2027, 8, 1))["text"] == "12 hari lagi"
    assert countdown(date(2027, 8, 13), date(2027, 8, 1))["urgent"]
    assert countdown(date(2027, 8, 13), date(2027, 8, 13))["text"] == "hari ini batas akhir"
    assert countdown(date(2027, 8, 13), date(2027, 8, 20))["text"] == "lewat 7 hari"


def test_kpis_for_the_programme_module(regency) -> None:
    seed_demo(regency)
    count = kpi_source("innovation.in_penerapan")
    iid = kpi_source("innovation.iid")
    assert count is not None and iid is not None
    assert count.compute(regency, date(2026, 1, 1), date(2026, 12, 31)).value == 4
    assert count.compute(regency, date(2024, 1, 1), date(2024, 3, 31)).value == 1
    assert iid.compute(regency, date(2027, 1, 1), date(2027, 6, 30)).value is None
    result = iid.compute(regency, date(2027, 1, 1), date(2027, 12, 31))
    assert result.value is not None and result.inputs["year"] == 2027
