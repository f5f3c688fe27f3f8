"""Midtrans Core API, ``payment_type: "qris"`` (shared doc §11)."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.utils import timezone

from kotacerdas.core.timeutil import WIB
from kotacerdas.payments import http
from kotacerdas.payments.models import PaymentEventKind
from kotacerdas.payments.providers.base import (
    ChargeRequest,
    CreatedCharge,
    ProviderError,
    ProviderEvent,
    ProviderNotConfigured,
    VerificationFailed,
    json_object,
    rupiah,
    same_secret,
)

NAME = "midtrans"
SANDBOX_URL = "https://api.sandbox.midtrans.com"

STATUS_KINDS: dict[str, PaymentEventKind] = {
    "pending": PaymentEventKind.PENDING,
    "settlement": PaymentEventKind.PAID,
    "capture": PaymentEventKind.PAID,
    "expire": PaymentEventKind.EXPIRED,
    "cancel": PaymentEventKind.CANCELLED,
    "deny": PaymentEventKind.CANCELLED,
    "failure": PaymentEventKind.CANCELLED,
    "refund": PaymentEventKind.REFUNDED,
    "partial_refund": PaymentEventKind.REFUNDED,
}


def signature(order_id: str, status_code: str, gross_amount: str, server_key: str) -> str:
    """``hex(SHA-512(order_id + status_code + gross_amount + server_key))`` over the exact
    strings of the body."""
    text = f"{order_id}{status_code}{gross_amount}{server_key}"
    return hashlib.sha512(text.encode("utf-8")).hexdigest()


def _wib_time(value: object) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d %H:%M:%S").replace(tzinfo=WIB)
    except ValueError:
        return None


def event_from_body(data: Mapping[str, Any]) -> ProviderEvent:
    """A notification or status body as a normalised event. Success needs ``settlement``
    (or ``capture``) and, when present, ``fraud_status == "accept"``."""
    status = str(data.get("transaction_status", "")).lower()
    kind = STATUS_KINDS.get(status, PaymentEventKind.OTHER)
    fraud = str(data.get("fraud_status", "accept") or "accept").lower()
    if kind == PaymentEventKind.PAID and fraud != "accept":
        kind = PaymentEventKind.OTHER
    transaction_id = str(data.get("transaction_id", ""))
    order_id = str(data.get("order_id", ""))
    when = _wib_time(data.get("settlement_time")) or _wib_time(data.get("transaction_time"))
    return ProviderEvent(
        provider=NAME,
        order_id=order_id,
        provider_reference=transaction_id,
        event_key=f"{transaction_id or order_id}:{status}",
        kind=kind,
        raw_status=status,
        amount=rupiah(data.get("gross_amount")),
        currency=str(data.get("currency") or "IDR").upper(),
        occurred_at=when,
        raw=dict(data),
    )


# The status_code Midtrans signs with each transaction_status in a notification
# (docs.midtrans.com "HTTP(S) notification", "Cancel", "Expire", "Code statuses"). A body
# whose pair is not in this table cannot be genuine. The pair does not authenticate the
# status (settlement and cancel are both 200, expire and deny both 202), so the inbox
# takes the state from GET /v2/{order_id}/status, never from the body.
SIGNED_STATUS_CODES = {
    "settlement": "200",
    "capture": "200",
    "pending": "201",
    "cancel": "200",
    "expire": "202",
    "deny": "202",
    "refund": "200",
    "partial_refund": "200",
}
# 407 is Midtrans' *success* code for an expired transaction ("Success, transaction has
# expired"), from POST /expire and from the status of an expired transaction.
SUCCESS_CODES = frozenset({"407"})


class MidtransProvider:
    name = NAME

    def __init__(self, *, base_url: str, server_key: str) -> None:
        self.base_url = (base_url or SANDBOX_URL).rstrip("/")
        self.server_key = server_key

    def _headers(self, extra: Mapping[str, str] | None = None) -> dict[str, str]:
        if not self.server_key:
            raise ProviderNotConfigured("Midtrans server key is not configured")
        token = base64.b64encode(f"{self.server_key}:".encode()).decode("ascii")
        return {"Authorization": f"Basic {token}", **(extra or {})}

    def _send(
        self, method: str, path: str, *, idempotent: bool, body: Any = None, headers: Any = None
    ) -> dict[str, Any]:
        try:
            response = http.call(
                method,
                f"{self.base_url}{path}",
                headers=self._headers(headers),
                json_body=body,
                idempotent=idempotent,
            )
        except http.TransportError as exc:
            raise ProviderError(f"Midtrans unreachable: {exc}") from exc
        try:
            data = response.json()
        except ValueError as exc:
            raise ProviderError(
                f"Midtrans answered {response.status} without JSON", status=response.status
            ) from exc
        if not isinstance(data, dict):
            raise ProviderError("Midtrans answered a non-object", status=response.status)
        code = str(data.get("status_code", response.status))
        if code in SUCCESS_CODES and response.status < 500:
            return data
        if response.status >= 400 or (code.isdigit() and int(code) >= 400):
            status = int(code) if code.isdigit() else response.status
            raise ProviderError(
                f"Midtrans {status}: {str(data.get('status_message', ''))[:200]}",
                retryable=status >= 500,
                status=status,
            )
        return data

    def create(self, request: ChargeRequest) -> CreatedCharge:
        # Exactly the charge's remaining time (charge_retry refuses under a minute): a
        # QR never outlives its charge.
        seconds = max(1, int((request.expires_at - timezone.now()).total_seconds()))
        body = {
            "payment_type": "qris",
            "transaction_details": {"order_id": request.order_id, "gross_amount": request.amount},
            "qris": {"acquirer": "gopay"},
            "custom_expiry": {"expiry_duration": seconds, "unit": "second"},
            "item_details": [
                {
                    "id": request.order_id[:50],
                    "price": request.amount,
                    "quantity": 1,
                    "name": (request.description or request.order_id)[:50],
                }
            ],
        }
        extra = (
            {"X-Override-Notification": request.notification_url}
            if request.notification_url
            else {}
        )
        # Safe to retry: Midtrans refuses a second charge for the same order_id (406),
        # which ``create`` answers by reading the existing transaction.
        try:
            data = self._send("POST", "/v2/charge", idempotent=True, body=body, headers=extra)
        except ProviderError as exc:
            if exc.status != 406:
                raise
            data = self._send("GET", f"/v2/{request.order_id}/status", idempotent=True)
            if str(data.get("transaction_status")) != "pending":
                raise ProviderError(
                    "order id already used at Midtrans and no longer pending", retryable=False
                ) from exc
        qr = str(data.get("qr_string") or "")
        if not qr:
            raise ProviderError("Midtrans answered without qr_string", retryable=False)
        return CreatedCharge(
            provider_reference=str(data.get("transaction_id", "")), qr_string=qr, raw=data
        )

    def status(self, *, order_id: str, provider_reference: str) -> ProviderEvent:
        return event_from_body(self._send("GET", f"/v2/{order_id}/status", idempotent=True))

    def cancel(self, *, order_id: str, provider_reference: str) -> ProviderEvent | None:
        return event_from_body(self._send("POST", f"/v2/{order_id}/cancel", idempotent=True))

    def expire(self, *, order_id: str, provider_reference: str) -> ProviderEvent | None:
        return event_from_body(self._send("POST", f"/v2/{order_id}/expire", idempotent=True))

    def verify_notification(
        self, *, body: bytes, headers: Mapping[str, str], path: str
    ) -> ProviderEvent:
        data = json_object(body)
        given = data.get("signature_key")
        if not isinstance(given, str) or not given:
            raise VerificationFailed("signature_key missing")
        fields = [data.get(k) for k in ("order_id", "status_code", "gross_amount")]
        if not all(isinstance(v, str) and v for v in fields):
            raise VerificationFailed("order_id, status_code or gross_amount missing")
        order_id, status_code, gross = (str(v) for v in fields)
        if not self.server_key:
            raise VerificationFailed("no server key configured to verify with")
        expected = signature(order_id, status_code, gross, self.server_key)
        if not same_secret(given.lower(), expected):
            raise VerificationFailed("signature_key does not match")
        # transaction_status is not covered by the signature, status_code is: a signed
        # "pending" body (201) must not be re-labelled "settlement" by whoever saw it.
        status = str(data.get("transaction_status", "")).lower()
        wanted = SIGNED_STATUS_CODES.get(status)
        if wanted is not None and status_code != wanted:
            raise VerificationFailed("status_code does not match transaction_status")
        return event_from_body(data)
