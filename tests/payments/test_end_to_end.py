"""charge -> pay in the simulator -> signed webhook -> ledger, over real HTTP."""

from __future__ import annotations

from datetime import timedelta

import pytest
import requests
from django.utils import timezone

from kotacerdas import qris
from kotacerdas.core.models import AuditLog
from kotacerdas.payments.events import ChargeNotice, on_charge_paid
from kotacerdas.payments.models import (
    ChargeStatus,
    DeliveryStatus,
    GatewayState,
    PaymentEvent,
    WebhookDelivery,
)
from kotacerdas.payments.services.charges import charge_create
from kotacerdas.payments.simulator.models import SimDelivery
from kotacerdas.payments.simulator.notifier import deliver_due
from tests.payments.factories import SERVER_KEY

pytestmark = pytest.mark.django_db(transaction=True)


def _create(regency, order_id: str = "PKR-6202-J01-E2E0001", amount: int = 2000):  # type: ignore[no-untyped-def]
    return charge_create(
        regency=regency,
        order_id=order_id,
        amount=amount,
        owner_type="test.payable",
        owner_id="42",
        expires_at=timezone.now() + timedelta(minutes=15),
        description="Parkir uji",
    )


def test_charge_pay_webhook_ledger_over_http(sim_server, regency) -> None:  # type: ignore[no-untyped-def]
    heard: list[ChargeNotice] = []
    on_charge_paid("test.payable", heard.append)

    charge = _create(regency)
    assert charge.gateway_state == GatewayState.READY
    parsed = qris.parse(charge.qr_string)
    assert qris.is_valid(charge.qr_string)
    assert parsed.point_of_initiation == "dynamic" and parsed.amount == 2000
    assert parsed.get("62.05") == charge.order_id[-25:]

    paid = requests.post(
        f"{sim_server.url}/simulator/midtrans/v2/{charge.order_id}/pay",
        auth=(SERVER_KEY, ""),
        timeout=10,
    )
    assert paid.status_code == 200, paid.text
    assert paid.json()["transaction_status"] == "settlement"
    charge.refresh_from_db()
    assert charge.status == ChargeStatus.PENDING  # nothing delivered inside the pay request

    assert deliver_due() == 1
    charge.refresh_from_db()
    assert (charge.status, charge.paid_amount) == (ChargeStatus.PAID, 2000)
    event = PaymentEvent.objects.get(charge=charge)
    assert event.counted and event.source == "webhook" and event.delivery is not None
    delivery = WebhookDelivery.objects.get(pk=event.delivery_id)
    assert delivery.verified and delivery.status == DeliveryStatus.PROCESSED
    assert '"transaction_status": "settlement"' in delivery.body_text or (
        '"transaction_status":"settlement"' in delivery.body_text
    )
    assert [n.kind for n in heard] == ["paid"] and heard[0].paid_amount == 2000
    assert AuditLog.objects.filter(action="payments.event.record", object_id=str(charge.pk))


def test_create_is_idempotent_on_order_id(sim_server, regency) -> None:  # type: ignore[no-untyped-def]
    first = _create(regency, order_id="PKR-IDEM-1")
    again = _create(regency, order_id="PKR-IDEM-1")
    assert first.pk == again.pk and first.qr_string == again.qr_string


def test_failed_gateway_call_is_marked_and_retried_with_the_same_order(
    sim_server, regency, settings
) -> None:  # type: ignore[no-untyped-def]
    from kotacerdas.payments.services.charges import ChargeGatewayError

    settings.KOTACERDAS_MIDTRANS_BASE_URL = sim_server.url + "/nowhere"
    with pytest.raises(ChargeGatewayError):
        _create(regency, order_id="PKR-RETRY-1")
    from kotacerdas.payments.models import Charge

    charge = Charge.objects.get(order_id="PKR-RETRY-1")
    assert charge.gateway_state == GatewayState.FAILED and charge.gateway_error
    settings.KOTACERDAS_MIDTRANS_BASE_URL = ""
    retried = _create(regency, order_id="PKR-RETRY-1")
    assert retried.pk == charge.pk and retried.gateway_state == GatewayState.READY
    assert retried.gateway_attempts == 2


def test_pay_page_settles_and_the_notification_arrives(sim_server, regency) -> None:  # type: ignore[no-untyped-def]
    from django.test import Client

    charge = _create(regency, order_id="PKR-PAGE-1", amount=5000)
    client = Client()
    page = client.post("/simulator/pay", {"qr": charge.qr_string, "action": "lookup"})
    assert page.status_code == 200 and b"sim-pay" in page.content
    page = client.post("/simulator/pay", {"qr": charge.qr_string, "action": "pay"})
    assert page.status_code == 200 and b"sim-message" in page.content
    assert SimDelivery.objects.filter(transaction__order_id=charge.order_id).count() == 1
    deliver_due()
    charge.refresh_from_db()
    assert charge.status == ChargeStatus.PAID and charge.paid_amount == 5000
