"""Payment test data and signed gateway bodies."""

from __future__ import annotations

import json
import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone

from kotacerdas.core.models import Regency
from kotacerdas.payments.models import (
    Charge,
    ChargeFlag,
    FlagKind,
    GatewayState,
)
from kotacerdas.payments.providers.midtrans import signature
from tests.factories import kotim

SERVER_KEY = "SB-Mid-server-test-only-kotim"

# status_code per transaction_status in Midtrans' notification reference bodies
# (docs.midtrans.com: "HTTP(S) notification" samples, "Cancel transaction" -> 200,
# "Expire transaction" notification -> 202, "Code statuses": 200 success/settlement,
# 201 pending, 202 denied). Written out here, not imported from the simulator, so a
# simulator that drifts from Midtrans fails the contract tests.
MIDTRANS_NOTIFICATION_CODES = {
    "settlement": "200",
    "capture": "200",
    "pending": "201",
    "cancel": "200",
    "expire": "202",
    "deny": "202",
    "refund": "200",
    "partial_refund": "200",
}
# And what the API answers (GET /v2/{id}/status, POST /v2/{id}/expire): an expired
# transaction is 407 "Success, transaction has expired"; unknown is 404.
MIDTRANS_API_CODES = {**MIDTRANS_NOTIFICATION_CODES, "expire": "407"}


def make_charge(**kwargs: Any) -> Charge:
    """A charge whose QR the gateway already issued (no HTTP involved)."""
    regency = kwargs.pop("regency", None) or kotim()
    values: dict[str, Any] = {
        "regency": regency,
        "order_id": f"TST-{secrets.token_hex(5).upper()}",
        "provider": "midtrans",
        "amount": 2000,
        "owner_type": "test.payable",
        "owner_id": "1",
        "expires_at": timezone.now() + timedelta(minutes=15),
        "gateway_state": GatewayState.READY,
        "provider_reference": secrets.token_hex(8),
    }
    values.update(kwargs)
    return Charge.objects.create(**values)


def make_flag(**kwargs: Any) -> ChargeFlag:
    charge = kwargs.pop("charge", None) or make_charge()
    return ChargeFlag.objects.create(
        regency=charge.regency, charge=charge, kind=kwargs.pop("kind", FlagKind.MISMATCH), **kwargs
    )


def midtrans_body(
    charge: Charge,
    *,
    status: str = "settlement",
    amount: int | str | None = None,
    transaction_id: str | None = None,
    key: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    gross = amount if isinstance(amount, str) else f"{amount or charge.amount}.00"
    code = MIDTRANS_NOTIFICATION_CODES.get(status, "202")
    body = {
        "transaction_time": "2026-03-01 10:00:00",
        "transaction_status": status,
        "transaction_id": transaction_id or charge.provider_reference,
        "status_message": "midtrans payment notification",
        "status_code": code,
        "signature_key": signature(
            charge.order_id, code, gross, key or settings.KOTACERDAS_MIDTRANS_SERVER_KEY
        ),
        "payment_type": "qris",
        "order_id": charge.order_id,
        "merchant_id": "G000",
        "gross_amount": gross,
        "fraud_status": "accept",
        "currency": "IDR",
        "acquirer": "gopay",
    }
    body.update(extra)
    return body


def post_midtrans(client: Any, body: dict[str, Any]) -> Any:
    return client.post(
        "/payments/webhooks/midtrans", data=json.dumps(body), content_type="application/json"
    )


def second_regency() -> Regency:
    """Kabupaten Seruyan, Kotim's neighbour: every payments test of scoping uses it."""
    regency, _ = Regency.objects.get_or_create(
        code="6207",
        defaults={
            "name": "Kabupaten Seruyan",
            "capital": "Kuala Pembuang",
            "jurisdiction_id": "seruyankab.go.id",
            "centre_lat": "-2.9",
            "centre_lon": "112.4",
        },
    )
    return regency


def sim_transaction(charge: Charge, *, status: str = "settlement", paid: int | None = None) -> Any:
    """What the gateway (the simulator) holds for ``charge``: the truth the inbox asks."""
    from kotacerdas.payments.simulator.models import SimTransaction

    return SimTransaction.objects.create(
        order_id=charge.order_id,
        transaction_id=charge.provider_reference,
        gross_amount=charge.amount,
        status=status,
        qr_string="-",
        notification_url="http://127.0.0.1:9/",
        expiry_at=charge.expires_at,
        settled_at=timezone.now() if status == "settlement" else None,
        paid_amount=paid,
    )
