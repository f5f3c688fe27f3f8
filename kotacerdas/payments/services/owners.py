"""The owner check: find owners (e.g. parking events) whose status or paid amount
disagrees with their charge, flag them and repair them through the notice outbox.
The charge is the truth; the owner's copy is a projection of it."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from kotacerdas.payments import events
from kotacerdas.payments.models import Charge, ChargeFlag, ChargeStatus, FlagKind
from kotacerdas.payments.services.flags import flag_raise
from kotacerdas.payments.services.notices import notice_deliver, notice_enqueue

log = logging.getLogger("kotacerdas.payments.owners")

# Charges changed within WINDOW are compared; younger than SETTLE ones are skipped (their
# notice may be in flight and would be a false alarm).
WINDOW = timedelta(days=2)
SETTLE = timedelta(seconds=60)


@dataclass
class OwnerCheckResult:
    checked: int = 0
    disagreeing: int = 0
    repaired: int = 0

    def __str__(self) -> str:
        return (
            f"checked {self.checked} owners: {self.disagreeing} disagreed with their charge, "
            f"{self.repaired} repaired"
        )


def owners_check(*, now: datetime | None = None, batch: int = 500) -> OwnerCheckResult:
    """Per regency and owner type, at most ``batch`` charges each, so one busy regency
    cannot starve another."""
    now = now or timezone.now()
    recent = Charge.objects.filter(
        updated_at__gte=now - WINDOW, updated_at__lte=now - SETTLE
    ).exclude(status=ChargeStatus.PENDING)
    result = OwnerCheckResult()
    for regency_id in sorted(set(recent.values_list("regency_id", flat=True))):
        for owner_type in events.owner_types():
            reader = events.owner_reader(owner_type)
            if reader is None:
                continue
            charges = list(
                recent.filter(regency_id=regency_id, owner_type=owner_type).order_by(
                    "-updated_at", "-id"
                )[:batch]
            )
            views = reader(regency_id, [c.owner_id for c in charges])
            for charge in charges:
                view = views.get(charge.owner_id)
                if view is None:
                    continue
                result.checked += 1
                if (view.status, view.paid_amount) == (charge.status, charge.paid_amount):
                    continue
                result.disagreeing += 1
                if _repair(charge, view):
                    result.repaired += 1
    return result


def _repair(charge: Charge, view: events.OwnerView) -> bool:
    with transaction.atomic():
        already = ChargeFlag.objects.filter(
            charge=charge, kind=FlagKind.OWNER_OUT_OF_SYNC, resolved_at__isnull=True
        ).exists()
        if not already:
            flag_raise(
                kind=FlagKind.OWNER_OUT_OF_SYNC,
                regency=charge.regency,
                charge=charge,
                detail=f"{charge.owner_type}:{charge.owner_id} {view.status} Rp{view.paid_amount}"
                f", tagihan {charge.status} Rp{charge.paid_amount}",
            )
        notice = notice_enqueue(charge=charge, kind="sync")
    log.warning("owner %s:%s disagreed with %s", charge.owner_type, charge.owner_id, charge)
    # The after-commit attempt may already have delivered it; report what the owner
    # holds now.
    notice_deliver(notice_id=notice.pk)
    reader = events.owner_reader(charge.owner_type)
    after = reader(charge.regency_id, [charge.owner_id]).get(charge.owner_id) if reader else None
    return after is not None and (after.status, after.paid_amount) == (
        charge.status,
        charge.paid_amount,
    )
