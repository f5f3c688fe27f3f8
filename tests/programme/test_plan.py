"""Programme writes: budget per year in integer rupiah, progress reports and the status
transition table, all audited."""

from __future__ import annotations

from datetime import date

import pytest

from kotacerdas.core.models import OPD, AuditLog
from kotacerdas.programme.errors import ProgrammeInputError
from kotacerdas.programme.models import Element, Horizon, Programme, ProgressUpdate
from kotacerdas.programme.services.plan import programme_budget_set, programme_progress_report
from tests.programme.conftest import pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def qris(programme):  # type: ignore[no-untyped-def]
    return Programme.objects.create(
        regency=programme,
        code="parkir-qris",
        element=Element.objects.get(code="SE-TR"),
        name="Retribusi parkir QRIS",
        horizon=Horizon.QUICK_WIN,
        lead_opd=OPD.objects.get(regency=programme, code="dishub"),
    )


def test_budget_is_integer_rupiah_inside_the_plan(qris, secretariat) -> None:  # type: ignore[no-untyped-def]
    for year, planned, realised, message in (
        (2030, 1, 0, "2022–2027"),
        (2025, -1, 0, "rupiah"),
        (2025, 10**16, 0, "rupiah"),
    ):
        with pytest.raises(ProgrammeInputError, match=message):
            programme_budget_set(
                programme=qris, year=year, planned=planned, realised=realised, actor=secretariat
            )
    budget = programme_budget_set(
        programme=qris, year=2025, planned=350_000_000, realised=280_000_000, actor=secretariat
    )
    again = programme_budget_set(
        programme=qris, year=2025, planned=350_000_000, realised=300_000_000, actor=secretariat
    )
    assert again.pk == budget.pk and again.realised == 300_000_000
    entries = AuditLog.objects.filter(action="programme.budget.set").order_by("id")
    assert [e.after["realised"] for e in entries] == [280_000_000, 300_000_000]
    assert entries[1].before["realised"] == 280_000_000


def report(qris, actor, **kwargs):  # type: ignore[no-untyped-def]
    values = {
        "reported_on": date(2026, 2, 1),
        "progress_pct": 40,
        "status": "running",
        "note": "Uji coba QRIS di PPM",
        "evidence": pdf(),
        **kwargs,
    }
    return programme_progress_report(programme=qris, actor=actor, **values)


def test_progress_rules(qris, dishub_officer) -> None:  # type: ignore[no-untyped-def]
    for kwargs, message in (
        ({"progress_pct": 101}, "0 dan 100"),
        ({"progress_pct": -1}, "0 dan 100"),
        ({"status": "done", "progress_pct": 90}, "100 persen"),
        ({"status": "bogus"}, "tidak dikenal"),
        ({"reported_on": date(2099, 1, 1)}, "masa depan"),
        ({"evidence": None}, "bukti"),
        ({"note": ""}, "wajib"),
    ):
        with pytest.raises(ProgrammeInputError, match=message):
            report(qris, dishub_officer, **kwargs)
    assert not ProgressUpdate.objects.exists()
    report(qris, dishub_officer)
    report(qris, dishub_officer, reported_on=date(2026, 3, 1), status="done", progress_pct=100)
    qris.refresh_from_db()
    assert (qris.status, qris.progress_pct) == ("done", 100)
    with pytest.raises(ProgrammeInputError, match="tidak dapat berubah"):
        report(qris, dishub_officer, reported_on=date(2026, 3, 2), status="running")
    # A back-dated report is kept but does not roll the programme back.
    report(qris, dishub_officer, reported_on=date(2026, 1, 15), status="done", progress_pct=100)
    assert ProgressUpdate.objects.count() == 3
    assert AuditLog.objects.filter(action="programme.progress.report").count() == 3


def test_masterplan_versions_private_file_public_summary(programme, secretariat) -> None:  # type: ignore[no-untyped-def]
    from django.test import Client

    from kotacerdas.programme.services.plan import masterplan_document_add

    with pytest.raises(ProgrammeInputError, match="Buku"):
        masterplan_document_add(
            regency=programme,
            book=5,
            title="x",
            public_summary="",
            issued_on=None,
            file=pdf(),
            actor=secretariat,
        )
    first = masterplan_document_add(
        regency=programme,
        book=2,
        title="Masterplan",
        public_summary="Ringkasan v1",
        issued_on=date(2022, 12, 1),
        file=pdf(),
        actor=secretariat,
    )
    second = masterplan_document_add(
        regency=programme,
        book=2,
        title="Masterplan revisi",
        public_summary="Ringkasan v2",
        issued_on=None,
        file=pdf(),
        actor=secretariat,
    )
    assert (first.version, second.version) == (1, 2)
    html = Client().get("/smartcity/").content.decode()
    assert "Ringkasan v2" in html and "Ringkasan v1" not in html
    assert second.file_name not in html
    client = Client()
    assert client.get(f"/program/berkas/dokumen/{second.pk}").status_code == 302  # login first
    client.force_login(secretariat)
    response = client.get(f"/program/berkas/dokumen/{second.pk}")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
