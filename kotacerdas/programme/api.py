"""JSON API of the programme (public, read-only): the KPI catalogue with the latest
stored value (from the dashboard snapshot) and each KPI's series. Reads stored values
only."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router

from kotacerdas.core.tenancy import host_regency
from kotacerdas.programme import opendata
from kotacerdas.programme.models import KpiDefinition
from kotacerdas.programme.snapshot import dashboard_cards

router = Router(tags=["smart city"])


@router.get("/smartcity/kpis", auth=None, summary="Indikator kinerja smart city + nilai terakhir")
def kpi_list(request: HttpRequest) -> dict[str, Any]:
    regency = host_regency(request)
    cards, _updated = dashboard_cards(regency)  # the stored snapshot: one query
    items = []
    for card in cards:
        latest = card.latest
        items.append(
            {
                "code": card.code,
                "name": card.name,
                "element": card.element,
                "unit": card.unit,
                "category": card.category,
                "method": card.method,
                "targets": {str(y): str(v) for y, v in sorted(card.targets.items())},
                "latest": None
                if latest is None
                else {
                    "period": {"from": latest.period_start, "to": latest.period_end},
                    "value": None if latest.value is None else str(latest.value),
                    "computed_at": latest.computed_at,
                },
            }
        )
    return {"regency": regency.code, "kpis": items}


@router.get("/smartcity/kpis/{code}", auth=None, summary="Deret nilai satu indikator")
def kpi_detail(request: HttpRequest, code: str) -> dict[str, Any]:
    regency = host_regency(request)
    definition = KpiDefinition.objects.filter(
        regency=regency, code=code[:60], is_published=True
    ).first()
    if definition is None:
        raise Http404
    return {
        "regency": regency.code,
        "code": definition.code,
        "name": definition.name,
        "values": opendata.kpi_rows(regency, definition),
    }
