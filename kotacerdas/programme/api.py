"""JSON API of the programme (public, read-only): the KPI catalogue with the latest
stored value and each KPI's series. Reads stored values only."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router

from kotacerdas.core.tenancy import host_regency
from kotacerdas.programme import opendata
from kotacerdas.programme.models import KpiDefinition
from kotacerdas.programme.selectors import kpi_series

router = Router(tags=["smart city"])


@router.get("/smartcity/kpis", auth=None, summary="Indikator kinerja smart city + nilai terakhir")
def kpi_list(request: HttpRequest) -> dict[str, Any]:
    regency = host_regency(request)
    items = []
    for s in kpi_series(regency, points=1):  # first and latest value only
        latest = s.latest
        items.append(
            {
                "code": s.definition.code,
                "name": s.definition.name,
                "element": s.definition.element_id,
                "unit": s.definition.unit,
                "category": s.definition.category,
                "method": s.definition.method,
                "targets": {str(y): str(v) for y, v in sorted(s.targets.items())},
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
