"""The reconciliation poller: charges still pending past expiry + grace are asked about
at the gateway; what it says is recorded (same keys as webhooks); still pending there is
expired there (Midtrans only expires reliably at >= 15 min)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from kotacerdas.payments.models import Charge, ChargeStatus
from kotacerdas.payments.providers.base import ProviderError
from kotacerdas.payments.services.charges import charge_expire, charge_refresh

log = logging.getLogger("kotacerdas.payments.reconcile")


@dataclass
class ReconcileResult:
    checked: int = 0
    paid: int = 0
    expired: int = 0
    cancelled: int = 0
    errors: int = 0

    def __str__(self) -> str:
        return (
            f"checked {self.checked}: paid {self.paid}, expired {self.expired}, "
            f"cancelled {self.cancelled}, errors {self.errors}"
        )


def reconcile_pending(*, now: datetime | None = None, limit: int = 200) -> ReconcileResult:
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=settings.KOTACERDAS_PAYMENT_RECONCILE_GRACE_SECONDS)
    result = ReconcileResult()
    due = Charge.objects.filter(status=ChargeStatus.PENDING, expires_at__lt=cutoff).order_by(
        "expires_at", "pk"
    )[:limit]
    for charge in due:
        result.checked += 1
        try:
            try:
                charge = charge_refresh(charge=charge)
            except ProviderError as exc:
                if exc.status != 404:
                    raise
            if charge.status == ChargeStatus.PENDING:
                charge = charge_expire(charge=charge)
        except ProviderError as exc:
            result.errors += 1
            log.warning("reconcile %s: %s", charge.order_id, exc)
            continue
        if charge.status == ChargeStatus.PAID:
            result.paid += 1
        elif charge.status == ChargeStatus.EXPIRED:
            result.expired += 1
        elif charge.status == ChargeStatus.CANCELLED:
            result.cancelled += 1
    return result
