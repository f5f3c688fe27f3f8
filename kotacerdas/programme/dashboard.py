"""What the public dashboard shows, assembled from stored rows only (programmes, the
KPI cards of the dashboard snapshot, locked and published evaluation cycles): a
handful of queries however large the operational tables or the KPI history grow."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.db.models import Count, Max, Q, Sum
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from kotacerdas.core.models import Regency
from kotacerdas.programme import index as index_calc
from kotacerdas.programme.models import (
    Component,
    Dimension,
    MasterplanDocument,
    Milestone,
    Programme,
    ProgrammeProfile,
    ProgrammeStatus,
)
from kotacerdas.programme.selectors import CycleResult, cycle_result, latest_published_cycle
from kotacerdas.programme.snapshot import kpi_cards_html


@dataclass
class DimensionRow:
    dimension: Dimension
    programmes: int
    progress: int
    statuses: dict[str, int] = field(default_factory=dict)


@dataclass
class Dashboard:
    regency: Regency
    profile: ProgrammeProfile | None
    dimensions: list[DimensionRow]
    kpi_html: SafeString  # the KPI cards with their charts, rendered from the snapshot
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
    # One grouped query gives counts, progress and freshness per dimension and status.
    status_counts: Counter[tuple[str, str]] = Counter()
    progress_sum: Counter[str] = Counter()
    per_dim_n: Counter[str] = Counter()
    programmes_updated: datetime | None = None
    illustrative = False
    for row in (
        Programme.objects.filter(regency=regency)
        .values("element__dimension", "status")
        .annotate(
            n=Count("id"),
            progress=Sum("progress_pct"),
            last=Max("updated_at"),
            ilus=Count("id", filter=Q(is_illustrative=True)),
        )
    ):
        code, n = row["element__dimension"], int(row["n"])
        status_counts[(code, row["status"])] += n
        per_dim_n[code] += n
        progress_sum[code] += int(row["progress"] or 0)
        illustrative = illustrative or bool(row["ilus"])
        if programmes_updated is None or row["last"] > programmes_updated:
            programmes_updated = row["last"]
    dimensions = []
    for dim in Dimension.objects.order_by("order"):
        n = per_dim_n[dim.code]
        dimensions.append(
            DimensionRow(
                dim,
                n,
                round(progress_sum[dim.code] / n) if n else 0,
                {s: status_counts[(dim.code, s)] for s in ProgrammeStatus.values},
            )
        )
    totals = Counter[str]()
    for (_dim, status), n in status_counts.items():
        totals[status] += n
    statuses = [(value, str(label), totals[value]) for value, label in ProgrammeStatus.choices]
    kpi_html, kpis_updated = kpi_cards_html(regency, get_language() or "id")
    cycle = latest_published_cycle(regency)
    evaluation = cycle_result(cycle) if cycle else None
    gains = gain_rows(evaluation)
    return Dashboard(
        regency=regency,
        profile=profile,
        dimensions=dimensions,
        kpi_html=kpi_html,
        statuses=statuses,
        evaluation=evaluation,
        gains=gains,
        milestones=list(Milestone.objects.filter(regency=regency).order_by("date")),
        documents=_latest_documents(regency),
        kpis_updated=kpis_updated,
        programmes_updated=programmes_updated,
        illustrative_programmes=illustrative,
    )


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
