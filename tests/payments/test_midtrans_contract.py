"""The simulator must answer like Midtrans, not like our adapter: every
transaction_status <-> status_code pair is pinned to the Midtrans API reference (the
tables in tests/payments/factories.py, written from docs.midtrans.com), checked through
the official ``midtransclient`` as an independent client."""

from __future__ import annotations

import uuid
from datetime import timedelta

import midtransclient
import pytest
from django.utils import timezone

from kotacerdas.payments.models import PaymentEventKind
from kotacerdas.payments.providers.midtrans import (
    SIGNED_STATUS_CODES,
    MidtransProvider,
    signature,
)
from kotacerdas.payments.simulator.models import SimTransaction
from kotacerdas.payments.simulator.notifier import transaction_body
from tests.payments.factories import (
    MIDTRANS_API_CODES,
    MIDTRANS_NOTIFICATION_CODES,
    SERVER_KEY,
)

pytestmark = pytest.mark.django_db(transaction=True)

# Midtrans' "Expire transaction" reference response, verbatim in its fields.
EXPIRE_REFERENCE = {
    "status_code": "407",
    "status_message": "Success, transaction has expired",
    "transaction_status": "expire",
}
CANCEL_REFERENCE = {
    "status_code": "200",
    "status_message": "Success, transaction is canceled",
    "transaction_status": "cancel",
}


def _core(url: str) -> midtransclient.CoreApi:
    core = midtransclient.CoreApi(is_production=False, server_key=SERVER_KEY, client_key="x")
    core.api_config.CORE_SANDBOX_BASE_URL = f"{url}/simulator/midtrans"
    return core


def _tx(status: str) -> SimTransaction:
    return SimTransaction.objects.create(
        order_id=f"CT-{status}-{uuid.uuid4().hex[:6]}",
        transaction_id=str(uuid.uuid4()),
        gross_amount=2000,
        status=status,
        qr_string="-",
        notification_url="http://127.0.0.1:9/",
        expiry_at=timezone.now() + timedelta(minutes=15),
        settled_at=timezone.now() if status == "settlement" else None,
    )


@pytest.mark.parametrize("status", sorted(MIDTRANS_API_CODES))
def test_status_api_code_matches_the_reference(sim_server, status: str) -> None:  # type: ignore[no-untyped-def]
    tx = _tx(status)
    answer = _core(sim_server.url).transactions.status(tx.order_id)  # 407 is not an error
    assert (answer["transaction_status"], answer["status_code"]) == (
        status,
        MIDTRANS_API_CODES[status],
    )


@pytest.mark.parametrize("status", sorted(MIDTRANS_NOTIFICATION_CODES))
def test_notification_code_and_signature_match_the_reference(status: str) -> None:
    body = transaction_body(_tx(status))
    assert body["status_code"] == MIDTRANS_NOTIFICATION_CODES[status]
    assert body["signature_key"] == signature(
        body["order_id"], body["status_code"], body["gross_amount"], SERVER_KEY
    )


def test_adapter_accepts_exactly_the_documented_notification_pairs() -> None:
    assert SIGNED_STATUS_CODES == MIDTRANS_NOTIFICATION_CODES


def test_expire_and_cancel_answers_match_the_reference(sim_server) -> None:  # type: ignore[no-untyped-def]
    core = _core(sim_server.url)
    expired = core.transactions.expire(_tx("pending").order_id)
    assert {k: expired[k] for k in EXPIRE_REFERENCE} == EXPIRE_REFERENCE
    cancelled = core.transactions.cancel(_tx("pending").order_id)
    assert {k: cancelled[k] for k in CANCEL_REFERENCE} == CANCEL_REFERENCE
    with pytest.raises(midtransclient.error_midtrans.MidtransAPIError) as refused:
        core.transactions.cancel(_tx("settlement").order_id)
    assert "412" in str(refused.value)
    with pytest.raises(midtransclient.error_midtrans.MidtransAPIError) as missing:
        core.transactions.status("CT-NO-SUCH-ORDER")
    assert missing.value.http_status_code == 404


def test_adapter_treats_407_as_success(sim_server, settings) -> None:  # type: ignore[no-untyped-def]
    """Defect 3: the expired status (407) used to be raised as a gateway error."""
    provider = MidtransProvider(
        base_url=f"{sim_server.url}/simulator/midtrans", server_key=SERVER_KEY
    )
    tx = _tx("expire")
    fact = provider.status(order_id=tx.order_id, provider_reference="")
    assert (fact.kind, fact.raw_status) == (PaymentEventKind.EXPIRED, "expire")
    closed = provider.expire(order_id=_tx("pending").order_id, provider_reference="")
    assert closed is not None and closed.kind == PaymentEventKind.EXPIRED
