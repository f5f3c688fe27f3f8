"""The catalogue covers every automatic KPI the domain apps register, in the U4SSC
template with targets to 2027, and the daily job stores the training and innovation
indicators with values computed by hand from fixture rows."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from kotacerdas.core.kpis import kpi_sources
from kotacerdas.innovation.models import Innovation
from kotacerdas.programme.catalogue import CATALOGUE
from kotacerdas.programme.models import KpiDefinition, KpiValue, Method
from kotacerdas.programme.services.kpi import kpi_store_automatic
from kotacerdas.programme.taxonomy import dimension_of
from kotacerdas.training.services.external import external_review, external_submit
from tests.boundaries.world import second_regency
from tests.training.conftest import make_asn, officer_of
from tests.training.test_compliance import upload

pytestmark = pytest.mark.django_db

AS_OF = date(2026, 11, 30)


def test_every_registered_kpi_has_a_catalogue_definition() -> None:
    in_catalogue = {spec.source_code for spec in CATALOGUE if spec.source_code}
    registered = {source.code for source in kpi_sources()}
    assert {"training.asn_meeting_jp_share", "innovation.in_penerapan"} <= registered
    assert registered == in_catalogue


@pytest.mark.parametrize("spec", CATALOGUE, ids=lambda s: s.code)
def test_catalogue_entries_follow_the_template(spec) -> None:  # type: ignore[no-untyped-def]
    dimension_of(spec.element)  # a canonical element code
    assert spec.category in {"baseline", "output", "outcome", "impact", "quick_win"}
    assert spec.frequency in {"daily", "monthly", "quarterly", "yearly"}
    assert spec.name and spec.definition and spec.numerator and spec.unit and spec.producer
    assert max(spec.targets) == 2027
    assert set(spec.targets) <= set(range(2022, 2028))
    assert sorted(spec.targets) == list(range(min(spec.targets), 2028))  # no gap
    for value in spec.targets.values():
        Decimal(value)


def _innovation(regency, slug: str, **fields: object) -> Innovation:  # type: ignore[no-untyped-def]
    return Innovation.objects.create(
        regency=regency,
        slug=slug,
        title=f"Inovasi {slug}",
        problem="Masalah",
        solution="Solusi",
        form="pelayanan",
        initiator_type="perangkat-daerah",
        urusan="Komunikasi dan informatika",
        credit_name="Diskominfo",
        submitted_at=datetime(2025, 1, 2, tzinfo=UTC),
        **fields,
    )


def test_daily_job_stores_training_and_innovation_kpis(programme) -> None:  # type: ignore[no-untyped-def]
    regency = programme
    # Training: three active ASN of Kotim, one with 24 verified JP this year (1 of 3
    # meets 20 JP → 33.33 %); an ASN of another regency does not count.
    bkpsdm = officer_of("bkpsdm")
    ok = make_asn("198503122010011003", opd_code="dishub", name="Sudah Cukup")
    make_asn("199001012019032001", opd_code="dishub", name="Masih Kurang")
    make_asn("199202022015011001", opd_code="bapenda", name="Orang Bapenda")
    make_asn("199303032016011001", regency=second_regency(), name="Orang Lain")
    item = external_submit(
        asn=ok,
        title="GTA: Transformasi digital pemerintahan",
        provider="Komdigi – Digital Talent Scholarship",
        jp="24",
        completed_on=date(2026, 6, 1),
        upload=upload(),
        actor=bkpsdm,
        today=AS_OF,
    )
    external_review(item=item, accept=True, note="", actor=bkpsdm)
    # Innovation: accepted and in penerapan by the end of the period → 2; one starts
    # after the period, one is still a trial, one was not accepted.
    for slug, stage, status, started in [
        ("a", "penerapan", "diterima", date(2025, 3, 1)),
        ("b", "penerapan", "diterima", AS_OF),
        ("c", "penerapan", "diterima", date(2026, 12, 1)),
        ("d", "uji-coba", "diterima", None),
        ("e", "penerapan", "ditolak", date(2025, 1, 1)),
    ]:
        _innovation(regency, slug, stage=stage, status=status, implemented_on=started)

    stored = {v.definition.code: v for v in kpi_store_automatic(regency=regency, as_of=AS_OF)}
    automatic = KpiDefinition.objects.filter(regency=regency, method=Method.AUTOMATIC)
    assert set(stored) == set(automatic.values_list("code", flat=True))

    jp = stored["asn-20-jp"]
    assert jp.value == Decimal("33.33")
    assert (jp.numerator, jp.denominator) == (Decimal(1), Decimal(3))
    assert (jp.period_start, jp.period_end) == (date(2026, 1, 1), AS_OF)
    assert jp.inputs["source"] == "training.asn_meeting_jp_share"
    assert jp.inputs["target"] == "70.0000"  # the 2026 target of the catalogue
    assert jp.inputs["achievement_pct"] == "47.6"  # 33.33 / 70 × 100
    assert "20 JP" in jp.definition.name and jp.definition.element_id == "SG-BR"

    count = stored["inovasi-penerapan"]
    assert count.value == Decimal(2)
    assert count.inputs["target"] == "8.0000"
    assert count.inputs["achievement_pct"] == "25.0"
    assert KpiValue.objects.filter(regency=regency, definition__code="asn-20-jp").count() == 1
