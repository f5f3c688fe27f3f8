"""The KPI cards of the public dashboard and the rows of the KPI list API, kept as a
per-regency snapshot row (``DashboardSnapshot``). Building a card reads the KPI's
thinned history and draws its SVG chart, which is most of what the dashboard cost per
request; the snapshot is rebuilt when stored values change (daily job, approval,
targets), so a request reads one row and draws nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from kotacerdas.core.models import Regency
from kotacerdas.programme import charts
from kotacerdas.programme.models import DashboardSnapshot, KpiCategory
from kotacerdas.programme.selectors import KpiSeries, kpi_series

CATEGORY_LABELS = dict(KpiCategory.choices)
CARDS_CACHE_SECONDS = 24 * 3600


@dataclass(frozen=True)
class LatestValue:
    period_start: date
    period_end: date
    value: Decimal | None
    computed_at: datetime


@dataclass(frozen=True)
class Card:
    """One published KPI as the dashboard and the API show it."""

    code: str
    name: str
    element: str
    category: str
    method: str
    unit: str
    targets: dict[int, Decimal]
    latest: LatestValue | None
    achievement: Decimal | None
    svg: str

    @property
    def category_label(self) -> str:
        return str(CATEGORY_LABELS.get(self.category, self.category))


def _card_json(series: KpiSeries) -> dict[str, Any]:
    definition, latest = series.definition, series.latest
    svg = charts.line_chart(
        [charts.Point(p.period_end, p.value) for p in series.chart_points() if p.value is not None],
        series.targets,
        title=definition.name,
        unit=definition.unit,
    )
    achievement = series.achievement
    return {
        "code": definition.code,
        "name": definition.name,
        "element": definition.element_id,
        "category": definition.category,
        "method": definition.method,
        "unit": definition.unit,
        "targets": {str(y): str(v) for y, v in sorted(series.targets.items())},
        "latest": None
        if latest is None
        else {
            "from": latest.period_start.isoformat(),
            "to": latest.period_end.isoformat(),
            "value": None if latest.value is None else str(latest.value),
            "computed_at": latest.computed_at.isoformat(),
        },
        "achievement": None if achievement is None else str(achievement),
        "svg": svg,
    }


def build_cards(regency: Regency) -> tuple[list[dict[str, Any]], datetime | None]:
    """Every published KPI of the regency as JSON-ready cards, and the time of the
    newest value shown."""
    cards, newest = [], None
    for series in kpi_series(regency):
        cards.append(_card_json(series))
        if series.latest is not None and (newest is None or series.latest.computed_at > newest):
            newest = series.latest.computed_at
    return cards, newest


def _card(data: dict[str, Any]) -> Card:
    latest = data["latest"]
    return Card(
        code=data["code"],
        name=data["name"],
        element=data["element"],
        category=data["category"],
        method=data["method"],
        unit=data["unit"],
        targets={int(y): Decimal(v) for y, v in data["targets"].items()},
        latest=None
        if latest is None
        else LatestValue(
            date.fromisoformat(latest["from"]),
            date.fromisoformat(latest["to"]),
            None if latest["value"] is None else Decimal(latest["value"]),
            datetime.fromisoformat(latest["computed_at"]),
        ),
        achievement=None if data["achievement"] is None else Decimal(data["achievement"]),
        svg=data["svg"],
    )


def dashboard_cards(regency: Regency) -> tuple[list[Card], datetime | None]:
    """The stored cards (one query). A regency without a snapshot yet gets one built
    and stored now, like filling a cache."""
    row = (
        DashboardSnapshot.objects.filter(regency=regency)
        .values_list("cards", "kpis_updated")
        .first()
    )
    if row is None:
        from kotacerdas.programme.services.snapshot import dashboard_snapshot_refresh

        snapshot = dashboard_snapshot_refresh(regency=regency)
        row = (snapshot.cards, snapshot.kpis_updated)
    cards, updated = row
    return [_card(c) for c in cards], updated


def kpi_cards_html(regency: Regency, language: str) -> tuple[SafeString, datetime | None]:
    """The dashboard's KPI section, rendered once per snapshot and language and kept in
    the cache under the snapshot's build time: a new snapshot is a new key, so nothing
    stale is served and no invalidation is needed. A cache hit costs one small query."""
    row = (
        DashboardSnapshot.objects.filter(regency=regency)
        .values_list("built_at", "kpis_updated")
        .first()
    )
    if row is None:
        from kotacerdas.programme.services.snapshot import dashboard_snapshot_refresh

        snapshot = dashboard_snapshot_refresh(regency=regency)
        row = (snapshot.built_at, snapshot.kpis_updated)
    built_at, updated = row
    key = f"programme:kpi-cards:{regency.pk}:{language}:{built_at.timestamp()}"
    html = cache.get(key)
    if html is None:
        cards, _updated = dashboard_cards(regency)
        html = render_to_string("programme/_kpi_cards.html", {"cards": cards})
        cache.set(key, html, CARDS_CACHE_SECONDS)
    return mark_safe(html), updated  # noqa: S308  # our own template's output
