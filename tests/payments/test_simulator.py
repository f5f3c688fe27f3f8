"""The simulator as an outside client sees it: the official midtransclient, chaos, the
retry schedule, and delivery from a background thread."""

from __future__ import annotations

import time
from datetime import timedelta

import midtransclient
import pytest
import requests
from django.utils import timezone

from kotacerdas import qris
from kotacerdas.payments.models import ChargeStatus, PaymentEvent, WebhookDelivery
from kotacerdas.payments.services.charges import charge_create
from kotacerdas.payments.simulator.models import SimDelivery
from kotacerdas.payments.simulator.notifier import deliver_due
from tests.payments.factories import SERVER_KEY

pytestmark = pytest.mark.django_db(transaction=True)


def _core(url: str, key: str = SERVER_KEY) -> midtransclient.CoreApi:
    core = midtransclient.CoreApi(is_production=False, server_key=key, client_key="SB-client")
    # midtransclient reads the base URL from this attribute of its ApiConfig.
    core.api_config.CORE_SANDBOX_BASE_URL = f"{url}/simulator/midtrans"
    return core


def test_midtransclient_charge_status_cancel_expire(sim_server) -> None:  # type: ignore[no-untyped-def]
    core = _core(sim_server.url)
    answer = core.charge(
        {
            "payment_type": "qris",
            "transaction_details": {"order_id": "MT-CLIENT-1", "gross_amount": 2000},
            "qris": {"acquirer": "gopay"},
        }
    )
    assert answer["status_code"] == "201"
    assert answer["transaction_status"] == "pending"
    assert answer["gross_amount"] == "2000.00" and answer["order_id"] == "MT-CLIENT-1"
    assert answer["transaction_id"]
    assert answer["actions"][0]["name"] == "generate-qr-code"
    assert qris.parse(answer["qr_string"]).amount == 2000 and qris.is_valid(answer["qr_string"])
    png = requests.get(answer["actions"][0]["url"], timeout=10)
    assert png.status_code == 200 and png.content[:4] == b"\x89PNG"

    status = core.transactions.status("MT-CLIENT-1")
    assert status["transaction_status"] == "pending" and status["status_code"] == "201"
    cancelled = core.transactions.cancel("MT-CLIENT-1")
    assert cancelled["transaction_status"] == "cancel"

    core.charge(
        {
            "payment_type": "qris",
            "transaction_details": {"order_id": "MT-CLIENT-2", "gross_amount": 3000},
        }
    )
    expired = core.transactions.expire("MT-CLIENT-2")
    assert expired["status_code"] == "407" and expired["transaction_status"] == "expire"
    with pytest.raises(midtransclient.error_midtrans.MidtransAPIError) as err:
        core.transactions.status("NO-SUCH-ORDER")
    assert err.value.http_status_code == 404


def test_midtransclient_with_a_wrong_key_is_refused(sim_server) -> None:  # type: ignore[no-untyped-def]
    core = _core(sim_server.url, key="SB-Mid-server-wrong")
    with pytest.raises(midtransclient.error_midtrans.MidtransAPIError) as err:
        core.charge(
            {
                "payment_type": "qris",
                "transaction_details": {"order_id": "MT-BAD", "gross_amount": 2000},
            }
        )
    assert err.value.http_status_code == 401


def test_duplicate_order_id_is_refused_with_406(sim_server) -> None:  # type: ignore[no-untyped-def]
    core = _core(sim_server.url)
    body = {
        "payment_type": "qris",
        "transaction_details": {"order_id": "MT-DUP", "gross_amount": 2000},
    }
    core.charge(body)
    with pytest.raises(midtransclient.error_midtrans.MidtransAPIError) as err:
        core.charge(body)
    assert err.value.http_status_code == 406


def _charge(regency, order_id: str):  # type: ignore[no-untyped-def]
    return charge_create(
        regency=regency,
        order_id=order_id,
        amount=2000,
        owner_type="test.payable",
        owner_id="7",
        expires_at=timezone.now() + timedelta(minutes=15),
    )


