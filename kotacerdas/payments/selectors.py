"""Reads for the owner apps, the back office and KPIs."""

from __future__ import annotations

from datetime import datetime

from django.db.models import QuerySet

from kotacerdas.core.models import Regency
from kotacerdas.payments.models import (
    Charge,
    ChargeFlag,
    ChargeStatus,
    PaymentEvent,
    WebhookDelivery,
)


def charge_get(*, regency: Regency, order_id: str) -> Charge | None:
    return Charge.objects.filter(regency=regency, order_id=order_id).first()


def charge_for_owner(*, regency: Regency, owner_type: str, owner_id: str) -> QuerySet[Charge]:
    return Charge.objects.filter(
        regency=regency, owner_type=owner_type, owner_id=str(owner_id)
    ).order_by("-created_at", "-id")


def charge_list(*, regency: Regency, status: str = "") -> QuerySet[Charge]:
    qs = Charge.objects.filter(regency=regency)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-created_at", "-id")


def charge_events(*, charge: Charge) -> QuerySet[PaymentEvent]:
    return charge.events.select_related("delivery").order_by("id")


def charge_deliveries(*, charge: Charge) -> QuerySet[WebhookDelivery]:
    return WebhookDelivery.objects.filter(
        regency=charge.regency, order_id=charge.order_id
    ).order_by("-received_at", "-id")


def flag_list(*, regency: Regency, open_only: bool = True) -> QuerySet[ChargeFlag]:
    qs = ChargeFlag.objects.filter(regency=regency).select_related("charge", "delivery")
    if open_only:
        qs = qs.filter(resolved_at__isnull=True)
    return qs.order_by("-created_at", "-id")


def charges_paid_between(
    *, regency: Regency, providers: list[str], start: datetime, end: datetime
) -> QuerySet[Charge]:
    """Paid charges of these gateways with ``start <= paid_at < end`` (for the treasury's
    reconciliation against settlement reports)."""
    return Charge.objects.filter(
        regency=regency,
        provider__in=providers,
        status=ChargeStatus.PAID,
        paid_at__gte=start,
        paid_at__lt=end,
    )


def charges_by_order_ids(*, regency: Regency, order_ids: list[str]) -> QuerySet[Charge]:
    return Charge.objects.filter(regency=regency, order_id__in=order_ids)
