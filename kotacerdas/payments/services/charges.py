"""Charges: create (row first, then the gateway outside any lock), retry, cancel,
expire and refresh from the gateway."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from kotacerdas import qris
from kotacerdas.core.models import Regency, User
from kotacerdas.core.services.audit import audit_record
from kotacerdas.payments.models import Charge, ChargeStatus, GatewayState, PaymentEventKind
from kotacerdas.payments.providers import gateway_config, provider_for, webhook_url
from kotacerdas.payments.providers.base import ChargeRequest, ProviderError, ProviderEvent
from kotacerdas.payments.services.ledger import Recorded, event_record
from kotacerdas.payments.services.locks import lock_charge

ORDER_ID = re.compile(r"^[A-Za-z0-9\-_.~]{1,50}$")


class ChargeInvalid(ValueError):
    """Bad input from the calling app (amount, order id)."""


class ChargeConflict(Exception):
    """The order id already belongs to a different payable or amount."""


class ChargeInProgress(Exception):
    """Another request holds the claim on this charge's gateway call: answer "in
    progress" and let the caller ask again; never call the gateway a second time."""


class ChargeGatewayError(Exception):
    """The gateway could not create the QR; ``retryable`` says whether trying again with
    the same order id (``charge_retry``) may succeed."""

    def __init__(self, message: str, *, retryable: bool) -> None:
        super().__init__(message)
        self.retryable = retryable


def charge_create(
    *,
    regency: Regency,
    order_id: str,
    amount: int,
    owner_type: str,
    owner_id: str,
    expires_at: datetime | None,
    description: str = "",
    actor: User | None = None,
) -> Charge:
    """One dynamic QRIS for one payable. The row is committed before the gateway is
    called, so a crash in between leaves a record and a retry reuses the order id (the
    gateway is idempotent on it). Calling again with the same arguments returns the same
    charge (asking the gateway again only if it failed before)."""
    if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
        raise ChargeInvalid("amount must be a positive int (rupiah)")
    if not ORDER_ID.match(order_id):
        raise ChargeInvalid("order id must be 1-50 characters of A-Z a-z 0-9 - _ . ~")
    expires_at = expires_at or timezone.now() + timedelta(
        seconds=settings.KOTACERDAS_CHARGE_TTL_SECONDS
    )
    try:
        # durable: the row must be committed before the gateway call, so this may not
        # run inside a caller's transaction (it raises RuntimeError there).
        with transaction.atomic(durable=True):
            charge = Charge.objects.create(
                regency=regency,
                order_id=order_id,
                provider=gateway_config(regency).provider,
                amount=amount,
                owner_type=owner_type[:40],
                owner_id=str(owner_id)[:64],
                description=description[:200],
                expires_at=expires_at,
            )
            audit_record(
                regency=regency,
                actor=actor,
                action="payments.charge.create",
                obj=charge,
                after={
                    "order_id": order_id,
                    "amount": amount,
                    "provider": charge.provider,
                    "owner": f"{owner_type}:{owner_id}",
                },
            )
    except IntegrityError:
        charge = Charge.objects.get(regency=regency, order_id=order_id)
        if (charge.amount, charge.owner_type, charge.owner_id) != (
            amount,
            owner_type[:40],
            str(owner_id)[:64],
        ):
            raise ChargeConflict(f"order id {order_id} belongs to another payable") from None
    return charge_retry(charge=charge, actor=actor)


# Longer than the outgoing call can take with its bounded retries (http.py), so a live
# holder never loses its claim; a crashed holder's claim simply runs out.
CREATE_CLAIM = timedelta(seconds=90)
# A QR is only made while at least this much of the charge's time is left: the gateway
# expiry is the charge's own, so no QR outlives its charge.
MIN_QR_SECONDS = 60


def _claim(charge: Charge, now: datetime) -> bool:
    """Compare-and-set: exactly one caller wins the right to call ``create``."""
    return bool(
        Charge.objects.filter(pk=charge.pk, status=ChargeStatus.PENDING)
        .exclude(gateway_state=GatewayState.READY)
        .filter(Q(gateway_claimed_until__isnull=True) | Q(gateway_claimed_until__lt=now))
        .update(
            gateway_claimed_until=now + CREATE_CLAIM, gateway_attempts=F("gateway_attempts") + 1
        )
    )