def test_chaos_duplicates_out_of_order_and_a_failed_first_delivery(sim_server, regency) -> None:  # type: ignore[no-untyped-def]
    charge = _charge(regency, "PKR-CHAOS-1")
    paid = requests.post(
        f"{sim_server.url}/simulator/midtrans/v2/{charge.order_id}/pay",
        params={"duplicates": 2, "out_of_order": 1, "fail_first": 1, "compress": 0},
        auth=(SERVER_KEY, ""),
        timeout=10,
    )
    assert paid.status_code == 200
    queued = SimDelivery.objects.filter(transaction__order_id=charge.order_id)
    assert queued.count() == 4  # settlement x3 + a stale pending
    # Round 1: the first settlement "times out", the copies and the stale pending arrive.
    assert deliver_due() == 3
    first = queued.order_by("id").first()
    assert first is not None and first.state == SimDelivery.QUEUED and first.attempts == 1
    assert first.retries_left == 5  # a timeout earns Midtrans' five retries
    # Round 2 (schedule compressed to zero): the retry is delivered.
    assert deliver_due() == 1
    assert set(queued.values_list("state", flat=True)) == {SimDelivery.DELIVERED}
    charge.refresh_from_db()
    assert charge.status == ChargeStatus.PAID and charge.paid_amount == 2000
    events = PaymentEvent.objects.filter(charge=charge)
    # The stale pending is confirmed at the status API, which says settlement: one fact.
    assert list(events.values_list("raw_status", flat=True)) == ["settlement"]
    assert events.filter(counted=True).count() == 1
    assert WebhookDelivery.objects.filter(order_id=charge.order_id, verified=True).count() == 4


def test_failed_deliveries_follow_midtrans_retry_table(sim_server, regency, settings) -> None:  # type: ignore[no-untyped-def]
    charge = _charge(regency, "PKR-RETRY-TABLE")
    requests.post(
        f"{sim_server.url}/simulator/midtrans/v2/{charge.order_id}/pay",
        auth=(SERVER_KEY, ""),
        timeout=10,
    )
    delivery = SimDelivery.objects.get(transaction__order_id=charge.order_id)
    # The platform answers 404 (wrong URL): Midtrans retries twice, ~2 min then ~10 min.
    SimDelivery.objects.filter(pk=delivery.pk).update(url=f"{sim_server.url}/payments/nope")
    before = timezone.now()
    assert deliver_due() == 0
    delivery.refresh_from_db()
    assert (delivery.state, delivery.last_status, delivery.retries_left) == ("queued", 404, 2)
    assert timedelta(seconds=110) < delivery.next_attempt_at - before < timedelta(seconds=130)
    assert deliver_due() == 0  # not due yet
    for _ in range(2):
        deliver_due(now=timezone.now() + timedelta(hours=4))
    delivery.refresh_from_db()
    assert delivery.state == SimDelivery.GAVE_UP and delivery.attempts == 3


def test_thread_delivery_does_not_block_the_pay_request(sim_server, regency, settings) -> None:  # type: ignore[no-untyped-def]
    settings.KOTACERDAS_SIMULATOR_DELIVERY = "thread"
    charge = _charge(regency, "PKR-THREAD-1")
    paid = requests.post(
        f"{sim_server.url}/simulator/midtrans/v2/{charge.order_id}/pay",
        auth=(SERVER_KEY, ""),
        timeout=10,
    )
    assert paid.status_code == 200
    for _ in range(200):  # waits for an outcome, asserts nothing about time
        charge.refresh_from_db()
        if charge.status == ChargeStatus.PAID:
            break
        time.sleep(0.05)
    assert charge.status == ChargeStatus.PAID and charge.paid_amount == 2000


def test_simulator_is_not_served_when_disabled(client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.KOTACERDAS_SIMULATOR_ENABLED = False
    assert client.get("/simulator/pay").status_code == 404
    assert client.post("/simulator/midtrans/v2/charge").status_code == 404


def test_production_settings_disable_the_simulator() -> None:
    source = (
        __import__("pathlib").Path(__file__).resolve().parents[2]
        / "kotacerdas/settings/production.py"
    ).read_text()
    assert "KOTACERDAS_SIMULATOR_ENABLED = False" in source
