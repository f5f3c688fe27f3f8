"""Notifications are triggers; the state comes from the gateway's status API. Bodies
are Midtrans' documented notification bodies, signed as Midtrans signs them; the
gateway's truth is the simulator's transaction, served over real HTTP."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.db import OperationalError
from django.test import Client
from django.utils import timezone

from kotacerdas.payments.models import (
    ChargeFlag,
    ChargeStatus,
    DeliveryStatus,
    FlagKind,
    PaymentEvent,
    PaymentEventKind,
    WebhookDelivery,
)
from kotacerdas.payments.services.inbox import inbox_retry
from tests.payments.factories import (
    make_charge,
    midtrans_body,
    post_midtrans,
    sim_transaction,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def client(settings) -> Client:  # type: ignore[no-untyped-def]
    """The production answer path: processing runs in the response's close(), which the
    test client calls before returning (so these tests see its effects)."""
    settings.KOTACERDAS_WEBHOOK_PROCESSING = "after_response"
    return Client()


def later(seconds: int = 3600):  # type: ignore[no-untyped-def]
    return timezone.now() + timedelta(seconds=seconds)


def test_settlement_is_confirmed_and_recorded_with_the_gateways_id(
    sim_server, regency, client
) -> None:  # type: ignore[no-untyped-def]
    charge = make_charge()
    sim_transaction(charge, status="settlement")
    response = post_midtrans(client, midtrans_body(charge))
    assert response.status_code == 200 and response.json() == {
        "status": "ok",
        "outcome": "received",
    }
    charge.refresh_from_db()
    assert (charge.status, charge.paid_amount) == (ChargeStatus.PAID, 2000)
    event = PaymentEvent.objects.get(charge=charge)
    assert event.provider_event_key == f"{charge.provider_reference}:settlement"
    assert event.data["status_message"] == "Success, transaction is found"  # the API's body
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.outcome, delivery.attempts) == ("processed", "recorded", 1)
    assert event.delivery == delivery


def test_duplicates_are_one_event(sim_server, regency, client) -> None:  # type: ignore[no-untyped-def]
    charge = make_charge()
    sim_transaction(charge)
    body = midtrans_body(charge)
    for _ in range(3):
        post_midtrans(client, body)
    assert PaymentEvent.objects.filter(charge=charge).count() == 1
    assert [d.outcome for d in WebhookDelivery.objects.order_by("id")] == [
        "recorded",
        "duplicate",
        "duplicate",
    ]


def test_cancel_relabelled_as_settlement_is_not_paid(sim_server, regency, client) -> None:  # type: ignore[no-untyped-def]
    """Defect 2: cancel and settlement are both signed with status_code 200."""
    charge = make_charge()
    sim_transaction(charge, status="cancel")
    cancel = midtrans_body(charge, status="cancel")
    assert cancel["status_code"] == "200"
    relabelled = {**cancel, "transaction_status": "settlement"}
    assert post_midtrans(client, relabelled).status_code == 200  # genuinely signed
    charge.refresh_from_db()
    assert (charge.status, charge.paid_amount) == (ChargeStatus.CANCELLED, 0)
    assert not PaymentEvent.objects.filter(kind=PaymentEventKind.PAID).exists()


@pytest.mark.parametrize("label", ["expire", "cancel", "deny", "failure"])
def test_pending_relabelled_as_a_close_changes_nothing(sim_server, regency, client, label) -> None:  # type: ignore[no-untyped-def]
    """Defect 8: a genuine signed pending body edited to expire/cancel/deny/failure."""
    charge = make_charge()
    sim_transaction(charge, status="pending")
    pending = midtrans_body(charge, status="pending")
    post_midtrans(client, {**pending, "transaction_status": label})
    charge.refresh_from_db()
    assert charge.status == ChargeStatus.PENDING
    assert not PaymentEvent.objects.exclude(kind=PaymentEventKind.PENDING).exists()


@pytest.mark.parametrize(
    "edit",
    [{"transaction_id": "replayed-new-id"}, {"transaction_status": "capture"}],
    ids=["new-transaction-id", "capture"],
)
def test_replayed_or_relabelled_settlement_is_no_second_payment(
    sim_server, regency, client, edit
) -> None:  # type: ignore[no-untyped-def]
    charge = make_charge()
    sim_transaction(charge)
    body = midtrans_body(charge)
    post_midtrans(client, body)
    post_midtrans(client, {**body, **edit})
    assert PaymentEvent.objects.filter(charge=charge, kind=PaymentEventKind.PAID).count() == 1
    assert not ChargeFlag.objects.exists()  # no false double_payment to refund


def test_settlement_relabelled_as_refund_adds_no_ledger_rows(sim_server, regency, client) -> None:  # type: ignore[no-untyped-def]
    charge = make_charge()
    sim_transaction(charge)
    body = midtrans_body(charge)
    post_midtrans(client, body)
    post_midtrans(client, {**body, "transaction_status": "refund"})
    assert not PaymentEvent.objects.filter(kind=PaymentEventKind.REFUNDED).exists()
    charge.refresh_from_db()
    assert charge.paid_amount == 2000


def test_expiry_is_confirmed_with_the_documented_407(sim_server, regency, client) -> None:  # type: ignore[no-untyped-def]
    """Defect 3: the status of an expired transaction is status_code 407, a success."""
    charge = make_charge()
    sim_transaction(charge, status="expire")
    post_midtrans(client, midtrans_body(charge, status="expire"))
    charge.refresh_from_db()
    assert charge.status == ChargeStatus.EXPIRED
    assert PaymentEvent.objects.get(charge=charge).data["status_code"] == "407"


def test_deeply_nested_body_is_refused_not_a_500(sim_server, regency, client) -> None:  # type: ignore[no-untyped-def]
    body = "[" * 5000 + "]" * 5000
    response = client.post(
        "/payments/webhooks/midtrans", data=body, content_type="application/json"
    )
    assert response.status_code == 401
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.REJECTED and len(delivery.body_text) == 10000


def test_processing_failure_answers_200_and_the_job_finishes_it(  # type: ignore[no-untyped-def]
    sim_server, regency, client, monkeypatch
) -> None:
    from kotacerdas.core.jobs import registered_jobs, run_job
    from kotacerdas.payments.services import inbox

    charge = make_charge()
    sim_transaction(charge)
    real = inbox.event_record

    def broken(**kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("database hiccup")

    monkeypatch.setattr(inbox, "event_record", broken)
    assert post_midtrans(client, midtrans_body(charge)).status_code == 200
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED and "hiccup" in delivery.error
    assert delivery.next_attempt_at > timezone.now()  # backoff
    monkeypatch.setattr(inbox, "event_record", real)
    assert inbox_retry(now=later()) == 1
    charge.refresh_from_db()
    assert charge.status == ChargeStatus.PAID
    assert WebhookDelivery.objects.get().status == DeliveryStatus.PROCESSED
    outcome = run_job(registered_jobs()["payments.retry_inbox"], force=True)
    assert outcome.status == "ok" and "processed 0" in outcome.result


def test_gateway_unreachable_while_confirming_is_retried(
    sim_server, regency, client, settings
) -> None:  # type: ignore[no-untyped-def]
    charge = make_charge()
    sim_transaction(charge)
    live = settings.KOTACERDAS_PUBLIC_URL
    settings.KOTACERDAS_PUBLIC_URL = "http://127.0.0.1:9"  # the status API is down
    assert post_midtrans(client, midtrans_body(charge)).status_code == 200
    assert WebhookDelivery.objects.get().status == DeliveryStatus.FAILED
    settings.KOTACERDAS_PUBLIC_URL = live
    inbox_retry(now=later())
    charge.refresh_from_db()
    assert charge.status == ChargeStatus.PAID


def test_delivery_stuck_in_received_is_picked_up(sim_server, regency, client, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Defect 6: the worker died after storing the delivery, before processing it."""
    from kotacerdas.payments import webhooks

    charge = make_charge()
    sim_transaction(charge)
    monkeypatch.setattr(webhooks, "delivery_process_quietly", lambda delivery_id: None)
    post_midtrans(client, midtrans_body(charge))
    assert WebhookDelivery.objects.get().status == DeliveryStatus.RECEIVED
    assert inbox_retry() == 0  # not yet: the receiving worker gets the first go
    assert inbox_retry(now=later(60)) == 1
    charge.refresh_from_db()
    assert charge.status == ChargeStatus.PAID


