"""Bank Indonesia SNAP QR MPM: generate (47), query (51), notify (52) (shared doc §13).

Outgoing calls use a B2B access token (SHA256withRSA over ``clientId|timestamp``) and the
symmetric transactional signature (HMAC-SHA512). Incoming notifications are verified with
the provider's RSA public key (or HMAC-SHA512 for DOKU/Finpay-style providers) over the
**raw bytes received**, minified without re-serialising."""

from __future__ import annotations

import base64
import hashlib
import hmac
import uuid
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
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
    header,
    json_object,
    rupiah,
)

NAME = "snap"
NOTIFY_SUFFIX = "/v1.0/qr/qr-mpm-notify"
STATUS_KINDS = {
    "00": PaymentEventKind.PAID,
    "01": PaymentEventKind.PENDING,
    "02": PaymentEventKind.PENDING,
    "03": PaymentEventKind.PENDING,
    "04": PaymentEventKind.REFUNDED,
    "05": PaymentEventKind.CANCELLED,
    "06": PaymentEventKind.CANCELLED,
    "07": PaymentEventKind.OTHER,
    "08": PaymentEventKind.EXPIRED,
    "09": PaymentEventKind.CANCELLED,
}


def minify(raw: bytes) -> bytes:
    """Strip JSON whitespace outside strings, keeping everything else byte for byte
    (field order, nulls, number spelling, escapes)."""
    out = bytearray()
    in_string = escaped = False
    for byte in raw:
        if in_string:
            out.append(byte)
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:
                in_string = False
        elif byte in b" \t\r\n":
            continue
        else:
            out.append(byte)
            if byte == 0x22:
                in_string = True
    return bytes(out)


def body_digest(raw: bytes) -> str:
    return hashlib.sha256(minify(raw)).hexdigest().lower()


def timestamp(moment: datetime | None = None) -> str:
    return (moment or timezone.now()).astimezone(WIB).isoformat(timespec="seconds")


def string_to_sign(
    method: str, path: str, body: bytes, stamp: str, access_token: str | None = None
) -> str:
    parts = [method.upper(), path]
    if access_token is not None:
        parts.append(access_token)
    parts += [body_digest(body), stamp]
    return ":".join(parts)


def hmac_signature(secret: str, text: str) -> str:
    digest = hmac.new(secret.encode("utf-8"), text.encode("utf-8"), hashlib.sha512).digest()
    return base64.b64encode(digest).decode("ascii")


def rsa_sign(private_pem: str, text: str) -> str:
    key = serialization.load_pem_private_key(private_pem.encode("ascii"), password=None)
    if not isinstance(key, rsa.RSAPrivateKey):
        raise ProviderNotConfigured("SNAP private key is not an RSA key")
    signed = key.sign(text.encode("utf-8"), padding.PKCS1v15(), hashes.SHA256())
    return base64.b64encode(signed).decode("ascii")


def rsa_verify(public_pem: str, text: str, signature_b64: str) -> bool:
    try:
        key = serialization.load_pem_public_key(public_pem.encode("ascii"))
        signed = base64.b64decode(signature_b64, validate=True)
    except (ValueError, TypeError):
        return False
    if not isinstance(key, rsa.RSAPublicKey):
        return False
    try:
        key.verify(signed, text.encode("utf-8"), padding.PKCS1v15(), hashes.SHA256())
    except InvalidSignature:
        return False
    return True


def _amount(data: Mapping[str, Any]) -> tuple[int | None, str]:
    amount = data.get("amount")
    if isinstance(amount, dict):
        return rupiah(amount.get("value")), str(amount.get("currency") or "IDR").upper()
    return None, "IDR"


def event_from_body(data: Mapping[str, Any]) -> ProviderEvent:
    status = str(data.get("latestTransactionStatus", ""))
    reference = str(data.get("originalReferenceNo", ""))
    order_id = str(data.get("originalPartnerReferenceNo", ""))
    if not order_id:
        raise VerificationFailed("originalPartnerReferenceNo missing")
    amount, currency = _amount(data)
    paid = data.get("paidTime")
    when = None
    if isinstance(paid, str) and paid:
        try:
            when = datetime.fromisoformat(paid)
        except ValueError:
            when = None
    return ProviderEvent(
        provider=NAME,
        order_id=order_id,
        provider_reference=reference,
        event_key=f"{reference or order_id}:{status}",
        kind=STATUS_KINDS.get(status, PaymentEventKind.OTHER),
        raw_status=status,
        amount=amount,
        currency=currency,
        occurred_at=when,
        raw=dict(data),
    )


