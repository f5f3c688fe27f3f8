"""What the public dashboard shows, assembled from stored rows only (programmes, approved
KPI values, locked and published evaluation cycles): a handful of queries however
large the operational tables grow."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Avg, Count, Max

from kotacerdas.core.models import Regency
from kotacerdas.programme import charts
from kotacerdas.programme import index as index_calc
from kotacerdas.programme.models import (
    Component,
    Dimension,
    KpiValue,
    MasterplanDocument,
    Milestone,
    Programme,
    ProgrammeProfile,
    ProgrammeStatus,
    ValueStatus,
)
from kotacerdas.programme.selectors import (
    CycleResult,
    KpiSeries,
    cycle_result,
    kpi_series,
    latest_published_cycle,
)


@dataclass
class DimensionRow:
    dimension: Dimension
    programmes: int
    progress: int
    statuses: dict[str, int] = field(default_factory=dict)


@dataclass
class KpiCard:
    series: KpiSeries
    svg: str


@dataclass
class Dashboard:
    regency: Regency
    profile: ProgrammeProfile | None
    dimensions: list[DimensionRow]
    kpis: list[KpiCard]
    statuses: list[tuple[str, str, int]]
    evaluation: CycleResult | None
    gains: list[tuple[str, Decimal, float]]  # label, score, index gain from +0.5
    milestones: list[Milestone]
    documents: list[MasterplanDocument]
    kpis_updated: datetime | None
    programmes_updated: datetime | None
    illustrative_programmes: bool


def dashboard(regency: Regency) -> Dashboard:
    profile = ProgrammeProfile.objects.filter(regency=regency).first()
    per_dim = {
        row["element__dimension"]: row
        for row in Programme.objects.filter(regency=regency)
        .values("element__dimension")
        .annotate(n=Count("id"), progress=Avg("progress_pct"))
    }
    status_counts: Counter[tuple[str, str]] = Counter()
    for row in (
        Programme.objects.filter(regency=regency)
        .values("element__dimension", "status")
        .annotate(n=Count("id"))
    ):
        status_counts[(row["element__dimension"], row["status"])] += int(row["n"])
    dimensions = []
    for dim in Dimension.objects.order_by("order"):
        found: dict[str, Any] = dict(per_dim.get(dim.code, {}))
        dimensions.append(
            DimensionRow(
                dim,
                int(found.get("n", 0)),
                round(found.get("progress") or 0),
                {s: status_counts[(dim.code, s)] for s in ProgrammeStatus.values},
            )
        )
    totals = Counter[str]()
    for (_dim, status), n in status_counts.items():
        totals[status] += n
    statuses = [(value, str(label), totals[value]) for value, label in ProgrammeStatus.choices]
    cards = [
        KpiCard(
            series,
            charts.line_chart(
                [
                    charts.Point(p.period_end, p.value)
                    for p in series.chart_points()
                    if p.value is not None
                ],
                series.targets,
                title=series.definition.name,
                unit=series.definition.unit,
            ),
        )
        for series in kpi_series(regency)
    ]
    cycle = latest_published_cycle(regency)
    evaluation = cycle_result(cycle) if cycle else None
    gains = gain_rows(evaluation)
    stamps = KpiValue.objects.filter(regency=regency, status=ValueStatus.APPROVED).aggregate(
        last=Max("computed_at")
    )
    programmes = Programme.objects.filter(regency=regency).aggregate(
        last=Max("updated_at"), ilus=Count("id", filter=_ilus())
    )
    return Dashboard(
        regency=regency,
        profile=profile,
        dimensions=dimensions,
        kpis=cards,
        statuses=statuses,
        evaluation=evaluation,
        gains=gains,
        milestones=list(Milestone.objects.filter(regency=regency).order_by("date")),
        documents=_latest_documents(regency),
        kpis_updated=stamps["last"],
        programmes_updated=programmes["last"],
        illustrative_programmes=bool(programmes["ilus"]),
    )


def _ilus() -> Any:
    from django.db.models import Q

    return Q(is_illustrative=True)


def _latest_documents(regency: Regency) -> list[MasterplanDocument]:
    latest: dict[int, MasterplanDocument] = {}
    for doc in MasterplanDocument.objects.filter(regency=regency).order_by("book", "version"):
        latest[doc.book] = doc
    return [latest[b] for b in sorted(latest)]


def gain_rows(result: CycleResult | None) -> list[tuple[str, Decimal, float]]:
    """ "What moves our index most": each component's label, score and the index gain
    from +0.5, largest gain first."""
    if result is None or result.index is None:
        return []
    labels = dict(Component.choices)
    return [
        (str(labels[key]), result.components[key], gain)
        for key, gain in index_calc.index_gains(result.components, result.cycle.weights)
    ]