def test_unstorable_notification_is_a_503_so_the_gateway_retries(  # type: ignore[no-untyped-def]
    sim_server, regency, client, monkeypatch
) -> None:
    """Defect 7: never acknowledge a fact we do not hold."""
    from kotacerdas.payments.services import inbox

    charge = make_charge()

    def down(**kwargs):  # type: ignore[no-untyped-def]
        raise OperationalError("terminating connection due to administrator command")

    monkeypatch.setattr(inbox.WebhookDelivery.objects, "create", down)
    response = post_midtrans(client, midtrans_body(charge))
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert response.json()["error"]["code"] == "unavailable"


def test_notification_url_names_the_regency(sim_server, regency) -> None:  # type: ignore[no-untyped-def]
    from kotacerdas.payments.services.charges import charge_create
    from kotacerdas.payments.simulator.models import SimTransaction

    charge = charge_create(
        regency=regency,
        order_id="URL-R-1",
        amount=2000,
        owner_type="test.payable",
        owner_id="1",
        expires_at=None,
    )
    url = SimTransaction.objects.get(order_id=charge.order_id).notification_url
    assert url.endswith(f"/payments/webhooks/midtrans?r={regency.code}")


def test_wrong_regency_in_the_url_does_not_verify(sim_server, regency, client) -> None:  # type: ignore[no-untyped-def]
    from tests.payments.factories import second_regency

    other = second_regency()
    charge = make_charge()
    sim_transaction(charge)
    response = client.post(
        f"/payments/webhooks/midtrans?r={other.code}",
        data=json.dumps(midtrans_body(charge)),
        content_type="application/json",
    )
    # Seruyan has no Midtrans key of its own here: its settings key verifies, but the
    # charge is looked up only in Seruyan, where it does not exist.
    assert response.status_code == 200
    charge.refresh_from_db()
    assert charge.status == ChargeStatus.PENDING
    assert WebhookDelivery.objects.get().regency == other
    assert ChargeFlag.objects.get().kind == FlagKind.UNKNOWN_ORDER


