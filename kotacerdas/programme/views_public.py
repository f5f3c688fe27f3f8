"""Public pages and open data: the dashboard, the national cohort view and the
downloads. They read stored rows only (approved values, locked and published cycles)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from kotacerdas.core.models import Regency
from kotacerdas.core.permissions import PUBLIC, access
from kotacerdas.core.tenancy import host_regency
from kotacerdas.programme import opendata
from kotacerdas.programme.dashboard import dashboard as build_dashboard
from kotacerdas.programme.models import (
    BimtekStage,
    KpiDefinition,
    ProgrammeProfile,
)
from kotacerdas.programme.selectors import cycle_result, latest_published_cycle

CACHE_SECONDS = 300


def _regency(request: HttpRequest) -> Regency:
    """The regency of the request's host (the deployment rule for public pages), or
    another published one by BPS code (``?kode=``)."""
    code = request.GET.get("kode", "").strip()
    if not code:
        return host_regency(request)
    if len(code) > 8 or not code.isascii() or not code.isdigit():
        raise Http404
    profile = (
        ProgrammeProfile.objects.filter(regency__code=code, is_published=True)
        .select_related("regency")
        .first()
    )
    if profile is None:
        raise Http404
    return profile.regency


@access(PUBLIC)
def dashboard(request: HttpRequest) -> HttpResponse:
    data = build_dashboard(_regency(request))
    response = render(request, "programme/dashboard.html", {"d": data})
    response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
    return response


@access(PUBLIC)
def national(request: HttpRequest) -> HttpResponse:
    """Every regency in the deployment that publishes its programme, side by side."""
    rows = []
    for profile in (
        ProgrammeProfile.objects.filter(is_published=True)
        .select_related("regency")
        .order_by("cohort_year", "regency__name")
    ):
        regency = profile.regency
        stages = list(BimtekStage.objects.filter(regency=regency))
        cycle = latest_published_cycle(regency)
        result = cycle_result(cycle) if cycle else None
        rows.append(
            {
                "profile": profile,
                "bimtek_done": sum(1 for s in stages if s.is_done),
                "cycle": cycle,
                "index": result.index if result else None,
            }
        )
    return render(request, "programme/national.html", {"rows": rows})


def _csv(rows: list[dict[str, Any]], columns: list[str], filename: str) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: ("" if v is None else v) for k, v in row.items()})
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _json(data: Any, content_type: str = "application/json") -> HttpResponse:
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1),
        content_type=f"{content_type}; charset=utf-8",
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


@access(PUBLIC)
def catalog(request: HttpRequest) -> HttpResponse:
    regency = _regency(request)
    suffix = "" if regency == host_regency(request) else f"?kode={regency.code}"
    data = opendata.catalog(regency, lambda path: request.build_absolute_uri(path + suffix))
    return _json(data, "application/ld+json")


@access(PUBLIC)
def kpi_data(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    regency = _regency(request)
    definition = KpiDefinition.objects.filter(regency=regency, code=code, is_published=True).first()
    if definition is None or fmt not in {"csv", "json", "ngsi-ld.json"}:
        raise Http404
    if fmt == "ngsi-ld.json":
        return _json(opendata.kpi_ngsi_ld(regency, definition), "application/ld+json")
    rows = opendata.kpi_rows(regency, definition)
    if fmt == "csv":
        return _csv(rows, opendata.KPI_COLUMNS, f"{regency.code}-{code}.csv")
    return _json({"indikator": definition.code, "nama": definition.name, "nilai": rows})


@access(PUBLIC)
def programmes_data(request: HttpRequest, fmt: str) -> HttpResponse:
    regency = _regency(request)
    rows = opendata.programme_rows(regency)
    if fmt == "csv":
        return _csv(rows, opendata.PROGRAMME_COLUMNS, f"{regency.code}-program.csv")
    if fmt == "json":
        return _json({"program": rows})
    raise Http404


@access(PUBLIC)
def evaluations_data(request: HttpRequest, fmt: str) -> HttpResponse:
    regency = _regency(request)
    rows = opendata.evaluation_rows(regency)
    if fmt == "csv":
        return _csv(rows, opendata.EVALUATION_COLUMNS, f"{regency.code}-evaluasi.csv")
    if fmt == "json":
        return _json({"evaluasi": rows})
    raise Http404
