"""The webhook inbox: verify first, record everything, apply verified facts once."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from kotacerdas.payments.events import ChargeNotice, on_charge_flagged, on_charge_paid
from kotacerdas.payments.models import (
    ChargeFlag,
    ChargeStatus,
    DeliveryStatus,
    FlagKind,
    PaymentEvent,
    WebhookDelivery,
)
from tests.payments.factories import make_charge, midtrans_body, post_midtrans

pytestmark = pytest.mark.django_db


@pytest.fixture
def client() -> Client:
    return Client()


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    """POST a Midtrans body and run the after-commit announcements, as a real commit would."""

    def send(body):  # type: ignore[no-untyped-def]
        with django_capture_on_commit_callbacks(execute=True):
            return post_midtrans(client, body)

    return send


def test_forged_signature_is_401_recorded_flagged_and_changes_nothing(client, regency) -> None:  # type: ignore[no-untyped-def]
    charge = make_charge()
    response = post_midtrans(client, midtrans_body(charge, key="SB-Mid-server-attacker"))
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "invalid_signature"
    charge.refresh_from_db()
    assert charge.status == ChargeStatus.PENDING and charge.paid_amount == 0
    assert not PaymentEvent.objects.exists()
    delivery = WebhookDelivery.objects.get()
    assert not delivery.verified and delivery.status == DeliveryStatus.REJECTED
    assert delivery.order_id == charge.order_id and "settlement" in delivery.body_text
    assert ChargeFlag.objects.get().kind == FlagKind.FORGED


@pytest.mark.parametrize(
    "body",
    [b"", b"not json", b"[]", b'{"order_id": "X", "status_code": "200"}'],
    ids=["empty", "junk", "array", "unsigned"],
)
def test_unsigned_or_unreadable_calls_are_rejected(client, regency, body: bytes) -> None:  # type: ignore[no-untyped-def]
    response = client.post(
        "/payments/webhooks/midtrans", data=body, content_type="application/json"
    )
    assert response.status_code == 401
    assert WebhookDelivery.objects.get().status == DeliveryStatus.REJECTED


def test_non_utf8_body_is_kept_as_base64(client, regency) -> None:  # type: ignore[no-untyped-def]
    client.post("/payments/webhooks/midtrans", data=b"\xff\xfe", content_type="text/plain")
    delivery = WebhookDelivery.objects.get()
    assert delivery.body_text == "" and delivery.body_base64 == "//4="


def test_oversized_body_is_refused(client, regency, settings) -> None:  # type: ignore[no-untyped-def]
    settings.KOTACERDAS_WEBHOOK_MAX_BYTES = 100
    response = client.post(
        "/payments/webhooks/midtrans", data="x" * 200, content_type="application/json"
    )
    assert response.status_code == 413
    assert not WebhookDelivery.objects.exists()


def test_unverified_calls_are_rate_limited_per_ip(client, regency) -> None:  # type: ignore[no-untyped-def]
    from kotacerdas.payments.webhooks import UNVERIFIED_LIMIT

    for _ in range(UNVERIFIED_LIMIT):
        assert post_midtrans(client, {"order_id": "x"}).status_code == 401
    limited = post_midtrans(client, {"order_id": "x"})
    assert limited.status_code == 429 and limited.json()["error"]["code"] == "rate_limited"
    assert WebhookDelivery.objects.count() == UNVERIFIED_LIMIT


def test_secrets_are_not_stored_with_the_headers(client, regency) -> None:  # type: ignore[no-untyped-def]
    client.post(
        "/payments/webhooks/xendit",
        data="{}",
        content_type="application/json",
        HTTP_X_CALLBACK_TOKEN="tok",
        HTTP_AUTHORIZATION="Basic abc",
    )
    headers = WebhookDelivery.objects.get().headers
    assert "x-callback-token" not in headers and "authorization" not in headers


def test_settlement_marks_paid_and_answers_200(post, regency) -> None:  # type: ignore[no-untyped-def]
    heard: list[ChargeNotice] = []
    on_charge_paid("test.payable", heard.append)
    charge = make_charge()
    response = post(midtrans_body(charge))
    assert response.status_code == 200 and response.json()["outcome"] == "recorded"
    charge.refresh_from_db()
    assert (charge.status, charge.paid_amount) == (ChargeStatus.PAID, 2000)
    assert len(heard) == 1 and heard[0].order_id == charge.order_id and heard[0].flags == ()


def test_duplicate_notification_is_one_event(post, regency) -> None:  # type: ignore[no-untyped-def]
    heard: list[ChargeNotice] = []
    on_charge_paid("test.payable", heard.append)
    charge = make_charge()
    body = midtrans_body(charge)
    outcomes = [post(body).json()["outcome"] for _ in range(3)]
    assert outcomes == ["recorded", "duplicate", "duplicate"]
    assert PaymentEvent.objects.filter(charge=charge).count() == 1
    assert WebhookDelivery.objects.filter(verified=True).count() == 3  # every call is kept
    charge.refresh_from_db()
    # Each redelivery re-announces the current state (the owner may have missed it);
    # handlers are idempotent, money is counted once.
    assert charge.paid_amount == 2000 and [n.status for n in heard] == ["paid"] * 3


def test_pending_after_settlement_is_ignored(client, regency) -> None:  # type: ignore[no-untyped-def]
    charge = make_charge()
    post_midtrans(client, midtrans_body(charge, status="settlement"))
    post_midtrans(client, midtrans_body(charge, status="pending"))
    post_midtrans(client, midtrans_body(charge, status="expire"))
    charge.refresh_from_db()
    assert (charge.status, charge.paid_amount) == (ChargeStatus.PAID, 2000)
    assert PaymentEvent.objects.filter(charge=charge).count() == 3


def test_amount_mismatch_is_kept_and_flagged_never_paid(post, regency) -> None:  # type: ignore[no-untyped-def]
    flagged: list[ChargeNotice] = []
    on_charge_flagged("test.payable", flagged.append)
    charge = make_charge()
    response = post(midtrans_body(charge, amount=1000))
    assert response.status_code == 200
    charge.refresh_from_db()
    assert (charge.status, charge.paid_amount) == (ChargeStatus.PENDING, 0)
    event = PaymentEvent.objects.get(charge=charge)
    assert event.amount == 1000 and not event.counted
    assert ChargeFlag.objects.get(charge=charge).kind == FlagKind.MISMATCH
    assert flagged[0].flags == (FlagKind.MISMATCH,)


def test_currency_or_fractional_amount_mismatch_is_flagged(client, regency) -> None:  # type: ignore[no-untyped-def]
    charge = make_charge()
    post_midtrans(client, midtrans_body(charge, currency="USD"))
    post_midtrans(client, midtrans_body(charge, amount="2000.50", transaction_id="other-tx"))
    charge.refresh_from_db()
    assert charge.status == ChargeStatus.PENDING
    assert ChargeFlag.objects.filter(charge=charge, kind=FlagKind.MISMATCH).count() == 2


def test_payment_after_expiry_is_recorded_and_flagged(post, regency) -> None:  # type: ignore[no-untyped-def]
    heard: list[ChargeNotice] = []
    on_charge_paid("test.payable", heard.append)
    charge = make_charge(expires_at=timezone.now() - timedelta(minutes=30))
    post(midtrans_body(charge, status="expire"))
    charge.refresh_from_db()
    assert charge.status == ChargeStatus.EXPIRED
    post(midtrans_body(charge, status="settlement"))
    charge.refresh_from_db()
    assert (charge.status, charge.paid_amount) == (ChargeStatus.PAID, 2000)  # money kept
    assert ChargeFlag.objects.get(charge=charge).kind == FlagKind.LATE
    assert heard[0].flags == (FlagKind.LATE,)


def test_unknown_order_is_recorded_and_flagged(client, regency) -> None:  # type: ignore[no-untyped-def]
    ghost = make_charge()
    body = midtrans_body(ghost)
    ghost_order = ghost.order_id
    from kotacerdas.payments.models import Charge

    Charge.objects.filter(pk=ghost.pk).delete()
    response = post_midtrans(client, body)
    assert response.status_code == 200 and response.json()["outcome"] == "unknown_order"
    flag = ChargeFlag.objects.get(kind=FlagKind.UNKNOWN_ORDER)
    assert flag.charge is None and ghost_order in flag.detail


def test_same_key_with_different_content_is_flagged(client, regency) -> None:  # type: ignore[no-untyped-def]
    charge = make_charge()
    post_midtrans(client, midtrans_body(charge))
    outcome = post_midtrans(client, midtrans_body(charge, amount=9000)).json()["outcome"]
    assert outcome == "conflict"
    charge.refresh_from_db()
    assert charge.paid_amount == 2000
    assert ChargeFlag.objects.get(charge=charge).kind == FlagKind.DUPLICATE_CONFLICT


def test_a_second_distinct_payment_is_flagged_not_counted(client, regency) -> None:  # type: ignore[no-untyped-def]
    charge = make_charge()
    post_midtrans(client, midtrans_body(charge, transaction_id="tx-a"))
    post_midtrans(client, midtrans_body(charge, transaction_id="tx-b"))
    charge.refresh_from_db()
    assert charge.paid_amount == 2000
    assert ChargeFlag.objects.get(charge=charge).kind == FlagKind.DOUBLE_PAYMENT
    assert PaymentEvent.objects.filter(charge=charge, counted=True).count() == 1


def test_processing_failure_answers_200_and_the_retry_job_finishes_it(  # type: ignore[no-untyped-def]
    client, regency, monkeypatch
) -> None:
    from kotacerdas.payments.services import inbox

    charge = make_charge()
    real = inbox.event_record

    def broken(**kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("database hiccup")

    monkeypatch.setattr(inbox, "event_record", broken)
    assert post_midtrans(client, midtrans_body(charge)).status_code == 200
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED and "hiccup" in delivery.error
    monkeypatch.setattr(inbox, "event_record", real)
    from kotacerdas.core.jobs import registered_jobs, run_job

    outcome = run_job(registered_jobs()["payments.retry_inbox"], force=True)
    assert outcome.status == "ok" and "reprocessed 1" in outcome.result
    charge.refresh_from_db()
    assert charge.status == ChargeStatus.PAID
    assert WebhookDelivery.objects.get().status == DeliveryStatus.PROCESSED


def test_raw_body_is_stored_byte_for_byte(client, regency) -> None:  # type: ignore[no-untyped-def]
    charge = make_charge()
    raw = json.dumps(midtrans_body(charge), indent=2)
    client.post("/payments/webhooks/midtrans", data=raw, content_type="application/json")
    assert WebhookDelivery.objects.get().body_text == raw


def test_signed_pending_body_relabelled_as_settlement_is_refused(client, regency) -> None:  # type: ignore[no-untyped-def]
    """transaction_status is outside the signature; status_code is inside it."""
    charge = make_charge()
    pending = midtrans_body(charge, status="pending")
    forged = {**pending, "transaction_status": "settlement", "transaction_id": "tx-forged"}
    response = post_midtrans(client, forged)
    assert response.status_code == 401
    charge.refresh_from_db()
    assert charge.status == ChargeStatus.PENDING and charge.paid_amount == 0
    assert not PaymentEvent.objects.filter(counted=True).exists()
