"""The webhook inbox: record every call, verify it, answer, and only then apply it.

Receiving does the least that makes a notification durable: verify the signature and
insert one row. Processing happens after the answer (in the same worker, once the
response is sent) or, if that never happens, in the ``payments.retry_inbox`` job. It
claims the row (compare-and-set on ``next_attempt_at``, attempts counted with ``F()``),
confirms Midtrans and Xendit notifications at the gateway's status API and records the
gateway's answer, so a relabelled or replayed body changes nothing. A body that cannot
be processed is retried with backoff and, after ``MAX_ATTEMPTS``, flagged; it never
stops the batch. Forged calls are recorded and flagged and change nothing else."""

from __future__ import annotations

import base64
import hashlib
import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import DatabaseError, transaction
from django.db.models import F, Q
from django.db.models.functions import Mod
from django.utils import timezone

from kotacerdas.core.jobs import job_heartbeat
from kotacerdas.core.models import Regency
from kotacerdas.payments.models import (
    Charge,
    DeliveryStatus,
    FlagKind,
    Provider,
    WebhookDelivery,
)
from kotacerdas.payments.providers import ORDER_ID_OF, PARSE_VERIFIED, provider_for
from kotacerdas.payments.providers.base import ProviderError, ProviderEvent, VerificationFailed
from kotacerdas.payments.services.flags import flag_raise
from kotacerdas.payments.services.ledger import event_record, storable_key

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
CLAIM = timedelta(seconds=60)
# The receiving worker processes right after answering; the job picks a delivery up only
# when that did not happen within this time.
FIRST_PICKUP = timedelta(seconds=30)
BACKOFF_BASE = timedelta(seconds=30)
BACKOFF_MAX = timedelta(hours=1)
# Their signatures do not cover the status (Midtrans) or anything (Xendit's token):
# the fact recorded is the one their status API answers.
CONFIRMED_AT_GATEWAY = frozenset({Provider.MIDTRANS, Provider.XENDIT})


class InboxUnavailable(Exception):
    """The call could not be stored: the caller answers 5xx so the gateway retries."""


class NotAtGateway(Exception):
    """A verified notification for an order the gateway's status API does not know."""


@dataclass(frozen=True)
class Received:
    delivery: WebhookDelivery
    verified: bool
    outcome: str


def _peek(provider: str, body: bytes) -> str:
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return ""
    return ORDER_ID_OF[provider](data)[:50] if isinstance(data, dict) else ""


def _regency(regency_code: str) -> Regency | None:
    """The regency named by the notification URL (``?r=<code>``, set on every charge we
    create), else the deployment's own. Every later lookup is scoped to it."""
    from django.conf import settings

    code = regency_code if regency_code.isdigit() and len(regency_code) <= 8 else ""
    return Regency.objects.filter(code=code or settings.KOTACERDAS_REGENCY_CODE).first()


def _verify(
    provider: str, body: bytes, headers: Mapping[str, str], path: str, regency_code: str
) -> tuple[Regency | None, ProviderEvent | None, str]:
    regency = _regency(regency_code)
    if regency is None:
        return None, None, "no regency configured"
    try:
        fact = provider_for(regency, provider).verify_notification(
            body=body, headers=headers, path=path
        )
    except VerificationFailed as exc:
        return regency, None, str(exc)
    return regency, fact, ""


@dataclass(frozen=True)
class Checked:
    """A call's verification: the regency whose key was used, the verified fact (None
    when the signature failed) and the reason it failed."""

    regency: Regency | None
    fact: ProviderEvent | None
    error: str

    @property
    def verified(self) -> bool:
        return self.fact is not None


def delivery_check(
    *, provider: str, body: bytes, headers: Mapping[str, str], path: str, regency_code: str = ""
) -> Checked:
    """Verify a call without recording it, so the caller can decide on rate limits
    before anything is written (only unverified calls are ever limited). Raises
    ``InboxUnavailable`` when the regency or its gateway configuration cannot be read."""
    try:
        return Checked(*_verify(provider, body, headers, path, regency_code))
    except DatabaseError as exc:
        log.error("could not verify a %s notification: %s", provider, exc)
        raise InboxUnavailable(str(exc)) from exc


