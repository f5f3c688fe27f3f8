"""Wiring done once at start-up: hub tiles and the automatic KPIs the programme module
reads (innovations in penerapan, and the latest IID)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from kotacerdas.core import hub
from kotacerdas.core.kpis import KpiResult, KpiSource, register_kpi
from kotacerdas.core.models import Regency
from kotacerdas.innovation.selectors import BAPPERIDA


def innovations_in_penerapan(regency: Regency, start: date, end: date) -> KpiResult:
    """Accepted innovations whose implementation started on or before ``end``."""
    from kotacerdas.innovation.models import Innovation, ReviewStatus, Stage

    count = Innovation.objects.filter(
        regency=regency,
        status=ReviewStatus.DITERIMA,
        stage=Stage.PENERAPAN,
        implemented_on__lte=end,
    ).count()
    return KpiResult(
        value=Decimal(count),
        formula="jumlah inovasi diterima pada tahap penerapan (mulai penerapan ≤ akhir periode)",
        inputs={"end": end.isoformat()},
    )


def iid_latest(regency: Regency, start: date, end: date) -> KpiResult:
    """The IID of the latest reporting year whose deadline falls in or before the period."""
    from kotacerdas.innovation.models import IidYear
    from kotacerdas.innovation.selectors import year_view

    year = (
        IidYear.objects.filter(regency=regency, deadline__lte=end)
        .select_related("ruleset")
        .order_by("-year")
        .first()
    )
    if year is None:
        return KpiResult(value=None, formula="IID tahun pelaporan terakhir")
    view = year_view(year)
    score = view.score
    return KpiResult(
        value=Decimal(str(round(score.iid, 2))),
        formula="(SPD + Σ skor inovasi / MAX(pembagi, n) + skor jumlah) / skor total maks × 100",
        numerator=Decimal(str(round(score.spd + score.sid, 4))),
        denominator=Decimal(str(view.rules.max_total)),
        inputs={"year": year.year, "predicate": score.predicate, "disclaimer": score.disclaimer},
    )


def connect() -> None:
    hub.register_tile(
        hub.HubTile(
            key="innovation.gallery",
            audience="warga",
            title=_("Inovasi daerah"),
            description=_("Lihat inovasi Kotim atau usulkan inovasi Anda sendiri."),
            url="/inovasi/",
            order=40,
        )
    )
    hub.register_tile(
        hub.HubTile(
            key="innovation.desk",
            audience="staf",
            title=_("Inovasi & IID"),
            description=_("Telaah usulan, serah terima, dan penilaian Indeks Inovasi Daerah."),
            url="/inovasi/kelola/",
            order=45,
            opds=frozenset({BAPPERIDA}),
        )
    )
    register_kpi(
        KpiSource(
            code="innovation.in_penerapan",
            title=_("Inovasi daerah pada tahap penerapan"),
            unit="jumlah",
            element="SG-PS",
            compute=innovations_in_penerapan,
        )
    )
    register_kpi(
        KpiSource(
            code="innovation.iid",
            title=_("Indeks Inovasi Daerah"),
            unit="skor",
            element="SG-PP",
            compute=iid_latest,
        )
    )
