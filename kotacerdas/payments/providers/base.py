"""The provider interface: small, typed, integer rupiah. Adapters translate one gateway's
dialect into these dataclasses and nothing else."""

from __future__ import annotations

import hmac
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Protocol

from django.conf import settings

from kotacerdas.payments.models import PaymentEventKind


class ProviderError(Exception):
    """The gateway refused or could not be reached. ``retryable``: the same call may
    succeed later (timeouts, 5xx)."""

    def __init__(self, message: str, *, retryable: bool = True, status: int | None = None) -> None:
        super().__init__(message)
        self.retryable = retryable
        self.status = status


class ProviderNotConfigured(ProviderError):
    def __init__(self, message: str) -> None:
        super().__init__(message, retryable=False)


class VerificationFailed(Exception):
    """An incoming notification is unsigned, forged or unreadable."""


@dataclass(frozen=True)
class ChargeRequest:
    order_id: str
    amount: int
    expires_at: datetime
    description: str = ""
    notification_url: str = ""


@dataclass(frozen=True)
class CreatedCharge:
    provider_reference: str
    qr_string: str
    raw: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ProviderEvent:
    """A normalised fact from the gateway. ``event_key`` is the idempotency key of the
    fact (same fact from a webhook and from a status query -> same key)."""

    provider: str
    order_id: str
    provider_reference: str
    event_key: str
    kind: PaymentEventKind
    raw_status: str
    amount: int | None
    currency: str
    occurred_at: datetime | None = None
    raw: Mapping[str, Any] = field(default_factory=dict)


class PaymentProvider(Protocol):
    name: str

    def create(self, request: ChargeRequest) -> CreatedCharge: ...

    def status(self, *, order_id: str, provider_reference: str) -> ProviderEvent: ...

    def cancel(self, *, order_id: str, provider_reference: str) -> ProviderEvent | None: ...

    def expire(self, *, order_id: str, provider_reference: str) -> ProviderEvent | None: ...

    def verify_notification(
        self, *, body: bytes, headers: Mapping[str, str], path: str
    ) -> ProviderEvent: ...


def secret_from_env(name: str) -> str:
    """A key named by a GatewayConfig. Only the environment holds secrets. A
    ``KOTACERDAS_*`` name that the settings define is read from settings first: in
    production settings read it from the same environment variable, and dev/demo/test
    settings pin their own sandbox key, so a key exported in a developer's shell never
    leaks into the tests."""
    if not name:
        return ""
    if name.startswith("KOTACERDAS_"):
        configured = str(getattr(settings, name, "") or "")
        if configured:
            return configured
    return os.environ.get(name, "")


def same_secret(given: str, expected: str) -> bool:
    """Constant-time comparison; an empty expected value never matches."""
    if not expected or not given:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def rupiah(value: object) -> int | None:
    """``"2000.00"``, ``"2000"``, ``2000`` or ``2000.0`` -> 2000; fractions or junk -> None
    (a non-integral rupiah amount can never match a charge)."""
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    if not number.is_finite() or number != number.to_integral_value():
        return None
    return int(number)


def json_object(body: bytes) -> dict[str, Any]:
    import json

    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        # RecursionError: a body nested thousands deep is refused, not a 500.
        raise VerificationFailed("body is not JSON") from exc
    if not isinstance(data, dict):
        raise VerificationFailed("body is not a JSON object")
    return data


def header(headers: Mapping[str, str], name: str) -> str:
    wanted = name.lower()
    for key, value in headers.items():
        if key.lower() == wanted:
            return value
    return ""