def delivery_receive(
    *,
    provider: str,
    body: bytes,
    headers: Mapping[str, str],
    path: str,
    source_ip: str | None,
    regency_code: str = "",
    checked: Checked | None = None,
) -> Received:
    """Verify (unless ``checked`` carries ``delivery_check``'s result) and store the call;
    nothing else. Raises ``InboxUnavailable`` when it could not be stored (so the caller
    never acknowledges a fact it does not hold)."""
    if checked is None:
        checked = delivery_check(
            provider=provider, body=body, headers=headers, path=path, regency_code=regency_code
        )
    try:
        return _store(provider, body, headers, path, source_ip, checked)
    except DatabaseError as exc:
        log.error("could not store a %s notification: %s", provider, exc)
        raise InboxUnavailable(str(exc)) from exc


def _store(
    provider: str,
    body: bytes,
    headers: Mapping[str, str],
    path: str,
    source_ip: str | None,
    checked: Checked,
) -> Received:
    """One INSERT for a verified call (in autocommit: one round trip, committed when it
    returns); an unverified one is stored together with its ``forged`` flag."""
    # An order id decoded from JSON may carry a NUL ("\u0000"), which a PostgreSQL text
    # column refuses; such an id is never a real one, so it is not kept.
    order_id = _peek(provider, body).replace("\x00", "")
    regency, fact = checked.regency, checked.fact
    error = checked.error.replace("\x00", "")
    try:
        text, b64 = body.decode("utf-8"), ""
    except UnicodeDecodeError:
        text, b64 = "", base64.b64encode(body).decode("ascii")
    if "\x00" in text:  # PostgreSQL text cannot hold NUL: keep the exact bytes as base64
        text, b64 = "", base64.b64encode(body).decode("ascii")
    kept = {k.lower(): v[:300] for k, v in headers.items() if k.lower() in KEPT_HEADERS}
    fields = dict(
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
        event_key=storable_key(fact.event_key) if fact else "",
        status=DeliveryStatus.RECEIVED if fact else DeliveryStatus.REJECTED,
        next_attempt_at=_first_pickup() if fact else None,
    )
    if fact is not None:
        return Received(WebhookDelivery.objects.create(**fields), True, "received")
    with transaction.atomic():
        row = WebhookDelivery.objects.create(**fields)
        flag_raise(
            kind=FlagKind.FORGED,
            regency=regency,
            delivery=row,
            detail=f"{provider} from {source_ip}: {error}",
        )
    log.warning("rejected %s notification from %s: %s", provider, source_ip, error)
    return Received(row, False, "rejected")


def _first_pickup() -> datetime:
    """When the job runner may take a new delivery: at once when the job runner is the
    only processor (``KOTACERDAS_WEBHOOK_PROCESSING = "job"``), else only if the
    receiving worker has not processed it within ``FIRST_PICKUP``."""
    from django.conf import settings

    if getattr(settings, "KOTACERDAS_WEBHOOK_PROCESSING", "") == "job":
        return timezone.now()
    return timezone.now() + FIRST_PICKUP


def _backoff(attempts: int) -> timedelta:
    return min(BACKOFF_BASE * (2 ** max(attempts - 1, 0)), BACKOFF_MAX)


def delivery_process(*, delivery_id: int, now: datetime | None = None) -> str:
    """Claim a verified delivery and apply it. Returns the outcome, ``"busy"`` when
    another worker holds it, or ``"failed"`` (retried later with backoff)."""
    now = now or timezone.now()
    claimed = (
        WebhookDelivery.objects.filter(
            pk=delivery_id,
            verified=True,
            status__in=[DeliveryStatus.RECEIVED, DeliveryStatus.FAILED],
        )
        .filter(Q(attempts=0) | Q(next_attempt_at__lte=now))
        .update(attempts=F("attempts") + 1, next_attempt_at=now + CLAIM)
    )
    if not claimed:
        return "busy"
    delivery = WebhookDelivery.objects.select_related("regency").get(pk=delivery_id)
    try:
        return _apply(delivery)
    except Exception as exc:
        log.exception("processing %s delivery %s failed", delivery.provider, delivery.pk)
        _fail(delivery, exc, now)
        return "failed"


def delivery_process_quietly(delivery_id: int) -> None:
    """After the answer was sent: any failure is left to the retry job."""
    try:
        delivery_process(delivery_id=delivery_id)
    except Exception:
        log.exception("after-response processing of delivery %s failed", delivery_id)