def test_job_mode_only_stores_and_the_job_runner_applies(sim_server, regency, settings) -> None:  # type: ignore[no-untyped-def]
    """``KOTACERDAS_WEBHOOK_PROCESSING = "job"``: the request verifies and inserts, and
    the delivery is due for the job runner at once (not after the 30 s grace)."""
    settings.KOTACERDAS_WEBHOOK_PROCESSING = "job"
    charge = make_charge()
    sim_transaction(charge, status="settlement")
    response = post_midtrans(Client(), midtrans_body(charge))
    assert response.status_code == 200 and response.json()["outcome"] == "received"
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.RECEIVED, 0)
    assert delivery.next_attempt_at is not None and delivery.next_attempt_at <= timezone.now()
    charge.refresh_from_db()
    assert charge.status == ChargeStatus.PENDING
    assert inbox_retry() == 1
    charge.refresh_from_db()
    delivery.refresh_from_db()
    assert (charge.status, delivery.status) == (ChargeStatus.PAID, DeliveryStatus.PROCESSED)


def test_shards_split_the_inbox_between_processors(sim_server, regency, settings) -> None:  # type: ignore[no-untyped-def]
    settings.KOTACERDAS_WEBHOOK_PROCESSING = "job"
    charges = [make_charge() for _ in range(4)]
    for charge in charges:
        sim_transaction(charge, status="settlement")
        post_midtrans(Client(), midtrans_body(charge))
    ids = sorted(WebhookDelivery.objects.values_list("id", flat=True))
    assert inbox_retry(shard=(1, 2)) == len([i for i in ids if i % 2 == 1])
    left = set(
        WebhookDelivery.objects.exclude(status=DeliveryStatus.PROCESSED).values_list(
            "id", flat=True
        )
    )
    assert left == {i for i in ids if i % 2 == 0}
    assert inbox_retry(shard=(0, 2)) == len(left)
    for charge in charges:
        charge.refresh_from_db()
        assert charge.status == ChargeStatus.PAID
    assert not WebhookDelivery.objects.exclude(status=DeliveryStatus.PROCESSED).exists()
