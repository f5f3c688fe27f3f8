"""Owner notices: written in the ledger's transaction, delivered after commit and by
the ``payments.deliver_notices`` job with exponential backoff. A delivery always hands
the handlers the charge's *current* state, so a late, repeated or re-ordered notice
converges on the truth instead of moving an owner backwards."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from kotacerdas.core.jobs import job_heartbeat
from kotacerdas.payments import events
from kotacerdas.payments.events import ChargeNotice, NoticeKind
from kotacerdas.payments.models import Charge, ChargeStatus, NoticeState, OwnerNotice

log = logging.getLogger("kotacerdas.payments.notices")

STATUS_NOTICES: dict[str, NoticeKind] = {
    ChargeStatus.PAID: "paid",
    ChargeStatus.EXPIRED: "expired",
    ChargeStatus.CANCELLED: "cancelled",
}
# A claimed notice is invisible to other deliverers for this long (a crashed
# deliverer's claim simply runs out).
CLAIM = timedelta(seconds=60)
BACKOFF_BASE = timedelta(seconds=15)
BACKOFF_MAX = timedelta(hours=1)
MAX_ATTEMPTS = 12


def notice_for(charge: Charge, kind: NoticeKind, flags: Iterable[str] = ()) -> ChargeNotice:
    return ChargeNotice(
        kind=kind,
        charge_id=charge.pk,
        regency_id=charge.regency_id,
        order_id=charge.order_id,
        owner_type=charge.owner_type,
        owner_id=charge.owner_id,
        status=charge.status,
        amount=charge.amount,
        paid_amount=charge.paid_amount,
        paid_at=charge.paid_at,
        flags=tuple(str(f) for f in flags),
    )


def notice_enqueue(*, charge: Charge, kind: str, flags: Iterable[str] = ()) -> OwnerNotice:
    """Write a notice inside the caller's transaction, and try to deliver it as soon as
    that transaction commits (the job delivers it if this attempt never happens)."""
    notice = OwnerNotice.objects.create(
        regency_id=charge.regency_id,
        charge=charge,
        kind=kind,
        flags=[str(f) for f in flags],
        next_attempt_at=timezone.now(),
    )
    pk = notice.pk
    transaction.on_commit(lambda: _deliver_quietly(pk))
    return notice


def _deliver_quietly(notice_id: int) -> None:
    try:
        notice_deliver(notice_id=notice_id)
    except Exception:  # the outbox row stays due; the job delivers it
        log.exception("immediate delivery of owner notice %s failed", notice_id)


def _backoff(attempts: int) -> timedelta:
    return min(BACKOFF_BASE * (2 ** max(attempts - 1, 0)), BACKOFF_MAX)


def notice_deliver(*, notice_id: int, now: datetime | None = None) -> bool:
    """Claim the notice (compare-and-set on ``next_attempt_at``) and run the handlers.
    True when delivered; False when someone else holds it or a handler failed."""
    now = now or timezone.now()
    claimed = OwnerNotice.objects.filter(
        pk=notice_id, state=NoticeState.PENDING, next_attempt_at__lte=now
    ).update(next_attempt_at=now + CLAIM, attempts=F("attempts") + 1)
    if not claimed:
        return False
    notice = OwnerNotice.objects.select_related("charge").get(pk=notice_id)
    charge = notice.charge
    if notice.kind == "flagged":
        kind: NoticeKind | None = "flagged"
    else:
        kind = STATUS_NOTICES.get(charge.status)  # pending: nothing to tell yet
    try:
        if kind is not None:
            events.dispatch(notice_for(charge, kind, notice.flags))
    except Exception as exc:
        final = notice.attempts >= MAX_ATTEMPTS
        OwnerNotice.objects.filter(pk=notice_id).update(
            state=NoticeState.FAILED if final else NoticeState.PENDING,
            next_attempt_at=now + _backoff(notice.attempts),
            last_error=f"{type(exc).__name__}: {exc}"[:500],
        )
        log.warning("owner notice %s (%s) failed: %s", notice_id, charge.order_id, exc)
        return False
    OwnerNotice.objects.filter(pk=notice_id).update(
        state=NoticeState.DELIVERED, delivered_at=timezone.now(), last_error=""
    )
    return True


def notices_deliver_due(*, now: datetime | None = None, limit: int = 500) -> int:
    """Job ``payments.deliver_notices``: every due notice, oldest first."""
    now = now or timezone.now()
    due = list(
        OwnerNotice.objects.filter(state=NoticeState.PENDING, next_attempt_at__lte=now)
        .order_by("next_attempt_at", "id")
        .values_list("pk", flat=True)[:limit]
    )
    delivered = 0
    for pk in due:
        if not job_heartbeat():
            break
        delivered += notice_deliver(notice_id=pk, now=now)
    return delivered
