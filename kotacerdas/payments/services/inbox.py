"""The webhook inbox: record every call, verify it, and apply verified facts to the
ledger. Forged calls are recorded and flagged and change nothing else."""

from __future__ import annotations

import base64
import hashlib
import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from kotacerdas.core.models import Regency
from kotacerdas.payments.models import (
    Charge,
    DeliveryStatus,
    FlagKind,
    WebhookDelivery,
)
from kotacerdas.payments.providers import ORDER_ID_OF, PARSE_VERIFIED, provider_for
from kotacerdas.payments.providers.base import ProviderEvent, VerificationFailed
from kotacerdas.payments.services.flags import flag_raise
from kotacerdas.payments.services.ledger import event_record

log = logging.getLogger("kotacerdas.payments.inbox")

# Headers worth keeping for an investigation. Never Authorization or X-CALLBACK-TOKEN.
KEPT_HEADERS = (
    "content-type",
    "content-length",
    "user-agent",
    "x-timestamp",
    "x-signature",
    "x-partner-id",
    "x-external-id",
    "channel-id",
    "x-request-id",
    "x-forwarded-for",
)
MAX_ATTEMPTS = 8


@dataclass(frozen=True)
class Received:
    delivery: WebhookDelivery
    verified: bool
    outcome: str


def _peek(provider: str, body: bytes) -> str:
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return ""
    return ORDER_ID_OF[provider](data)[:50] if isinstance(data, dict) else ""


def _candidates(provider: str, order_id: str) -> list[Regency]:
    """Regencies whose keys may verify this call: those with a charge of this order id,
    else the deployment's own regency (to tell an unknown order from a forgery)."""
    regencies: list[Regency] = []
    if order_id:
        for charge in Charge.objects.filter(order_id=order_id, provider=provider).select_related(
            "regency"
        ):
            if charge.regency not in regencies:
                regencies.append(charge.regency)
    if not regencies:
        from django.conf import settings

        own = Regency.objects.filter(code=settings.KOTACERDAS_REGENCY_CODE).first()
        if own is not None:
            regencies.append(own)
    return regencies


def _verify(
    provider: str, body: bytes, headers: Mapping[str, str], path: str, order_id: str
) -> tuple[Regency | None, ProviderEvent | None, str]:
    regencies = _candidates(provider, order_id)
    error = "no regency configured"
    for regency in regencies:
        try:
            fact = provider_for(regency, provider).verify_notification(
                body=body, headers=headers, path=path
            )
        except VerificationFailed as exc:
            error = str(exc)
            continue
        return regency, fact, ""
    return (regencies[0] if regencies else None), None, error


def delivery_verifies(*, provider: str, body: bytes, headers: Mapping[str, str], path: str) -> bool:
    """Whether a call carries a valid signature, without recording anything: used when a
    flood of forged calls has filled the unverified-call budget, so a genuine
    notification is still recognised and processed while the forgeries are dropped."""
    _, fact, _ = _verify(provider, body, headers, path, _peek(provider, body))
    return fact is not None


def delivery_receive(
    *,
    provider: str,
    body: bytes,
    headers: Mapping[str, str],
    path: str,
    source_ip: str | None,
) -> Received:
    """Record the call, verify it and, when verified, apply it. Never raises for a bad
    call; the caller answers from ``Received``."""
    order_id = _peek(provider, body)
    regency, fact, error = _verify(provider, body, headers, path, order_id)
    try:
        text, b64 = body.decode("utf-8"), ""
    except UnicodeDecodeError:
        text, b64 = "", base64.b64encode(body).decode("ascii")
    kept = {k.lower(): v[:300] for k, v in headers.items() if k.lower() in KEPT_HEADERS}
    with transaction.atomic():
        delivery = WebhookDelivery.objects.create(
            regency=regency,
            provider=provider,
            source_ip=source_ip,
            path=path[:200],
            headers=kept,
            body_text=text,
            body_base64=b64,
            body_sha256=hashlib.sha256(body).hexdigest(),
            verified=fact is not None,
            verification_error=error[:300],
            order_id=order_id,
            event_key=fact.event_key[:200] if fact else "",
            status=DeliveryStatus.RECEIVED if fact else DeliveryStatus.REJECTED,
        )
        if fact is None:
            flag_raise(
                kind=FlagKind.FORGED,
                regency=regency,
                delivery=delivery,
                detail=f"{provider} from {source_ip}: {error}",
            )
    if fact is None:
        log.warning("rejected %s notification from %s: %s", provider, source_ip, error)
        return Received(delivery, False, "rejected")
    return Received(delivery, True, delivery_process(delivery=delivery, fact=fact))


def delivery_process(*, delivery: WebhookDelivery, fact: ProviderEvent | None = None) -> str:
    """Apply a verified delivery to the ledger. Failures leave the delivery ``failed``
    for the retry job; the gateway still got its 200 because we hold the body."""
    if fact is None:
        data = json.loads(delivery.body_text or base64.b64decode(delivery.body_base64))
        fact = PARSE_VERIFIED[delivery.provider](data)
    WebhookDelivery.objects.filter(pk=delivery.pk).update(attempts=delivery.attempts + 1)
    try:
        charge = Charge.objects.filter(
            regency=delivery.regency, order_id=fact.order_id, provider=fact.provider
        ).first()
        if charge is None:
            with transaction.atomic():
                flag_raise(
                    kind=FlagKind.UNKNOWN_ORDER,
                    regency=delivery.regency,
                    delivery=delivery,
                    detail=f"{fact.provider} {fact.order_id} {fact.raw_status} Rp{fact.amount}",
                )
                _finish(delivery, DeliveryStatus.PROCESSED, "unknown_order")
            return "unknown_order"
        recorded = event_record(charge_id=charge.pk, fact=fact, source="webhook", delivery=delivery)
        _finish(delivery, DeliveryStatus.PROCESSED, recorded.outcome)
        return recorded.outcome
    except Exception as exc:
        log.exception("processing %s delivery %s failed", delivery.provider, delivery.pk)
        WebhookDelivery.objects.filter(pk=delivery.pk).update(
            status=DeliveryStatus.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000]
        )
        return "failed"


def _finish(delivery: WebhookDelivery, status: str, outcome: str) -> None:
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        status=status, outcome=outcome[:40], error="", processed_at=timezone.now()
    )


def inbox_retry(*, limit: int = 100) -> int:
    """Re-process verified deliveries that failed (job ``payments.retry_inbox``)."""
    done = 0
    failed = WebhookDelivery.objects.filter(
        verified=True, status=DeliveryStatus.FAILED, attempts__lt=MAX_ATTEMPTS
    ).order_by("id")[:limit]
    for delivery in failed:
        if delivery_process(delivery=delivery) != "failed":
            done += 1
    return done
