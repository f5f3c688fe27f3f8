"""Reads for pages, the API and open data, always scoped by regency. Pages read stored
KPI values; nothing here touches the operational tables of other apps."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Window
from django.db.models.functions import Mod, RowNumber

from kotacerdas.core.models import Regency, Role
from kotacerdas.core.selectors import user_roles
from kotacerdas.programme import index as index_calc
from kotacerdas.programme.models import (
    ComponentScore,
    EvaluationCycle,
    KpiDefinition,
    KpiTarget,
    KpiValue,
    Method,
    Programme,
    ValueStatus,
)

SECRETARIAT_OPDS = frozenset({"bapperida", "diskominfo"})
CHART_POINTS = 60


def is_secretariat(user: Any) -> bool:
    """Admins, and officers of Bapperida or Diskominfo (Dewan Smart City / Tim
    Pelaksana)."""
    roles = user_roles(user)
    if Role.ADMIN in roles:
        return True
    opd = getattr(user, "opd", None)
    return Role.OFFICER in roles and opd is not None and opd.code in SECRETARIAT_OPDS


def is_assessor(user: Any) -> bool:
    return Role.PENILAI in user_roles(user)


def can_report_progress(user: Any, programme: Programme) -> bool:
    """The secretariat, or an officer of the programme's lead OPD."""
    if user.regency_id != programme.regency_id:
        return False
    if is_secretariat(user):
        return True
    return Role.OFFICER in user_roles(user) and user.opd_id == programme.lead_opd_id


def programmes_for(regency: Regency) -> QuerySet[Programme]:
    return (
        Programme.objects.filter(regency=regency)
        .select_related("element", "element__dimension", "lead_opd")
        .order_by("element__order", "code")
    )


def approved_values(regency: Regency, definition: KpiDefinition) -> QuerySet[KpiValue]:
    """The published series: approved values in period order."""
    return KpiValue.objects.filter(
        regency=regency, definition=definition, status=ValueStatus.APPROVED
    ).order_by("period_end", "id")


@dataclass(frozen=True)
class SeriesPoint:
    """One approved value, as pages need it (a light row, not a model instance)."""

    pk: int
    period_start: date
    period_end: date
    value: Decimal | None
    method: str
    computed_at: datetime


@dataclass
class KpiSeries:
    definition: KpiDefinition
    points: list[SeriesPoint]
    targets: dict[int, Decimal]

    @property
    def latest(self) -> SeriesPoint | None:
        return self.points[-1] if self.points else None

    def target_for(self, year: int) -> Decimal | None:
        return self.targets.get(year)

    def chart_points(self, limit: int = CHART_POINTS) -> list[SeriesPoint]:
        """At most ``limit`` points spread evenly over the history, always with the
        latest (a daily series of several years stays a light SVG)."""
        shown = [p for p in self.points if p.value is not None]
        if len(shown) <= limit:
            return shown
        step = (len(shown) - 1) / (limit - 1)
        return [shown[round(i * step)] for i in range(limit)]

    @property
    def achievement(self) -> Decimal | None:
        """Latest value against the target of its year, in percent (for levies and
        counts where the target is an amount; shares compare directly)."""
        latest = self.latest
        if latest is None or latest.value is None:
            return None
        target = self.targets.get(latest.period_end.year)
        if not target:
            return None
        if self.definition.higher_is_better:
            ratio = latest.value / target
        else:
            ratio = target / latest.value if latest.value else Decimal(1)
        return (ratio * 100).quantize(Decimal("0.1"))


