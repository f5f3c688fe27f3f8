"""Automatic smart-city KPIs computed from parking operations, registered in
``kotacerdas.core.kpis`` (stored daily by the programme app). Money collected means a
paid QRIS event at the amount the ledger recorded, or a recorded cash event, by the
event's WIB business date — the same rule as the parking dashboard."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, Sum

from kotacerdas.core.kpis import KpiResult, KpiSource, register_kpi
from kotacerdas.core.models import Regency
from kotacerdas.parking.models import Channel, ParkingEvent
from kotacerdas.parking.selectors import COLLECTED


def _totals(regency: Regency, start: date, end: date) -> dict[str, int]:
    """One aggregate over the (regency, business_date, channel) index."""
    qris = Q(channel=Channel.QRIS)
    row = (
        ParkingEvent.objects.filter(regency=regency, business_date__range=(start, end))
        .filter(COLLECTED)
        .aggregate(
            count=Count("id"),
            qris_count=Count("id", filter=qris),
            rupiah=Sum("paid_amount"),
            qris_rupiah=Sum("paid_amount", filter=qris),
        )
    )
    return {key: int(value or 0) for key, value in row.items()}


def _share(part: int, whole: int) -> Decimal | None:
    if whole == 0:
        return None
    return (Decimal(100) * part / whole).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _period(start: date, end: date) -> dict[str, str]:
    return {"from": start.isoformat(), "to": end.isoformat()}


def cashless_share_count(regency: Regency, start: date, end: date) -> KpiResult:
    totals = _totals(regency, start, end)
    return KpiResult(
        value=_share(totals["qris_count"], totals["count"]),
        formula="transaksi parkir QRIS lunas ÷ seluruh transaksi parkir terbayar × 100",
        numerator=Decimal(totals["qris_count"]),
        denominator=Decimal(totals["count"]),
        inputs={**_period(start, end), "qris": totals["qris_count"], "all": totals["count"]},
    )


def cashless_share_rupiah(regency: Regency, start: date, end: date) -> KpiResult:
    totals = _totals(regency, start, end)
    return KpiResult(
        value=_share(totals["qris_rupiah"], totals["rupiah"]),
        formula="rupiah retribusi parkir via QRIS ÷ seluruh rupiah retribusi parkir × 100",
        numerator=Decimal(totals["qris_rupiah"]),
        denominator=Decimal(totals["rupiah"]),
        inputs={
            **_period(start, end),
            "qris_rupiah": totals["qris_rupiah"],
            "all_rupiah": totals["rupiah"],
        },
    )


def levy_realised(regency: Regency, start: date, end: date) -> KpiResult:
    """Rupiah collected in the period. The programme stores it for the year to date and
    sets it against the yearly target in the KPI catalogue."""
    totals = _totals(regency, start, end)
    return KpiResult(
        value=Decimal(totals["rupiah"]),
        formula="jumlah rupiah retribusi parkir terkumpul (QRIS lunas + tunai) dalam periode",
        numerator=Decimal(totals["rupiah"]),
        inputs={
            **_period(start, end),
            "qris_rupiah": totals["qris_rupiah"],
            "cash_rupiah": totals["rupiah"] - totals["qris_rupiah"],
            "events": totals["count"],
        },
    )


def register() -> None:
    register_kpi(
        KpiSource(
            code="parking.cashless_share_count",
            title="Porsi transaksi parkir non-tunai (jumlah)",
            unit="persen",
            element="SE-TR",
            compute=cashless_share_count,
        )
    )
    register_kpi(
        KpiSource(
            code="parking.cashless_share_rupiah",
            title="Porsi retribusi parkir non-tunai (rupiah)",
            unit="persen",
            element="SE-TR",
            compute=cashless_share_rupiah,
        )
    )
    register_kpi(
        KpiSource(
            code="parking.levy_realised",
            title="Realisasi retribusi parkir",
            unit="rupiah",
            element="SS-SE",
            compute=levy_realised,
        )
    )
