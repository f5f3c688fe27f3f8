"""Xendit QR Codes API, api-version 2022-07-31 (shared doc §12)."""

from __future__ import annotations

import base64
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from kotacerdas.payments import http
from kotacerdas.payments.models import PaymentEventKind
from kotacerdas.payments.providers.base import (
    ChargeRequest,
    CreatedCharge,
    ProviderError,
    ProviderEvent,
    ProviderNotConfigured,
    VerificationFailed,
    header,
    json_object,
    rupiah,
    same_secret,
)

NAME = "xendit"
API_URL = "https://api.xendit.co"
API_VERSION = "2022-07-31"
PAID_STATUSES = {"SUCCEEDED", "COMPLETED"}


def _iso(value: object) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def event_from_callback(data: Mapping[str, Any]) -> ProviderEvent:
    """Both callback shapes: the v2 envelope (``data{id: qrpy_…, reference_id, qr_id,
    status: SUCCEEDED}``) and the legacy flat one (``id``, ``qr_code{id, external_id}``,
    ``status: COMPLETED``). The idempotency key is the payment id."""
    inner = data.get("data")
    if isinstance(inner, dict):
        payment_id = str(inner.get("id", ""))
        order_id = str(inner.get("reference_id", ""))
        qr_id = str(inner.get("qr_id", ""))
        status = str(inner.get("status", "")).upper()
        amount, currency = inner.get("amount"), str(inner.get("currency") or "IDR")
        when = _iso(inner.get("created"))
    else:
        raw_qr = data.get("qr_code")
        qr_code: Mapping[str, Any] = raw_qr if isinstance(raw_qr, dict) else {}
        payment_id = str(data.get("id", ""))
        order_id = str(qr_code.get("external_id", ""))
        qr_id = str(qr_code.get("id", ""))
        status = str(data.get("status", "")).upper()
        amount, currency = data.get("amount"), "IDR"
        when = _iso(data.get("created"))
    if not payment_id or not order_id:
        raise VerificationFailed("callback has no payment id or reference id")
    kind = PaymentEventKind.PAID if status in PAID_STATUSES else PaymentEventKind.OTHER
    return ProviderEvent(
        provider=NAME,
        order_id=order_id,
        provider_reference=qr_id,
        event_key=payment_id,
        kind=kind,
        raw_status=status.lower(),
        amount=rupiah(amount),
        currency=currency.upper(),
        occurred_at=when,
        raw=dict(data),
    )


class XenditProvider:
    name = NAME

    def __init__(self, *, base_url: str, secret_key: str, callback_token: str) -> None:
        self.base_url = (base_url or API_URL).rstrip("/")
        self.secret_key = secret_key
        self.callback_token = callback_token

    def _send(self, method: str, path: str, *, idempotent: bool, body: Any = None) -> Any:
        if not self.secret_key:
            raise ProviderNotConfigured("Xendit secret key is not configured")
        token = base64.b64encode(f"{self.secret_key}:".encode()).decode("ascii")
        try:
            response = http.call(
                method,
                f"{self.base_url}{path}",
                headers={"Authorization": f"Basic {token}", "api-version": API_VERSION},
                json_body=body,
                idempotent=idempotent,
            )
        except http.TransportError as exc:
            raise ProviderError(f"Xendit unreachable: {exc}") from exc
        try:
            data = response.json()
        except ValueError as exc:
            raise ProviderError(f"Xendit answered {response.status} without JSON") from exc
        if response.status >= 400:
            code = data.get("error_code", "") if isinstance(data, dict) else ""
            raise ProviderError(
                f"Xendit {response.status} {code}",
                retryable=response.status >= 500,
                status=response.status,
            )
        return data

    def create(self, request: ChargeRequest) -> CreatedCharge:
        body = {
            "reference_id": request.order_id,
            "type": "DYNAMIC",
            "currency": "IDR",
            "amount": request.amount,
            "expires_at": request.expires_at.isoformat(),
            "metadata": {"description": request.description[:200]},
        }
        # Not retried: the QR Codes API has no idempotency on reference_id; a failed call
        # marks the charge failed and the operator (or the parking app) retries it.
        data = self._send("POST", "/qr_codes", idempotent=False, body=body)
        qr = str(data.get("qr_string") or "")
        if not qr:
            raise ProviderError("Xendit answered without qr_string", retryable=False)
        return CreatedCharge(provider_reference=str(data.get("id", "")), qr_string=qr, raw=data)

    def status(self, *, order_id: str, provider_reference: str) -> ProviderEvent:
        payments = self._send("GET", f"/qr_codes/{provider_reference}/payments", idempotent=True)
        rows = payments.get("data", []) if isinstance(payments, dict) else []
        for row in rows:
            if isinstance(row, dict) and str(row.get("status", "")).upper() in PAID_STATUSES:
                return event_from_callback({"data": {**row, "reference_id": order_id}})
        qr = self._send("GET", f"/qr_codes/{provider_reference}", idempotent=True)
        state = str(qr.get("status", "")).upper()
        expires = _iso(qr.get("expires_at"))
        from django.utils import timezone

        if state != "ACTIVE" and expires is not None and expires < timezone.now():
            kind, raw = PaymentEventKind.EXPIRED, "expired"
        else:
            kind, raw = PaymentEventKind.PENDING, state.lower() or "active"
        return ProviderEvent(
            provider=NAME,
            order_id=order_id,
            provider_reference=provider_reference,
            event_key=f"{provider_reference}:{raw}",
            kind=kind,
            raw_status=raw,
            amount=rupiah(qr.get("amount")),
            currency=str(qr.get("currency") or "IDR"),
            raw=qr,
        )

    def cancel(self, *, order_id: str, provider_reference: str) -> ProviderEvent | None:
        return None  # QR codes cannot be deleted at Xendit; the ledger cancels locally

    def expire(self, *, order_id: str, provider_reference: str) -> ProviderEvent | None:
        return None

    def verify_notification(
        self, *, body: bytes, headers: Mapping[str, str], path: str
    ) -> ProviderEvent:
        given = header(headers, "X-CALLBACK-TOKEN")
        if not given:
            raise VerificationFailed("X-CALLBACK-TOKEN missing")
        if not self.callback_token:
            raise VerificationFailed("no callback token configured to verify with")
        if not same_secret(given, self.callback_token):
            raise VerificationFailed("X-CALLBACK-TOKEN does not match")
        return event_from_callback(json_object(body))
