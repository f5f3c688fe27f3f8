"""Reads for the reconciliation pages: who may see and sign, and the figures of a day
or a month (ledger, settlement, bank, mismatches), each in one grouped query."""

from __future__ import annotations

from calendar import monthrange
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncDate

from kotacerdas.core.models import Regency, Role
from kotacerdas.core.selectors import user_roles
from kotacerdas.core.timeutil import zone_of
from kotacerdas.payments.selectors import charges_paid_between
from kotacerdas.treasury.models import (
    BankCredit,
    ImportFile,
    Mismatch,
    MismatchStatus,
    Period,
    SettlementLine,
    SignOff,
)

# Dishub collects the levy, Bapenda accounts for it; Diskominfo administrators and
# auditors see everything; only Bapenda signs.
TREASURY_OPDS = frozenset({"dishub", "bapenda"})
PROVIDERS = ["midtrans", "xendit"]


def _opd(user: Any) -> str:
    opd = getattr(user, "opd", None) if getattr(user, "opd_id", None) else None
    return str(opd.code) if opd is not None else ""


def sees_treasury(user: Any) -> bool:
    roles = user_roles(user)
    if roles & {Role.ADMIN, Role.AUDITOR}:
        return True
    return Role.OFFICER in roles and _opd(user) in TREASURY_OPDS


def can_write(user: Any) -> bool:
    roles = user_roles(user)
    return Role.ADMIN in roles or (Role.OFFICER in roles and _opd(user) in TREASURY_OPDS)


def can_sign(user: Any) -> bool:
    return Role.OFFICER in user_roles(user) and _opd(user) == "bapenda"


def _by_day(rows: Any, field: str) -> dict[date, dict[str, int]]:
    return {r[field]: r for r in rows}


def days_table(regency: Regency, start: date, end: date) -> list[dict[str, Any]]:
    """One row per day from ``start`` to ``end``: paid QRIS in the ledger, settled gross,
    fee and net, bank credits, open and total mismatches, and the day's sign-off."""
    zone = zone_of(regency)
    ledger = _by_day(
        charges_paid_between(
            regency=regency,
            providers=PROVIDERS,
            start=datetime.combine(start, time.min, zone),
            end=datetime.combine(end + timedelta(days=1), time.min, zone),
        )
        .annotate(d=TruncDate("paid_at", tzinfo=zone))
        .values("d")
        .annotate(n=Count("id"), total=Sum("paid_amount")),
        "d",
    )
    settled = _by_day(
        SettlementLine.objects.filter(regency=regency, settled_on__range=(start, end))
        .values("settled_on")
        .annotate(n=Count("id"), gross=Sum("gross"), fee=Sum("fee"), net=Sum("net")),
        "settled_on",
    )
    credited = _by_day(
        BankCredit.objects.filter(regency=regency, value_date__range=(start, end))
        .values("value_date")
        .annotate(n=Count("id"), total=Sum("amount")),
        "value_date",
    )
    flags = _by_day(
        Mismatch.objects.filter(regency=regency, day__range=(start, end))
        .values("day")
        .annotate(n=Count("id"), open=Count("id", filter=Q(status=MismatchStatus.OPEN))),
        "day",
    )
    signs = {
        s.start: s
        for s in SignOff.objects.filter(
            regency=regency, period=Period.DAY, start__range=(start, end)
        ).select_related("signed_by")
    }
    rows = []
    day = start
    while day <= end:
        led, st = ledger.get(day, {}), settled.get(day, {})
        cr, fl = credited.get(day, {}), flags.get(day, {})
        rows.append(
            {
                "day": day,
                "paid_count": led.get("n", 0),
                "paid_total": led.get("total") or 0,
                "settled_count": st.get("n", 0),
                "gross": st.get("gross") or 0,
                "fee": st.get("fee") or 0,
                "net": st.get("net") or 0,
                "credited": cr.get("total") or 0,
                "credits": cr.get("n", 0),
                "mismatches": fl.get("n", 0),
                "open": fl.get("open", 0),
                "signoff": signs.get(day),
            }
        )
        day += timedelta(days=1)
    return rows


def period_summary(regency: Regency, start: date, end: date) -> dict[str, int]:
    """The totals frozen into a sign-off."""
    rows = days_table(regency, start, end)
    keys = ["paid_count", "paid_total", "gross", "fee", "net", "credited", "mismatches", "open"]
    return {k: sum(int(r[k]) for r in rows) for k in keys}


def month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, monthrange(year, month)[1])


def signoff_for(regency: Regency, period: str, start: date) -> SignOff | None:
    return (
        SignOff.objects.filter(regency=regency, period=period, start=start)
        .select_related("signed_by")
        .first()
    )


def mismatches_on(regency: Regency, day: date) -> QuerySet[Mismatch]:
    return Mismatch.objects.filter(regency=regency, day=day).order_by("status", "kind", "id")


def mismatch_get(regency: Regency, pk: int) -> Mismatch | None:
    return Mismatch.objects.filter(regency=regency, pk=pk).select_related("resolved_by").first()


def recent_imports(regency: Regency) -> QuerySet[ImportFile]:
    return ImportFile.objects.filter(regency=regency).order_by("-created_at", "-id")[:20]


def settlement_lines_on(regency: Regency, day: date) -> QuerySet[SettlementLine]:
    return SettlementLine.objects.filter(regency=regency, settled_on=day).order_by("id")[:500]


def credits_on(regency: Regency, day: date) -> QuerySet[BankCredit]:
    return BankCredit.objects.filter(regency=regency, value_date=day).order_by("id")[:200]
