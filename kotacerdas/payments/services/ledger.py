"""The ledger: append one gateway fact, then re-derive the charge's status and paid
amount from all its events, under the charge's row lock.

State machine (the only one): ``pending → paid | expired | cancelled``; ``expired`` and
``cancelled`` may still become ``paid`` when real money arrives late (flagged); ``paid``
is final; a later ``pending`` or any other regression is ignored."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone

from kotacerdas.core.models import User
from kotacerdas.core.services.audit import audit_record
from kotacerdas.payments.models import (
    Charge,
    ChargeStatus,
    FlagKind,
    PaymentEvent,
    PaymentEventKind,
    WebhookDelivery,
)
from kotacerdas.payments.providers.base import ProviderEvent
from kotacerdas.payments.services.flags import flag_raise
from kotacerdas.payments.services.locks import lock_charge
from kotacerdas.payments.services.notices import STATUS_NOTICES, notice_enqueue

S, K = ChargeStatus, PaymentEventKind


def next_status(current: str, kind: str, *, counted: bool) -> ChargeStatus:
    """The transition function. Never moves backwards, never switches between the two
    closed states, and only counted money makes a charge paid."""
    if current == S.PAID:
        return S.PAID
    if kind == K.PAID:
        return S.PAID if counted else ChargeStatus(current)
    if current != S.PENDING:
        return ChargeStatus(current)
    if kind == K.EXPIRED:
        return S.EXPIRED
    if kind == K.CANCELLED:
        return S.CANCELLED
    return S.PENDING


def derive_status(events: Iterable[tuple[str, bool]]) -> ChargeStatus:
    """Fold ``(kind, counted)`` pairs in ledger order."""
    status = S.PENDING
    for kind, counted in events:
        status = next_status(status, kind, counted=counted)
    return status


@dataclass(frozen=True)
class Recorded:
    outcome: str  # "recorded", "duplicate" or "conflict"
    charge: Charge
    event: PaymentEvent
    flags: list[str] = field(default_factory=list)


KEY_LENGTH = 200


def storable_key(key: str) -> str:
    """The event key as stored and looked up: keys longer than the column keep a prefix
    and a SHA-256 of the whole key, so lookup and insert always use the same value."""
    if len(key) <= KEY_LENGTH:
        return key
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()
    return f"{key[: KEY_LENGTH - len(digest) - 1]}#{digest}"


def _same_fact(row: PaymentEvent, fact: ProviderEvent) -> bool:
    return (row.kind, row.amount, row.currency) == (str(fact.kind), fact.amount, fact.currency)


def event_record(
    *,
    charge_id: int,
    fact: ProviderEvent,
    source: str,
    delivery: WebhookDelivery | None = None,
    actor: User | None = None,
) -> Recorded:
    """Append ``fact`` to the charge's ledger exactly once (unique provider event key)
    and re-derive the charge. Safe under duplicates, concurrency and reordering."""
    with transaction.atomic():
        charge = lock_charge(charge_id)
        key = storable_key(fact.event_key)
        existing = PaymentEvent.objects.filter(
            regency_id=charge.regency_id, provider=fact.provider, provider_event_key=key
        ).first()
        if existing is not None:
            return _duplicate(charge, existing, fact, delivery)
        flags: list[str] = []
        counted = False
        if fact.kind == K.PAID:
            if fact.amount != charge.amount or fact.currency != charge.currency:
                flags.append(FlagKind.MISMATCH)
            elif charge.events.filter(counted=True).exists():
                flags.append(FlagKind.DOUBLE_PAYMENT)
            else:
                counted = True
                paid_when = fact.occurred_at or timezone.now()
                if charge.status in (S.EXPIRED, S.CANCELLED) or paid_when > charge.expires_at:
                    flags.append(FlagKind.LATE)
        try:
            with transaction.atomic():
                row = _insert(charge, fact, source, delivery, counted)
        except IntegrityError:
            # Another connection appended the same key (different charge row lock) or
            # counted money for this charge first: never count twice.
            existing = PaymentEvent.objects.filter(
                regency_id=charge.regency_id, provider=fact.provider, provider_event_key=key
            ).first()
            if existing is not None:
                return _duplicate(charge, existing, fact, delivery)
            if FlagKind.DOUBLE_PAYMENT not in flags:
                flags = [f for f in flags if f != FlagKind.LATE] + [FlagKind.DOUBLE_PAYMENT]
            with transaction.atomic():
                row = _insert(charge, fact, source, delivery, False)
        before = {"status": charge.status, "paid_amount": charge.paid_amount}
        _rederive(charge, fact)
        for kind in flags:
            flag_raise(
                kind=kind,
                regency=charge.regency,
                charge=charge,
                delivery=delivery,
                event=row,
                detail=f"{fact.provider} {fact.raw_status} Rp{fact.amount} {fact.currency}"
                f" (tagihan Rp{charge.amount} {charge.currency})",
            )
        after = {"status": charge.status, "paid_amount": charge.paid_amount}
        audit_record(
            regency=charge.regency,
            actor=actor,
            action="payments.event.record",
            obj=charge,
            before=before,
            after={**after, "event": row.provider_event_key, "source": source, "flags": flags},
            actor_label=None if actor else f"gateway:{fact.provider}",
        )
        _announce(charge, changed=before["status"] != charge.status, flags=flags)
        return Recorded("recorded", charge, row, flags)


def _insert(
    charge: Charge,
    fact: ProviderEvent,
    source: str,
    delivery: WebhookDelivery | None,
    counted: bool,
) -> PaymentEvent:
    return PaymentEvent.objects.create(
        regency_id=charge.regency_id,
        charge=charge,
        provider=fact.provider,
        provider_event_key=storable_key(fact.event_key),
        provider_reference=fact.provider_reference[:100],
        kind=fact.kind,
        raw_status=fact.raw_status[:40],
        amount=fact.amount,
        currency=fact.currency[:3],
        counted=counted,
        source=source,
        occurred_at=fact.occurred_at,
        delivery=delivery,
        data=dict(fact.raw),
    )


def _rederive(charge: Charge, fact: ProviderEvent) -> None:
    rows = list(charge.events.order_by("id").values_list("kind", "counted", "created_at"))
    charge.status = derive_status((kind, counted) for kind, counted, _ in rows)
    paid = charge.events.filter(counted=True).aggregate(total=Sum("amount"))["total"] or 0
    charge.paid_amount = paid
    counted_rows = [created for _, counted, created in rows if counted]
    if counted_rows and charge.paid_at is None:
        charge.paid_at = fact.occurred_at or counted_rows[0]
    if not charge.provider_reference and fact.provider_reference:
        charge.provider_reference = fact.provider_reference[:100]
    charge.save(
        update_fields=["status", "paid_amount", "paid_at", "provider_reference", "updated_at"]
    )


def _duplicate(
    charge: Charge, existing: PaymentEvent, fact: ProviderEvent, delivery: WebhookDelivery | None
) -> Recorded:
    if _same_fact(existing, fact):
        # A redelivered notification re-announces the current state: if the first
        # announcement was lost, the owner hears it now.
        if charge.status in STATUS_NOTICES:
            notice_enqueue(charge=charge, kind="sync")
        return Recorded("duplicate", charge, existing)
    flag_raise(
        kind=FlagKind.DUPLICATE_CONFLICT,
        regency=charge.regency,
        charge=charge,
        delivery=delivery,
        event=existing,
        detail=f"{fact.event_key}: kedua {fact.kind} Rp{fact.amount} {fact.currency}, "
        f"pertama {existing.kind} Rp{existing.amount} {existing.currency}",
    )
    _announce(charge, changed=False, flags=[FlagKind.DUPLICATE_CONFLICT])
    return Recorded("conflict", charge, existing, [FlagKind.DUPLICATE_CONFLICT])


def _announce(charge: Charge, *, changed: bool, flags: list[str]) -> None:
    """Durable: the notice rows commit (or roll back) with the ledger event."""
    if changed and charge.status in STATUS_NOTICES:
        notice_enqueue(charge=charge, kind=STATUS_NOTICES[charge.status], flags=flags)
    if flags:
        notice_enqueue(charge=charge, kind="flagged", flags=flags)
