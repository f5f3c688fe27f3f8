"""Automatic smart-city KPIs computed from public-service requests, registered in
``kotacerdas.core.kpis`` (stored daily by the programme app). Periods are inclusive WIB
dates; a request counts in the period in which it was resolved (or rated)."""

from __future__ import annotations

import statistics
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from django.db.models import Avg, Count, Q, Sum

from kotacerdas.core.kpis import KpiResult, KpiSource, register_kpi
from kotacerdas.core.models import Regency
from kotacerdas.services.models import Service, ServiceRequest
from kotacerdas.services.workdays import regency_calendar

TWO = Decimal("0.01")


def _bounds(regency: Regency, start: date, end: date) -> tuple[datetime, datetime]:
    zone = ZoneInfo(regency.timezone)
    return (
        datetime.combine(start, time.min, tzinfo=zone),
        datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone),
    )


def _period(start: date, end: date) -> dict[str, str]:
    return {"from": start.isoformat(), "to": end.isoformat()}


def _resolved(regency: Regency, start: date, end: date):  # type: ignore[no-untyped-def]
    low, high = _bounds(regency, start, end)
    return ServiceRequest.objects.filter(
        regency=regency, resolved_at__gte=low, resolved_at__lt=high
    )


def closed_within_sla(regency: Regency, start: date, end: date) -> KpiResult:
    row = _resolved(regency, start, end).aggregate(
        total=Count("id"), on_time=Count("id", filter=Q(sla_breached=False))
    )
    total, on_time = int(row["total"]), int(row["on_time"])
    value = (Decimal(100) * on_time / total).quantize(TWO, ROUND_HALF_UP) if total else None
    return KpiResult(
        value=value,
        formula="laporan selesai tanpa melewati tenggat hari kerja ÷ laporan selesai × 100",
        numerator=Decimal(on_time),
        denominator=Decimal(total),
        inputs={**_period(start, end), "resolved": total, "within_sla": on_time},
    )


def median_resolution_days(regency: Regency, start: date, end: date) -> KpiResult:
    """Working days from the WIB date of submission to the WIB date of resolution
    (national holidays, cuti bersama and regional days off excluded)."""
    zone = ZoneInfo(regency.timezone)
    pairs = [
        (requested.astimezone(zone).date(), resolved.astimezone(zone).date())
        for requested, resolved in _resolved(regency, start, end).values_list(
            "requested_at", "resolved_at"
        )
    ]
    if not pairs:
        return KpiResult(
            value=None,
            formula="median hari kerja dari pengajuan sampai selesai",
            denominator=Decimal(0),
            inputs={**_period(start, end), "resolved": 0},
        )
    first_year = min(p[0] for p in pairs).year
    calendar = regency_calendar(regency, range(first_year, end.year + 1))
    days = [calendar.working_days_between(a, b) for a, b in pairs]
    median = Decimal(str(statistics.median(days))).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return KpiResult(
        value=median,
        formula="median hari kerja dari pengajuan sampai selesai",
        denominator=Decimal(len(days)),
        inputs={**_period(start, end), "resolved": len(days)},
    )


def satisfaction(regency: Regency, start: date, end: date) -> KpiResult:
    low, high = _bounds(regency, start, end)
    row = ServiceRequest.objects.filter(
        regency=regency, rated_at__gte=low, rated_at__lt=high, rating__isnull=False
    ).aggregate(n=Count("id"), total=Sum("rating"), mean=Avg("rating"))
    n, total = int(row["n"]), int(row["total"] or 0)
    value = (Decimal(total) / n).quantize(TWO, ROUND_HALF_UP) if n else None
    return KpiResult(
        value=value,
        formula="jumlah skor penilaian warga (1–5) ÷ jumlah penilaian",
        numerator=Decimal(total),
        denominator=Decimal(n),
        inputs={**_period(start, end), "ratings": n},
    )


def online_services_share(regency: Regency, start: date, end: date) -> KpiResult:
    """A snapshot of the catalogue when computed: services open for online requests
    (active: web and Open311) among all services the regency lists in it."""
    row = Service.objects.filter(regency=regency).aggregate(
        total=Count("id"), online=Count("id", filter=Q(is_active=True))
    )
    total, online = int(row["total"]), int(row["online"])
    value = (Decimal(100) * online / total).quantize(TWO, ROUND_HALF_UP) if total else None
    return KpiResult(
        value=value,
        formula="layanan katalog yang dapat diajukan daring ÷ seluruh layanan katalog × 100",
        numerator=Decimal(online),
        denominator=Decimal(total),
        inputs={**_period(start, end), "online": online, "catalogue": total},
    )


def register() -> None:
    for code, title, unit, element, compute, higher in (
        (
            "services.closed_within_sla",
            "Laporan warga selesai dalam SLA",
            "persen",
            "SG-PS",
            closed_within_sla,
            True,
        ),
        (
            "services.median_resolution_days",
            "Median waktu penyelesaian laporan",
            "hari kerja",
            "SG-PS",
            median_resolution_days,
            False,
        ),
        (
            "services.satisfaction",
            "Kepuasan warga atas penyelesaian laporan",
            "skor",
            "SG-PS",
            satisfaction,
            True,
        ),
        (
            "services.online_share",
            "Layanan katalog yang dapat diajukan daring",
            "persen",
            "SG-PS",
            online_services_share,
            True,
        ),
    ):
        register_kpi(
            KpiSource(
                code=code,
                title=title,
                unit=unit,
                element=element,
                compute=compute,
                higher_is_better=higher,
            )
        )
