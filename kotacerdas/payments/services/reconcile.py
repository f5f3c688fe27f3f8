"""The reconciliation poller: charges still pending past expiry + grace are asked about
at the gateway; what it says is recorded (same keys as webhooks); still pending there is
expired there (Midtrans only expires reliably at >= 15 min).

Fair by construction: each regency gets its own batch, so one regency with many
charges (or a broken key) cannot starve another; a charge whose check fails is not
asked again before ``next_check_at`` (exponential backoff), and after
``FLAG_AFTER_FAILURES`` failures in a row it is flagged ``reconcile_failing`` for a
person to look at (a renamed key variable, a 401 after key rotation)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from kotacerdas.core.jobs import job_heartbeat
from kotacerdas.payments.models import Charge, ChargeFlag, ChargeStatus, FlagKind
from kotacerdas.payments.providers.base import ProviderError
from kotacerdas.payments.services.charges import charge_expire, charge_refresh
from kotacerdas.payments.services.flags import flag_raise

log = logging.getLogger("kotacerdas.payments.reconcile")

PER_REGENCY = 50
BACKOFF_BASE = timedelta(minutes=2)
BACKOFF_MAX = timedelta(hours=6)
FLAG_AFTER_FAILURES = 5


@dataclass
class ReconcileResult:
    checked: int = 0
    paid: int = 0
    expired: int = 0
    cancelled: int = 0
    errors: int = 0
    flagged: int = 0

    def __str__(self) -> str:
        return (
            f"checked {self.checked}: paid {self.paid}, expired {self.expired}, "
            f"cancelled {self.cancelled}, errors {self.errors}, flagged {self.flagged}"
        )


def backoff(failures: int) -> timedelta:
    return min(BACKOFF_BASE * (2 ** max(failures - 1, 0)), BACKOFF_MAX)


def _due(now: datetime) -> Q:
    cutoff = now - timedelta(seconds=settings.KOTACERDAS_PAYMENT_RECONCILE_GRACE_SECONDS)
    return Q(status=ChargeStatus.PENDING, expires_at__lt=cutoff) & (
        Q(next_check_at__isnull=True) | Q(next_check_at__lte=now)
    )


def reconcile_pending(
    *, now: datetime | None = None, per_regency: int = PER_REGENCY
) -> ReconcileResult:
    now = now or timezone.now()
    result = ReconcileResult()
    due = Charge.objects.filter(_due(now))
    for regency_id in sorted(set(due.values_list("regency_id", flat=True))):
        batch = due.filter(regency_id=regency_id).order_by(
            F("next_check_at").asc(nulls_first=True), "expires_at", "pk"
        )[:per_regency]
        for charge in batch:
            if not job_heartbeat():
                return result  # another runner took the job over
            _check(charge, now, result)
    return result


def _check(charge: Charge, now: datetime, result: ReconcileResult) -> None:
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
        if _failed(charge, now, str(exc)):
            result.flagged += 1
        return
    Charge.objects.filter(pk=charge.pk).update(
        check_failures=0,
        next_check_at=None if charge.status != ChargeStatus.PENDING else now + backoff(1),
    )
    if charge.status == ChargeStatus.PAID:
        result.paid += 1
    elif charge.status == ChargeStatus.EXPIRED:
        result.expired += 1
    elif charge.status == ChargeStatus.CANCELLED:
        result.cancelled += 1


def _failed(charge: Charge, now: datetime, error: str) -> bool:
    """Count the failure, push the next check back, and flag once at the threshold.
    True when a flag was raised now."""
    with transaction.atomic():
        locked = Charge.objects.select_for_update().get(pk=charge.pk)
        failures = locked.check_failures + 1
        Charge.objects.filter(pk=charge.pk).update(
            check_failures=failures, next_check_at=now + backoff(failures)
        )
        if failures < FLAG_AFTER_FAILURES:
            return False
        if ChargeFlag.objects.filter(
            charge=locked, kind=FlagKind.RECONCILE_FAILING, resolved_at__isnull=True
        ).exists():
            return False
        flag_raise(
            kind=FlagKind.RECONCILE_FAILING,
            regency=locked.regency,
            charge=locked,
            detail=f"{failures} kali gagal dicek ke {locked.provider}: {error}",
        )
        return True
