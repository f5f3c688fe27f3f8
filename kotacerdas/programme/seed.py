"""Programme reference and demo data. ``seed_catalogue_kpis`` and ``seed_profile`` are
reference data; ``seed_demo`` adds Kotim's dated milestones (public sources, doc §11),
illustrative programmes and scores marked as such, a second regency (Kabupaten
Katingan, illustrative) for the national view, and KPI history computed from the
demo's own parking and service data."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from kotacerdas.core.models import OPD, Regency
from kotacerdas.programme.catalogue import CATALOGUE
from kotacerdas.programme.models import (
    Element,
    KpiDefinition,
    KpiTarget,
    Method,
    ProgrammeProfile,
    SelectionStatus,
)
from kotacerdas.programme.services.taxonomy import taxonomy_seed

KOTIM_PROFILE = {
    "cohort_year": 2022,
    "status": SelectionStatus.EVALUATED,
    "plan_start_year": 2022,
    "target_year": 2027,
    "vision": "Kotim menjadi kabupaten cerdas dalam enam tahun (target 2027).",
}


def seed_profile(regency: Regency, **overrides: object) -> ProgrammeProfile:
    profile, _made = ProgrammeProfile.objects.get_or_create(
        regency=regency, defaults={**KOTIM_PROFILE, **overrides}
    )
    return profile


def seed_catalogue_kpis(regency: Regency) -> int:
    created = 0
    opds = {o.code: o for o in OPD.objects.filter(regency=regency)}
    elements = {e.code: e for e in Element.objects.all()}
    with transaction.atomic():
        for order, spec in enumerate(CATALOGUE, start=1):
            producer = opds.get(spec.producer) or opds.get("diskominfo")
            if producer is None:
                continue
            definition, made = KpiDefinition.objects.get_or_create(
                regency=regency,
                code=spec.code,
                defaults={
                    "element": elements[spec.element],
                    "name": spec.name,
                    "definition": spec.definition,
                    "numerator": spec.numerator,
                    "denominator": spec.denominator,
                    "unit": spec.unit,
                    "frequency": spec.frequency,
                    "category": spec.category,
                    "reference": spec.reference,
                    "method": Method.AUTOMATIC if spec.source_code else Method.MANUAL,
                    "source_code": spec.source_code,
                    "producer": producer,
                    "higher_is_better": spec.higher_is_better,
                    "order": order * 10,
                },
            )
            created += made
            for year, value in spec.targets.items():
                _t, made = KpiTarget.objects.get_or_create(
                    regency=regency,
                    definition=definition,
                    year=year,
                    defaults={"value": Decimal(value)},
                )
                created += made
    if created:
        from kotacerdas.programme.services.snapshot import dashboard_snapshot_refresh

        dashboard_snapshot_refresh(regency=regency)
    return created


def seed_demo(regency: Regency) -> None:
    from kotacerdas.programme.demo import seed_demo_programme

    taxonomy_seed()
    seed_profile(regency)
    seed_catalogue_kpis(regency)
    seed_demo_programme(regency)