class SnapProvider:
    name = NAME

    def __init__(
        self,
        *,
        base_url: str,
        client_id: str,
        client_secret: str,
        private_key_pem: str,
        provider_public_key_pem: str,
        merchant_id: str,
        channel_id: str,
        notify_signature: str = "rsa",
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.client_id = client_id
        self.client_secret = client_secret
        self.private_key_pem = private_key_pem
        self.public_key_pem = provider_public_key_pem
        self.merchant_id = merchant_id
        self.channel_id = channel_id or "95221"
        self.notify_signature = notify_signature
        self._token: str | None = None

    # outgoing -----------------------------------------------------------------------
    def _post(self, path: str, body: bytes, headers: Mapping[str, str], *, idempotent: bool) -> Any:
        try:
            response = http.call(
                "POST", f"{self.base_url}{path}", headers=headers, body=body, idempotent=idempotent
            )
        except http.TransportError as exc:
            raise ProviderError(f"SNAP provider unreachable: {exc}") from exc
        try:
            data = response.json()
        except ValueError as exc:
            raise ProviderError(f"SNAP answered {response.status} without JSON") from exc
        code = str(data.get("responseCode", "")) if isinstance(data, dict) else ""
        if response.status >= 400 or not code.startswith("200"):
            raise ProviderError(
                f"SNAP {code or response.status}: {str(data.get('responseMessage', ''))[:200]}",
                retryable=response.status >= 500 or code.startswith("5"),
                status=response.status,
            )
        return data

    def access_token(self) -> str:
        if self._token:
            return self._token
        if not (self.base_url and self.client_id and self.private_key_pem):
            raise ProviderNotConfigured("SNAP base URL, client id or private key missing")
        stamp = timestamp()
        body = b'{"grantType":"client_credentials"}'
        headers = {
            "Content-Type": "application/json",
            "X-TIMESTAMP": stamp,
            "X-CLIENT-KEY": self.client_id,
            "X-SIGNATURE": rsa_sign(self.private_key_pem, f"{self.client_id}|{stamp}"),
        }
        data = self._post("/v1.0/access-token/b2b", body, headers, idempotent=True)
        self._token = str(data.get("accessToken", ""))
        if not self._token:
            raise ProviderError("SNAP access token missing in answer")
        return self._token

    def _transact(self, path: str, payload: Mapping[str, Any], *, external_id: str) -> Any:
        import json

        if not self.client_secret:
            raise ProviderNotConfigured("SNAP client secret missing")
        token = self.access_token()
        body = json.dumps(payload, separators=(",", ":")).encode("utf-8")
        stamp = timestamp()
        headers = {
            "Content-Type": "application/json",
            "Authorization": f"Bearer {token}",
            "X-TIMESTAMP": stamp,
            "X-SIGNATURE": hmac_signature(
                self.client_secret, string_to_sign("POST", path, body, stamp, token)
            ),
            "X-PARTNER-ID": self.client_id,
            "X-EXTERNAL-ID": external_id,
            "CHANNEL-ID": self.channel_id,
        }
        # Retried with the same X-EXTERNAL-ID: the provider refuses a repeat (409xx00).
        return self._post(path, body, headers, idempotent=True)

    @staticmethod
    def _external_id(order_id: str, action: str) -> str:
        return hashlib.sha256(f"{action}:{order_id}".encode()).hexdigest()[:32]

    def create(self, request: ChargeRequest) -> CreatedCharge:
        payload = {
            "partnerReferenceNo": request.order_id,
            "amount": {"value": f"{request.amount}.00", "currency": "IDR"},
            "merchantId": self.merchant_id,
            "validityPeriod": timestamp(request.expires_at),
        }
        data = self._transact(
            "/v1.0/qr/qr-mpm-generate",
            payload,
            external_id=self._external_id(request.order_id, "generate"),
        )
        qr = str(data.get("qrContent") or "")
        if not qr:
            raise ProviderError("SNAP answered without qrContent", retryable=False)
        return CreatedCharge(provider_reference=str(data.get("referenceNo", "")), qr_string=qr)

    def status(self, *, order_id: str, provider_reference: str) -> ProviderEvent:
        payload = {
            "originalReferenceNo": provider_reference,
            "originalPartnerReferenceNo": order_id,
            "serviceCode": "47",
            "merchantId": self.merchant_id,
        }
        data = self._transact("/v1.0/qr/qr-mpm-query", payload, external_id=uuid.uuid4().hex[:32])
        return event_from_body({"originalPartnerReferenceNo": order_id, **data})

    def cancel(self, *, order_id: str, provider_reference: str) -> ProviderEvent | None:
        payload = {
            "originalReferenceNo": provider_reference,
            "originalPartnerReferenceNo": order_id,
            "merchantId": self.merchant_id,
            "reason": "expired or abandoned",
        }
        self._transact(
            "/v1.0/qr/qr-mpm-cancel", payload, external_id=self._external_id(order_id, "cancel")
        )
        return None  # the ledger records the cancellation locally

    def expire(self, *, order_id: str, provider_reference: str) -> ProviderEvent | None:
        return self.cancel(order_id=order_id, provider_reference=provider_reference)

    # incoming -----------------------------------------------------------------------
    def verify_notification(
        self, *, body: bytes, headers: Mapping[str, str], path: str
    ) -> ProviderEvent:
        given = header(headers, "X-SIGNATURE")
        stamp = header(headers, "X-TIMESTAMP")
        if not given or not stamp:
            raise VerificationFailed("X-SIGNATURE or X-TIMESTAMP missing")
        # Providers sign either our full path or the SNAP service path; accept both.
        paths = [path]
        if NOTIFY_SUFFIX in path and not path.startswith(NOTIFY_SUFFIX):
            paths.append(NOTIFY_SUFFIX)
        if self.notify_signature == "hmac":
            if not self.client_secret:
                raise VerificationFailed("no client secret configured to verify with")
            bearer = header(headers, "Authorization").removeprefix("Bearer ").strip()
            ok = any(
                hmac.compare_digest(
                    given.encode(),
                    hmac_signature(
                        self.client_secret, string_to_sign("POST", p, body, stamp, bearer)
                    ).encode(),
                )
                for p in paths
            )
        else:
            if not self.public_key_pem:
                raise VerificationFailed("no provider public key configured to verify with")
            ok = any(
                rsa_verify(self.public_key_pem, string_to_sign("POST", p, body, stamp), given)
                for p in paths
            )
        if not ok:
            raise VerificationFailed("X-SIGNATURE does not match")
        return event_from_body(json_object(body))
