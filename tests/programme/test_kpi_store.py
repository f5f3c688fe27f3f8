"""The daily store of automatic KPIs, manual values with a second approver, and
corrections (approved values are never edited)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from kotacerdas.core.jobs import registered_jobs, run_job
from kotacerdas.core.models import AuditLog
from kotacerdas.programme.catalogue import CATALOGUE
from kotacerdas.programme.errors import ProgrammeInputError
from kotacerdas.programme.models import KpiDefinition, KpiValue, Method, ValueStatus
from kotacerdas.programme.selectors import kpi_series
from kotacerdas.programme.services.kpi import (
    kpi_store_automatic,
    kpi_target_set,
    kpi_value_decide,
    kpi_value_submit,
)
from tests.programme.conftest import pdf
from tests.programme.fixtures import qris_cash_mix

pytestmark = pytest.mark.django_db


def test_daily_store_keeps_formula_period_and_inputs(programme, street) -> None:  # type: ignore[no-untyped-def]
    qris_cash_mix(street)
    stored = kpi_store_automatic(regency=programme, as_of=date(2026, 2, 28))
    automatic = KpiDefinition.objects.filter(regency=programme, method=Method.AUTOMATIC)
    assert len(stored) == automatic.count()
    assert {
        "parking.cashless_share_count",
        "parking.cashless_share_rupiah",
        "services.online_share",
    } <= set(automatic.values_list("source_code", flat=True))
    value = KpiValue.objects.get(definition__code="parkir-nontunai-jumlah")
    assert value.value == Decimal("60.00")
    assert (value.period_start, value.period_end) == (date(2026, 1, 1), date(2026, 2, 28))
    assert value.status == ValueStatus.APPROVED and value.method == Method.AUTOMATIC
    assert "QRIS" in value.formula
    assert value.inputs["source"] == "parking.cashless_share_count"
    levy = KpiValue.objects.get(definition__code="parkir-realisasi")
    assert levy.value == 14000
    assert levy.inputs["target"] == "900000000.0000"
    # Re-running the same day stores nothing new; the value is not touched.
    assert kpi_store_automatic(regency=programme, as_of=date(2026, 2, 28)) == []
    assert AuditLog.objects.filter(action="programme.kpi_value.compute").count() == len(stored)


def test_the_registered_job_stores_values(programme) -> None:  # type: ignore[no-untyped-def]
    job = registered_jobs()["programme.kpi_daily"]
    outcome = run_job(job, force=True)
    assert outcome.status == "ok", outcome.result
    automatic = KpiDefinition.objects.filter(regency=programme, method=Method.AUTOMATIC)
    assert automatic.count() == sum(1 for spec in CATALOGUE if spec.source_code)
    stored = KpiValue.objects.filter(regency=programme, method=Method.AUTOMATIC)
    assert stored.count() == automatic.count()


def test_pages_read_stored_values_only(programme, street, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    qris_cash_mix(street)
    kpi_store_automatic(regency=programme, as_of=date(2026, 2, 28))
    with django_assert_num_queries(3):
        series = kpi_series(programme)
    by_code = {s.definition.code: s for s in series}
    assert by_code["parkir-nontunai-jumlah"].latest.value == Decimal("60.00")
    assert by_code["parkir-realisasi"].target_for(2026) == Decimal("900000000")


def manual(regency):  # type: ignore[no-untyped-def]
    return KpiDefinition.objects.get(regency=regency, code="data-terbuka")


def test_manual_value_needs_evidence_and_a_second_person(
    programme, secretariat, secretariat2
) -> None:  # type: ignore[no-untyped-def]
    definition = manual(programme)
    with pytest.raises(ProgrammeInputError, match="bukti"):
        kpi_value_submit(
            definition=definition,
            period_start=date(2025, 1, 1),
            period_end=date(2025, 12, 31),
            value=Decimal("42"),
            note="",
            evidence=None,
            actor=secretariat,
        )
    item = kpi_value_submit(
        definition=definition,
        period_start=date(2025, 1, 1),
        period_end=date(2025, 12, 31),
        value=Decimal("42.5"),
        note="Rekap walidata",
        evidence=pdf(),
        actor=secretariat,
    )
    assert item.status == ValueStatus.SUBMITTED
    with pytest.raises(ProgrammeInputError, match="orang lain"):
        kpi_value_decide(item=item, approve=True, actor=secretariat)
    approved = kpi_value_decide(item=item, approve=True, actor=secretariat2)
    assert approved.status == ValueStatus.APPROVED and approved.approved_by == secretariat2
    with pytest.raises(ProgrammeInputError):
        kpi_value_decide(item=approved, approve=False, actor=secretariat2)
    assert AuditLog.objects.filter(action="programme.kpi_value.approve").count() == 1


@pytest.mark.parametrize(
    ("value", "start", "end", "message"),
    [
        ("101", date(2025, 1, 1), date(2025, 12, 31), "antara 0 dan 100"),
        ("-1", date(2025, 1, 1), date(2025, 12, 31), "antara 0 dan 100"),
        ("50", date(2030, 1, 1), date(2030, 12, 31), "masa rencana"),
        ("50", date(2019, 1, 1), date(2019, 12, 31), "masa rencana"),
        ("50", date(2025, 12, 31), date(2025, 1, 1), "sebelum"),
    ],
)
def test_manual_value_bad_input(programme, secretariat, value, start, end, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ProgrammeInputError, match=message):
        kpi_value_submit(
            definition=manual(programme),
            period_start=start,
            period_end=end,
            value=Decimal(value),
            note="",
            evidence=pdf(),
            actor=secretariat,
        )
    assert not KpiValue.objects.exists()


def test_evidence_of_the_wrong_type_is_refused(programme, secretariat) -> None:  # type: ignore[no-untyped-def]
    from django.core.files.uploadedfile import SimpleUploadedFile

    for upload, message in [
        (
            SimpleUploadedFile("x.exe", b"MZ...", content_type="application/octet-stream"),
            "PDF, JPG",
        ),
        (SimpleUploadedFile("x.pdf", b"<html>", content_type="application/pdf"), "bukan PDF"),
        (
            SimpleUploadedFile(
                "x.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024), content_type="application/pdf"
            ),
            "terlalu besar",
        ),
    ]:
        with pytest.raises(ProgrammeInputError, match=message):
            kpi_value_submit(
                definition=manual(programme),
                period_start=date(2025, 1, 1),
                period_end=date(2025, 12, 31),
                value=Decimal("5"),
                note="",
                evidence=upload,
                actor=secretariat,
            )
    assert not KpiValue.objects.exists()


def test_correction_is_a_new_value_with_a_reason(programme, secretariat, secretariat2) -> None:  # type: ignore[no-untyped-def]
    definition = manual(programme)
    first = kpi_value_submit(
        definition=definition,
        period_start=date(2025, 1, 1),
        period_end=date(2025, 12, 31),
        value=Decimal("40"),
        note="",
        evidence=pdf(),
        actor=secretariat,
    )
    first = kpi_value_decide(item=first, approve=True, actor=secretariat2)
    with pytest.raises(ProgrammeInputError, match="alasan"):
        kpi_value_submit(
            definition=definition,
            period_start=first.period_start,
            period_end=first.period_end,
            value=Decimal("45"),
            note="",
            evidence=pdf(),
            actor=secretariat,
            corrects=first,
        )
    fix = kpi_value_submit(
        definition=definition,
        period_start=first.period_start,
        period_end=first.period_end,
        value=Decimal("45"),
        note="",
        evidence=pdf(),
        actor=secretariat,
        corrects=first,
        correction_reason="Salah hitung jumlah dataset",
    )
    first.refresh_from_db()
    assert first.status == ValueStatus.APPROVED  # until the correction is approved
    kpi_value_decide(item=fix, approve=True, actor=secretariat2)
    first.refresh_from_db()
    assert first.status == ValueStatus.SUPERSEDED and first.value == Decimal("40")
    series = {s.definition.code: s for s in kpi_series(programme)}["data-terbuka"]
    assert [p.value for p in series.points] == [Decimal("45")]


def test_targets_only_inside_the_plan(programme, secretariat) -> None:  # type: ignore[no-untyped-def]
    definition = manual(programme)
    with pytest.raises(ProgrammeInputError, match="2022–2027"):
        kpi_target_set(definition=definition, year=2028, value=Decimal("80"), actor=secretariat)
    with pytest.raises(ProgrammeInputError, match="antara 0 dan 100"):
        kpi_target_set(definition=definition, year=2027, value=Decimal("180"), actor=secretariat)
    target = kpi_target_set(
        definition=definition, year=2027, value=Decimal("80"), actor=secretariat
    )
    assert target.value == Decimal("80")