def _stored_fact(delivery: WebhookDelivery) -> ProviderEvent:
    raw = delivery.body_text.encode("utf-8") or base64.b64decode(delivery.body_base64)
    data = json.loads(raw.decode("utf-8"))
    if not isinstance(data, dict):
        raise ValueError("stored body is not a JSON object")
    return PARSE_VERIFIED[delivery.provider](data)


def _confirm(charge: Charge) -> ProviderEvent:
    """The gateway's own answer about the charge (outside any transaction or lock)."""
    try:
        confirmed = provider_for(charge.regency, charge.provider).status(
            order_id=charge.order_id, provider_reference=charge.provider_reference
        )
    except ProviderError as exc:
        if exc.status == 404:
            raise NotAtGateway(str(exc)) from exc
        raise
    if confirmed.order_id and confirmed.order_id != charge.order_id:
        raise ProviderError(f"status answer for {confirmed.order_id}, asked {charge.order_id}")
    return confirmed


def _apply(delivery: WebhookDelivery) -> str:
    fact = _stored_fact(delivery)
    charge = Charge.objects.filter(
        regency=delivery.regency, order_id=fact.order_id, provider=fact.provider
    ).first()
    unknown = charge is None
    if charge is not None and delivery.provider in CONFIRMED_AT_GATEWAY:
        try:
            fact = _confirm(charge)
        except NotAtGateway:
            unknown = True
    if unknown or charge is None:
        with transaction.atomic():
            flag_raise(
                kind=FlagKind.UNKNOWN_ORDER,
                regency=delivery.regency,
                charge=charge,
                delivery=delivery,
                detail=f"{fact.provider} {fact.order_id} {fact.raw_status} Rp{fact.amount}",
            )
            _finish(delivery, DeliveryStatus.PROCESSED, "unknown_order")
        return "unknown_order"
    with transaction.atomic():
        recorded = event_record(charge_id=charge.pk, fact=fact, source="webhook", delivery=delivery)
        _finish(delivery, DeliveryStatus.PROCESSED, recorded.outcome)
    return recorded.outcome


def _finish(delivery: WebhookDelivery, status: str, outcome: str) -> None:
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        status=status,
        outcome=outcome[:40],
        error="",
        processed_at=timezone.now(),
        next_attempt_at=None,
    )


def _fail(delivery: WebhookDelivery, exc: Exception, now: datetime) -> None:
    final = delivery.attempts >= MAX_ATTEMPTS
    with transaction.atomic():
        WebhookDelivery.objects.filter(pk=delivery.pk).update(
            status=DeliveryStatus.FAILED,
            error=f"{type(exc).__name__}: {exc}"[:2000],
            next_attempt_at=None if final else now + _backoff(delivery.attempts),
        )
        if final:
            flag_raise(
                kind=FlagKind.UNREADABLE,
                regency=delivery.regency,
                delivery=delivery,
                detail=f"{delivery.provider} #{delivery.pk} after {delivery.attempts} attempts: "
                f"{type(exc).__name__}",
            )


def inbox_retry(
    *, limit: int = 100, now: datetime | None = None, shard: tuple[int, int] | None = None
) -> int:
    """Job ``payments.retry_inbox``: verified deliveries that are due (never processed
    by their request, interrupted, or failed and past their backoff). A database error
    ends the batch; the claims run out and the next run continues. ``shard=(i, n)``
    takes only deliveries whose id is ``i`` modulo ``n``, so ``n`` processors can drain
    the inbox side by side without claiming over each other (the claim still protects)."""
    now = now or timezone.now()
    due = WebhookDelivery.objects.filter(
        verified=True,
        status__in=[DeliveryStatus.RECEIVED, DeliveryStatus.FAILED],
        next_attempt_at__lte=now,
    )
    if shard is not None:
        due = due.alias(shard_of=Mod("id", shard[1])).filter(shard_of=shard[0])
    done = 0
    for pk in list(due.order_by("next_attempt_at", "id").values_list("pk", flat=True)[:limit]):
        if not job_heartbeat():
            break
        if delivery_process(delivery_id=pk, now=now) not in ("failed", "busy"):
            done += 1
    return done
