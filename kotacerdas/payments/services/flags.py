"""Review flags: raised by the ledger and the inbox, resolved by staff with a note."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from kotacerdas.core.models import Regency, User
from kotacerdas.core.services.audit import audit_record
from kotacerdas.payments.models import Charge, ChargeFlag, PaymentEvent, WebhookDelivery


class FlagAlreadyResolved(Exception):
    """A flag is resolved once; a second resolution would rewrite its history."""


def flag_raise(
    *,
    kind: str,
    regency: Regency | None,
    charge: Charge | None = None,
    delivery: WebhookDelivery | None = None,
    event: PaymentEvent | None = None,
    detail: str = "",
) -> ChargeFlag:
    """Called inside the caller's transaction (the ledger's or the inbox's)."""
    return ChargeFlag.objects.create(
        kind=kind,
        regency=regency,
        charge=charge,
        delivery=delivery,
        event=event,
        detail=detail[:300],
    )


def flag_resolve(*, flag: ChargeFlag, actor: User, note: str) -> ChargeFlag:
    note = note.strip()
    if not note:
        raise ValueError("a resolution needs a note")
    with transaction.atomic():
        locked = ChargeFlag.objects.select_for_update().get(pk=flag.pk)
        if locked.resolved_at is not None:
            raise FlagAlreadyResolved("flag already resolved")
        locked.resolved_at = timezone.now()
        locked.resolved_by = actor
        locked.resolution_note = note[:2000]
        locked.save(update_fields=["resolved_at", "resolved_by", "resolution_note"])
        regency = locked.regency or actor.regency
        if regency is not None:
            audit_record(
                regency=regency,
                actor=actor,
                action="payments.flag.resolve",
                obj=locked,
                before={"resolved": False},
                after={"resolved": True, "kind": locked.kind, "note": locked.resolution_note},
            )
    return locked