def charge_retry(*, charge: Charge, actor: User | None = None) -> Charge:
    """Ask the gateway for the QR (again) with the same order id, unless it is there.
    Raises ``ChargeInProgress`` when another request is asking right now."""
    charge.refresh_from_db()
    if charge.gateway_state == GatewayState.READY or charge.status != ChargeStatus.PENDING:
        return charge
    now = timezone.now()
    if (charge.expires_at - now).total_seconds() < MIN_QR_SECONDS:
        raise ChargeGatewayError("too close to the charge's expiry for a new QR", retryable=False)
    if not _claim(charge, now):
        charge.refresh_from_db()
        if charge.gateway_state == GatewayState.READY or charge.status != ChargeStatus.PENDING:
            return charge
        raise ChargeInProgress(f"{charge.order_id}: QR is being requested")
    provider = provider_for(charge.regency, charge.provider)
    request = ChargeRequest(
        order_id=charge.order_id,
        amount=charge.amount,
        expires_at=charge.expires_at,
        description=charge.description,
        notification_url=webhook_url(charge.provider, charge.regency),
    )
    try:
        created = provider.create(request)  # outside any transaction or lock
        problem = qr_problem(created.qr_string, charge.amount)
        if problem:
            raise ProviderError(f"gateway QR refused: {problem}", retryable=False)
    except ProviderError as exc:
        Charge.objects.filter(pk=charge.pk).exclude(gateway_state=GatewayState.READY).update(
            gateway_state=GatewayState.FAILED,
            gateway_error=str(exc)[:500],
            gateway_claimed_until=None,
        )
        raise ChargeGatewayError(str(exc), retryable=exc.retryable) from exc
    with transaction.atomic():
        locked = lock_charge(charge.pk)
        if locked.gateway_state != GatewayState.READY:
            locked.gateway_state = GatewayState.READY
            locked.gateway_error = ""
            locked.qr_string = created.qr_string
            locked.provider_reference = locked.provider_reference or created.provider_reference
            locked.gateway_claimed_until = None
            locked.save(
                update_fields=[
                    "gateway_state",
                    "gateway_error",
                    "qr_string",
                    "provider_reference",
                    "gateway_claimed_until",
                    "updated_at",
                ]
            )
            audit_record(
                regency=locked.regency,
                actor=actor,
                action="payments.charge.ready",
                obj=locked,
                after={"provider_reference": locked.provider_reference},
            )
    return locked


def qr_problem(payload: str, amount: int) -> str:
    """Shared doc §16.1: before display, the gateway's QR must be valid, dynamic and
    carry exactly the expected integer amount."""
    if not qris.is_valid(payload):
        return "invalid QRIS"
    parsed = qris.parse(payload)
    if parsed.point_of_initiation != "dynamic":
        return "not a dynamic QRIS"
    if parsed.amount is None or parsed.amount != amount:
        return f"amount {parsed.amount} != {amount}"
    return ""


def _local_fact(charge: Charge, kind: PaymentEventKind) -> ProviderEvent:
    return ProviderEvent(
        provider=charge.provider,
        order_id=charge.order_id,
        provider_reference=charge.provider_reference,
        event_key=f"local:{charge.regency_id}:{charge.order_id}:{kind}",
        kind=kind,
        raw_status=str(kind),
        amount=None,
        currency="",
    )


def _close(*, charge: Charge, action: str, actor: User | None) -> Charge:
    charge.refresh_from_db()
    if charge.status != ChargeStatus.PENDING:
        return charge
    kind = PaymentEventKind.CANCELLED if action == "cancel" else PaymentEventKind.EXPIRED
    fact: ProviderEvent | None = None
    # Always ask the gateway, even after a failed create: a timed-out create may exist.
    provider = provider_for(charge.regency, charge.provider)
    call = provider.cancel if action == "cancel" else provider.expire
    try:
        fact = call(order_id=charge.order_id, provider_reference=charge.provider_reference)
    except ProviderError as exc:
        if exc.status == 404:
            fact = None  # the gateway never had it: close locally
        elif exc.retryable:
            raise
        else:
            # e.g. 412: already settled at the gateway. Ask what really happened.
            return charge_refresh(charge=charge, actor=actor)
    if fact is None:
        fact = _local_fact(charge, kind)
    return event_record(charge_id=charge.pk, fact=fact, source="gateway", actor=actor).charge


def charge_cancel(*, charge: Charge, actor: User | None = None) -> Charge:
    """Cancel at the gateway (or locally where the gateway cannot), then record it. A
    payment that still arrives later is recorded and flagged, never dropped."""
    return _close(charge=charge, action="cancel", actor=actor)


def charge_expire(*, charge: Charge, actor: User | None = None) -> Charge:
    return _close(charge=charge, action="expire", actor=actor)


def charge_refresh(*, charge: Charge, actor: User | None = None) -> Charge:
    """Ask the gateway for the status and record what it says (same event keys as the
    webhook, so a fact seen both ways is recorded once)."""
    provider = provider_for(charge.regency, charge.provider)
    fact = provider.status(order_id=charge.order_id, provider_reference=charge.provider_reference)
    recorded: Recorded = event_record(charge_id=charge.pk, fact=fact, source="poll", actor=actor)
    return recorded.charge
