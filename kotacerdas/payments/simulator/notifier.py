"""Delivers the simulator's signed notifications to the platform's webhook, never inside
the request that caused them: from a background thread (demo) or the job runner.

Retries follow Midtrans' documented table (shared doc §11): 2xx none; 500 once; 503 four
times; 400/404 twice; 301/302/303 none; anything else (timeouts included) five times at
~2 min, 10 min, 30 min, 1.5 h, 3.5 h. ``chaos["compress"]`` scales that schedule."""

from __future__ import annotations

import logging
import threading
import time
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.utils import timezone

from kotacerdas.core.timeutil import WIB
from kotacerdas.payments import http
from kotacerdas.payments.providers.midtrans import signature
from kotacerdas.payments.simulator.models import SimDelivery, SimTransaction

log = logging.getLogger("kotacerdas.payments.simulator")

SCHEDULE = [120, 600, 1800, 5400, 12600]
RETRIES_BY_STATUS = {500: 1, 503: 4, 400: 2, 404: 2, 301: 0, 302: 0, 303: 0}
DEFAULT_RETRIES = 5
# status_code by transaction_status, as Midtrans sends them (docs.midtrans.com: "HTTP(S)
# notification", "Expire transaction", "Cancel transaction", "Code statuses"). The
# signature covers status_code, not transaction_status: settlement and cancel are both
# 200, expire and deny both 202, so the platform must confirm the status at the API.
NOTIFICATION_CODES = {
    "settlement": "200",
    "capture": "200",
    "pending": "201",
    "deny": "202",
    "cancel": "200",
    "expire": "202",
    "refund": "200",
    "partial_refund": "200",
}
# What ``GET /v2/{order_id}/status`` (and ``POST .../expire``) answer: the same, except
# that an expired transaction is 407 ("Success, transaction has expired").
API_CODES = {**NOTIFICATION_CODES, "expire": "407"}
STATUS_CODES = NOTIFICATION_CODES
CHAOS_KEYS = {"duplicates": int, "out_of_order": bool, "fail_first": int, "delay": float,
              "compress": float}  # fmt: skip


def parse_chaos(values: Any) -> dict[str, Any]:
    """Chaos options from a dict or query parameters; unknown keys are ignored."""
    chaos: dict[str, Any] = {}
    for key, kind in CHAOS_KEYS.items():
        raw = values.get(key) if hasattr(values, "get") else None
        if raw in (None, ""):
            continue
        if kind is bool:
            chaos[key] = str(raw).lower() in {"1", "true", "yes", "on"}
        else:
            try:
                chaos[key] = kind(raw)
            except (TypeError, ValueError):
                continue
    return chaos


def wib(moment: datetime) -> str:
    return moment.astimezone(WIB).strftime("%Y-%m-%d %H:%M:%S")


def transaction_body(
    tx: SimTransaction, *, status: str | None = None, api: bool = False
) -> dict[str, Any]:
    """The notification body (or, with ``api``, the status API's body), signed with the
    merchant's server key."""
    status = status or tx.status
    amount = tx.paid_amount if status == "settlement" and tx.paid_amount else tx.gross_amount
    gross = f"{amount}.00"
    code = (API_CODES if api else NOTIFICATION_CODES).get(status, "200")
    body: dict[str, Any] = {
        "transaction_type": "on-us",
        "transaction_time": wib(tx.created_at),
        "transaction_status": status,
        "transaction_id": tx.transaction_id,
        "status_message": "midtrans payment notification",
        "status_code": code,
        "signature_key": signature(
            tx.order_id, code, gross, settings.KOTACERDAS_MIDTRANS_SERVER_KEY
        ),
        "payment_type": "qris",
        "order_id": tx.order_id,
        "merchant_id": "G000KOTIMSIM",
        "gross_amount": gross,
        "fraud_status": "accept",
        "currency": "IDR",
        "acquirer": "gopay",
        "expiry_time": wib(tx.expiry_at),
    }
    if status == "settlement" and tx.settled_at:
        body["settlement_time"] = wib(tx.settled_at)
        body["issuer"] = "gopay"
    return body


