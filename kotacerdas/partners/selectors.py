"""Reads of partners and agreements. ``agreement_by_number`` and ``agreements_active``
are a stable interface: other modules (training, innovation) link their records to an
agreement through them and never query the tables directly."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import QuerySet

from kotacerdas.core.models import Regency
from kotacerdas.partners.models import Agreement, Obligation, ObligationStatus, Partner

ALERT_DAYS = (90, 30)


def agreement_by_number(*, regency: Regency, number: str) -> Agreement | None:
    """The agreement with this number in the regency (exact match), or ``None``."""
    return (
        Agreement.objects.filter(regency=regency, number=number.strip()[:100])
        .select_related("partner")
        .first()
    )


def agreements_active(*, regency: Regency, on: date | None = None) -> QuerySet[Agreement]:
    """Agreements in force on ``on`` (default: today), newest first."""
    from kotacerdas.core.timeutil import WIB

    if on is None:
        from django.utils import timezone

        on = timezone.now().astimezone(WIB).date()
    return (
        Agreement.objects.filter(regency=regency, signed_on__lte=on, valid_until__gte=on)
        .select_related("partner")
        .order_by("-signed_on", "number")
    )


def agreements_public(*, regency: Regency, on: date) -> QuerySet[Agreement]:
    return agreements_active(regency=regency, on=on).filter(is_public=True)


def agreements_all(*, regency: Regency) -> QuerySet[Agreement]:
    return (
        Agreement.objects.filter(regency=regency)
        .select_related("partner", "parent")
        .order_by("valid_until", "number")
    )


def agreement_get(*, regency: Regency, pk: int) -> Agreement | None:
    return agreements_all(regency=regency).filter(pk=pk).first()


def partners_all(*, regency: Regency) -> QuerySet[Partner]:
    return Partner.objects.filter(regency=regency).order_by("name")


def partner_by_code(*, regency: Regency, code: str) -> Partner | None:
    return Partner.objects.filter(regency=regency, code=code).first()


@dataclass(frozen=True)
class ExpiryWarning:
    agreement: Agreement
    days_left: int
    threshold: int  # 90 or 30


def expiring(*, regency: Regency | None, on: date) -> list[ExpiryWarning]:
    """Agreements ending within 90 days of ``on`` (still in force), with the tightest
    threshold they have crossed."""
    qs = Agreement.objects.filter(
        valid_until__gte=on, valid_until__lte=on + timedelta(days=max(ALERT_DAYS))
    ).select_related("partner", "regency")
    if regency is not None:
        qs = qs.filter(regency=regency)
    found = []
    for agreement in qs.order_by("valid_until"):
        days_left = (agreement.valid_until - on).days
        threshold = min(d for d in ALERT_DAYS if days_left <= d)
        found.append(ExpiryWarning(agreement, days_left, threshold))
    return found


def obligations_open(*, regency: Regency) -> QuerySet[Obligation]:
    return (
        Obligation.objects.filter(regency=regency, status=ObligationStatus.OPEN)
        .select_related("agreement")
        .order_by("due_on")
    )