def kpi_series(
    regency: Regency, *, published_only: bool = True, points: int | None = CHART_POINTS
) -> list[KpiSeries]:
    """Every KPI with its approved values and targets in three queries. With
    ``points``, the database thins each history to about that many values spread evenly
    (always with the first and the latest), so a page costs the same after years of
    daily values; ``points=None`` returns every value."""
    definitions = KpiDefinition.objects.filter(regency=regency).select_related(
        "element", "element__dimension", "producer"
    )
    if published_only:
        definitions = definitions.filter(is_published=True)
    defs = list(definitions)
    values: dict[int, list[SeriesPoint]] = {d.pk: [] for d in defs}
    rows = KpiValue.objects.filter(
        regency=regency, definition__in=defs, status=ValueStatus.APPROVED
    )
    if points is not None:
        rows = rows.annotate(
            rn=Window(
                RowNumber(),
                partition_by=[F("definition_id")],
                order_by=[F("period_end").asc(), F("id").asc()],
            ),
            total=Window(Count("id"), partition_by=[F("definition_id")]),
        ).annotate(slot=Mod((F("rn") - 1) * points, F("total")))
        # First row of each of ``points`` equal buckets, plus the latest row.
        rows = rows.filter(Q(slot__lt=points) | Q(rn=F("total")))
    for definition_id, pk, start, end, value, method, computed_at in rows.order_by(
        "period_end", "id"
    ).values_list(
        "definition_id", "pk", "period_start", "period_end", "value", "method", "computed_at"
    ):
        values[definition_id].append(SeriesPoint(pk, start, end, value, method, computed_at))
    targets: dict[int, dict[int, Decimal]] = {d.pk: {} for d in defs}
    for target in KpiTarget.objects.filter(regency=regency, definition__in=defs):
        targets[target.definition_id][target.year] = target.value
    return [KpiSeries(d, _one_per_period(values[d.pk]), targets[d.pk]) for d in defs]


def _one_per_period(points: list[SeriesPoint]) -> list[SeriesPoint]:
    """The latest approved value per period. A correction supersedes its original, so
    this only matters when two values were entered independently for one period."""
    latest: dict[tuple[date, date], SeriesPoint] = {}
    for point in points:
        latest[(point.period_start, point.period_end)] = point
    return sorted(latest.values(), key=lambda v: (v.period_end, v.period_start))


def pending_values(regency: Regency) -> QuerySet[KpiValue]:
    return (
        KpiValue.objects.filter(regency=regency, status=ValueStatus.SUBMITTED)
        .select_related("definition", "entered_by")
        .order_by("computed_at")
    )


@dataclass
class CycleResult:
    cycle: EvaluationCycle
    components: dict[str, Decimal]
    index: float | None
    by_dimension: dict[str, float]


def cycle_result(cycle: EvaluationCycle) -> CycleResult:
    """Component scores (validated where the assessor set one), overall rows first and
    otherwise the mean over dimensions, and the index with the cycle's weights."""
    scores = list(ComponentScore.objects.filter(cycle=cycle).select_related("dimension"))
    overall: dict[str, Decimal] = {}
    per_dim: dict[str, dict[str, Decimal]] = {}
    for score in scores:
        if score.dimension_id is None:
            overall[score.component] = score.final
        else:
            per_dim.setdefault(score.dimension_id, {})[score.component] = score.final
    components = dict(overall)
    for key in index_calc.COMPONENTS:
        if key not in components:
            found = [dims[key] for dims in per_dim.values() if key in dims]
            if found:
                components[key] = sum(found, Decimal(0)) / len(found)
    index = None
    if all(key in components for key in index_calc.COMPONENTS):
        index = index_calc.smart_city_index(components, cycle.weights)
    by_dimension = {
        dim: index_calc.smart_city_index(values, cycle.weights)
        for dim, values in per_dim.items()
        if all(key in values for key in index_calc.COMPONENTS)
    }
    return CycleResult(cycle, components, index, by_dimension)


def latest_published_cycle(regency: Regency) -> EvaluationCycle | None:
    return (
        EvaluationCycle.objects.filter(regency=regency, is_published=True, status="locked")
        .order_by("-year", "-stage")
        .first()
    )


def automatic_definitions(regency: Regency) -> QuerySet[KpiDefinition]:
    return KpiDefinition.objects.filter(regency=regency, method=Method.AUTOMATIC)
