"""Registry of automatic KPI functions. Each domain app registers the indicators it can
compute from its own operations in ``AppConfig.ready`` (the way hub tiles are
registered); the programme app stores their values daily. Nothing here imports a domain
app, and a domain app never imports the programme: this registry is the only meeting
point, so the programme can be left out of a deployment without breaking anything."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils.functional import Promise

if TYPE_CHECKING:
    from kotacerdas.core.models import Regency


@dataclass(frozen=True)
class KpiResult:
    """One computed value with how it was computed. ``value`` is ``None`` when the
    period has no data (a 0/0 share is "no data", not 0 %)."""

    value: Decimal | None
    formula: str
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    inputs: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class KpiSource:
    """An automatic indicator. ``compute(regency, start, end)`` covers the inclusive
    business-date period ``start``..``end`` in the regency's own time zone and must read
    the app's rollups or indexed aggregates, never scan unbounded raw tables."""

    code: str  # stable, e.g. "parking.cashless_share_count"
    title: str | Promise
    unit: str  # "persen", "rupiah", "hari kerja", "skor", "jumlah"
    element: str  # smart-city element code, e.g. "SE-TR"
    compute: Callable[[Regency, date, date], KpiResult]
    description: str | Promise = ""
    higher_is_better: bool = True


_SOURCES: dict[str, KpiSource] = {}


def register_kpi(source: KpiSource) -> None:
    """Register (or re-register, idempotently) an automatic KPI by its code."""
    _SOURCES[source.code] = source


def kpi_sources() -> list[KpiSource]:
    return sorted(_SOURCES.values(), key=lambda s: s.code)


def kpi_source(code: str) -> KpiSource | None:
    return _SOURCES.get(code)