def queue_notifications(tx: SimTransaction, *, chaos: dict[str, Any]) -> list[SimDelivery]:
    """Queue the notification for the transaction's current status, plus chaos copies:
    ``duplicates`` extra copies, ``out_of_order`` a stale ``pending`` after it."""
    now = timezone.now()
    start = now + timedelta(seconds=float(chaos.get("delay", 0)))
    bodies = [transaction_body(tx)] * (1 + max(0, int(chaos.get("duplicates", 0))))
    if chaos.get("out_of_order"):
        bodies.append(transaction_body(tx, status="pending"))
    queued = []
    for index, body in enumerate(bodies):
        queued.append(
            SimDelivery.objects.create(
                transaction=tx,
                payload=body,
                url=tx.notification_url,
                next_attempt_at=start + timedelta(microseconds=index),
                fail_left=int(chaos.get("fail_first", 0)) if index == 0 else 0,
                retries_left=DEFAULT_RETRIES,
            )
        )
    return queued


def _claim(delivery: SimDelivery, now: datetime) -> bool:
    return (
        SimDelivery.objects.filter(pk=delivery.pk, state=delivery.state)
        .filter(next_attempt_at__lte=now)
        .update(state=SimDelivery.SENDING, next_attempt_at=now + timedelta(seconds=60))
        == 1
    )


def deliver_due(*, now: datetime | None = None, limit: int = 50) -> int:
    """Send every due notification once; returns how many reached a 2xx."""
    now = now or timezone.now()
    due = list(
        SimDelivery.objects.filter(
            state__in=[SimDelivery.QUEUED, SimDelivery.SENDING], next_attempt_at__lte=now
        )
        .select_related("transaction")
        .order_by("next_attempt_at", "id")[:limit]
    )
    delivered = 0
    for delivery in due:
        if _claim(delivery, now):
            delivered += _attempt(delivery)
    return delivered


def _attempt(delivery: SimDelivery) -> int:
    compress = float(delivery.transaction.chaos.get("compress", 1.0))
    status: int | None = None
    error = ""
    if delivery.fail_left > 0:
        error = "chaos: simulated timeout"
        delivery.fail_left -= 1
    else:
        try:
            response = http.call(
                "POST",
                delivery.url,
                json_body=delivery.payload,
                idempotent=False,
                timeout=(3.05, 15.0),
            )
            status = response.status
        except http.TransportError as exc:
            error = str(exc)
    delivery.attempts += 1
    delivery.last_status = status
    delivery.last_error = error[:300]
    if status is not None and 200 <= status < 300:
        delivery.state = SimDelivery.DELIVERED
        delivery.delivered_at = timezone.now()
        delivery.save()
        return 1
    if delivery.attempts == 1:
        allowed = RETRIES_BY_STATUS.get(status, DEFAULT_RETRIES) if status else DEFAULT_RETRIES
        delivery.retries_left = allowed
    else:
        delivery.retries_left -= 1
    if delivery.retries_left <= 0:
        delivery.state = SimDelivery.GAVE_UP
    else:
        step = min(delivery.attempts - 1, len(SCHEDULE) - 1)
        delivery.state = SimDelivery.QUEUED
        delivery.next_attempt_at = timezone.now() + timedelta(seconds=SCHEDULE[step] * compress)
    delivery.save()
    return 0


def _run_thread(horizon: float) -> None:
    """Deliver until nothing is due within ``horizon`` seconds; later retries are the
    job runner's."""
    try:
        for _ in range(100):
            close_old_connections()
            deliver_due()
            upcoming = (
                SimDelivery.objects.filter(state=SimDelivery.QUEUED)
                .order_by("next_attempt_at")
                .values_list("next_attempt_at", flat=True)
                .first()
            )
            if upcoming is None:
                return
            wait = (upcoming - timezone.now()).total_seconds()
            if wait > horizon:
                return
            time.sleep(max(0.05, wait))
    except Exception:
        log.exception("simulator delivery thread failed")
    finally:
        connection.close()


def kick() -> None:
    """After commit: start delivering in the background (``thread`` mode) so the request
    that settled the transaction returns first."""
    if settings.KOTACERDAS_SIMULATOR_DELIVERY != "thread":
        return

    def start() -> None:
        threading.Thread(
            target=_run_thread, args=(30.0,), name="kc-sim-notify", daemon=True
        ).start()

    transaction.on_commit(start)
