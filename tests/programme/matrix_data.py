"""Objects the access-matrix paths need (created on demand inside the matrix test)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from kotacerdas.core.models import OPD, Role
from kotacerdas.programme.models import (
    BimtekStage,
    CommitmentSheet,
    Element,
    EvaluationCycle,
    Horizon,
    KpiDefinition,
    KpiValue,
    Programme,
    ProgressUpdate,
    ReadinessAssessment,
)
from kotacerdas.programme.seed import seed_catalogue_kpis, seed_profile
from kotacerdas.programme.services.kpi import kpi_value_submit
from kotacerdas.programme.services.taxonomy import taxonomy_seed
from tests.factories import kotim, user_with

PDF = b"%PDF-1.4\n%%EOF\n"


def _ready():  # type: ignore[no-untyped-def]
    regency = kotim()
    taxonomy_seed()
    seed_profile(regency)
    seed_catalogue_kpis(regency)
    return regency


def programme_code() -> str:
    """A programme led by Dishub (the matrix officer's OPD)."""
    regency = _ready()
    programme, _made = Programme.objects.get_or_create(
        regency=regency,
        code="parkir-qris",
        defaults={
            "element": Element.objects.get(code="SE-TR"),
            "name": "Retribusi parkir QRIS",
            "horizon": Horizon.QUICK_WIN,
            "lead_opd": OPD.objects.get(regency=regency, code="dishub"),
        },
    )
    if not ProgressUpdate.objects.filter(programme=programme).exists():
        ProgressUpdate.objects.create(
            regency=regency,
            programme=programme,
            reported_on=date(2026, 1, 5),
            progress_pct=10,
            status="planned",
            note="Awal",
        )
    return programme.code


def value_id() -> int:
    regency = _ready()
    existing = KpiValue.objects.filter(regency=regency).first()
    if existing is not None:
        return existing.pk
    entered_by = user_with(Role.ADMIN)
    item = kpi_value_submit(
        definition=KpiDefinition.objects.get(regency=regency, code="data-terbuka"),
        period_start=date(2025, 1, 1),
        period_end=date(2025, 12, 31),
        value=Decimal("40"),
        note="",
        evidence=SimpleUploadedFile("b.pdf", PDF, content_type="application/pdf"),
        actor=entered_by,
    )
    return item.pk


def cycle_id() -> int:
    regency = _ready()
    cycle, _made = EvaluationCycle.objects.get_or_create(regency=regency, year=2024, stage=1)
    return cycle.pk


def commitment_id() -> int:
    """A commitment sheet, with a readiness year and a Bimtek stage for the list pages."""
    regency = _ready()
    sheet, _made = CommitmentSheet.objects.get_or_create(
        regency=regency, signatory="Bupati", defaults={"signed_on": date(2022, 9, 22)}
    )
    for component in ("struktur", "infrastruktur", "suprastruktur"):
        ReadinessAssessment.objects.get_or_create(
            regency=regency,
            year=2022,
            component=component,
            defaults={"good": 5, "moderate": 3, "poor": 2},
        )
    BimtekStage.objects.get_or_create(regency=regency, stage=1)
    return sheet.pk


def progress_id() -> int:
    programme_code()
    update = ProgressUpdate.objects.first()
    assert update is not None
    return update.pk
