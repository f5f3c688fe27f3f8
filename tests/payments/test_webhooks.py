"""The webhook inbox: verify first, record everything, apply verified facts once."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from kotacerdas.payments.models import (
    Charge,
    ChargeFlag,
    ChargeStatus,
    DeliveryStatus,
    FlagKind,
    OwnerNotice,
    PaymentEvent,
    WebhookDelivery,
)
from kotacerdas.payments.providers.midtrans import event_from_body
from kotacerdas.payments.services.ledger import event_record
from tests.payments.factories import make_charge, midtrans_body, post_midtrans

pytestmark = pytest.mark.django_db


@pytest.fixture
def client() -> Client:
    return Client()


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


def test_unverified_calls_are_rate_limited_per_ip(client, regency, settings) -> None:  # type: ignore[no-untyped-def]
    limit = settings.KOTACERDAS_WEBHOOK_UNVERIFIED_PER_IP
    for _ in range(limit):
        assert post_midtrans(client, {"order_id": "x"}).status_code == 401
    limited = post_midtrans(client, {"order_id": "x"})
    assert limited.status_code == 429 and limited.json()["error"]["code"] == "rate_limited"
    assert WebhookDelivery.objects.count() == limit


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


def record(body):  # type: ignore[no-untyped-def]
    """Apply a documented Midtrans body to the ledger as the gateway's confirmed fact."""
    charge = Charge.objects.get(order_id=body["order_id"])
    return event_record(charge_id=charge.pk, fact=event_from_body(body), source="poll")


def test_pending_after_settlement_is_ignored(regency) -> None:  # type: ignore[no-untyped-def]
    charge = make_charge()
    record(midtrans_body(charge, status="settlement"))
    record(midtrans_body(charge, status="pending"))
    record(midtrans_body(charge, status="expire"))
    charge.refresh_from_db()
    assert (charge.status, charge.paid_amount) == (ChargeStatus.PAID, 2000)
    assert PaymentEvent.objects.filter(charge=charge).count() == 3


def test_amount_mismatch_is_kept_and_flagged_never_paid(regency) -> None:  # type: ignore[no-untyped-def]
    charge = make_charge()
    record(midtrans_body(charge, amount=1000))
    charge.refresh_from_db()
    assert (charge.status, charge.paid_amount) == (ChargeStatus.PENDING, 0)
    event = PaymentEvent.objects.get(charge=charge)
    assert event.amount == 1000 and not event.counted
    assert ChargeFlag.objects.get(charge=charge).kind == FlagKind.MISMATCH
    assert OwnerNotice.objects.get(charge=charge, kind="flagged").flags == [FlagKind.MISMATCH]


def test_currency_or_fractional_amount_mismatch_is_flagged(regency) -> None:  # type: ignore[no-untyped-def]
    charge = make_charge()
    record(midtrans_body(charge, currency="USD"))
    record(midtrans_body(charge, amount="2000.50", transaction_id="other-tx"))
    charge.refresh_from_db()
    assert charge.status == ChargeStatus.PENDING
    assert ChargeFlag.objects.filter(charge=charge, kind=FlagKind.MISMATCH).count() == 2


def test_payment_after_expiry_is_recorded_and_flagged(regency) -> None:  # type: ignore[no-untyped-def]
    charge = make_charge(expires_at=timezone.now() - timedelta(minutes=30))
    record(midtrans_body(charge, status="expire"))
    charge.refresh_from_db()
    assert charge.status == ChargeStatus.EXPIRED
    record(midtrans_body(charge, status="settlement"))
    charge.refresh_from_db()
    assert (charge.status, charge.paid_amount) == (ChargeStatus.PAID, 2000)  # money kept
    assert ChargeFlag.objects.get(charge=charge).kind == FlagKind.LATE
    assert OwnerNotice.objects.get(charge=charge, kind="paid").flags == [FlagKind.LATE]


def test_unknown_order_is_recorded_and_flagged(client, regency) -> None:  # type: ignore[no-untyped-def]
    ghost = make_charge()
    body = midtrans_body(ghost)
    ghost_order = ghost.order_id
    Charge.objects.filter(pk=ghost.pk).delete()
    response = post_midtrans(client, body)
    assert response.status_code == 200 and response.json()["outcome"] == "received"
    assert WebhookDelivery.objects.get().outcome == "unknown_order"
    flag = ChargeFlag.objects.get(kind=FlagKind.UNKNOWN_ORDER)
    assert flag.charge is None and ghost_order in flag.detail


def test_same_key_with_different_content_is_flagged(regency) -> None:  # type: ignore[no-untyped-def]
    charge = make_charge()
    record(midtrans_body(charge))
    assert record(midtrans_body(charge, amount=9000)).outcome == "conflict"
    charge.refresh_from_db()
    assert charge.paid_amount == 2000
    assert ChargeFlag.objects.get(charge=charge).kind == FlagKind.DUPLICATE_CONFLICT


def test_a_second_distinct_payment_is_flagged_not_counted(regency) -> None:  # type: ignore[no-untyped-def]
    charge = make_charge()
    record(midtrans_body(charge, transaction_id="tx-a"))
    record(midtrans_body(charge, transaction_id="tx-b"))
    charge.refresh_from_db()
    assert charge.paid_amount == 2000
    assert ChargeFlag.objects.get(charge=charge).kind == FlagKind.DOUBLE_PAYMENT
    assert PaymentEvent.objects.filter(charge=charge, counted=True).count() == 1


def test_event_key_longer_than_the_column_is_found_again(regency) -> None:  # type: ignore[no-untyped-def]
    """Defect: the lookup used the full key, the insert a truncated one, so the second
    delivery of a fact with a 200+ character key crashed on the unique constraint."""
    charge = make_charge()
    body = midtrans_body(charge, transaction_id="T" * 240)
    assert record(body).outcome == "recorded"
    assert record(body).outcome == "duplicate"
    assert len(PaymentEvent.objects.get(charge=charge).provider_event_key) == 200


def test_same_event_key_in_two_regencies_is_two_facts(regency) -> None:  # type: ignore[no-untyped-def]
    from tests.payments.factories import second_regency

    here = make_charge(provider_reference="shared-tx")
    there = make_charge(regency=second_regency(), provider_reference="shared-tx")
    record(midtrans_body(here))
    record(midtrans_body(there))
    assert PaymentEvent.objects.filter(counted=True).count() == 2


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


def test_a_key_in_the_shell_does_not_leak_into_the_tests(client, regency, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Defect: with KOTACERDAS_MIDTRANS_SERVER_KEY exported (as anyone with a sandbox key
    has), the adapter verified with it instead of the test settings' key."""
    from django.conf import settings

    from kotacerdas.payments.providers import provider_for

    monkeypatch.setenv("KOTACERDAS_MIDTRANS_SERVER_KEY", "SB-Mid-server-from-the-shell")
    monkeypatch.setenv("KOTACERDAS_MIDTRANS_BASE_URL", "https://api.sandbox.midtrans.com")
    provider = provider_for(regency)
    assert provider.server_key == settings.KOTACERDAS_MIDTRANS_SERVER_KEY  # type: ignore[attr-defined]
    assert "simulator" in provider.base_url  # type: ignore[attr-defined]
    assert post_midtrans(client, midtrans_body(make_charge())).status_code == 200


def test_poison_body_ends_flagged_and_never_stops_the_batch(regency) -> None:  # type: ignore[no-untyped-def]
    """Defect 6: a stored body that no longer parses raised out of the retry job before
    its attempt count grew, so every run aborted on it."""
    from kotacerdas.payments.services.inbox import MAX_ATTEMPTS, inbox_retry

    poison = WebhookDelivery.objects.create(
        regency=regency,
        provider="midtrans",
        path="/payments/webhooks/midtrans",
        body_text='{"order_id": "X", ',
        body_sha256="0" * 64,
        verified=True,
        status=DeliveryStatus.RECEIVED,
        next_attempt_at=timezone.now(),
    )
    ghost = make_charge()
    Charge.objects.filter(pk=ghost.pk).delete()
    healthy = WebhookDelivery.objects.create(
        regency=regency,
        provider="midtrans",
        path="/payments/webhooks/midtrans",
        body_text=json.dumps(midtrans_body(ghost)),
        body_sha256="1" * 64,
        verified=True,
        status=DeliveryStatus.RECEIVED,
        next_attempt_at=timezone.now(),
    )
    now = timezone.now()
    for _ in range(MAX_ATTEMPTS + 3):
        inbox_retry(now=now)
        now += timedelta(days=1)
    poison.refresh_from_db()
    healthy.refresh_from_db()
    assert healthy.status == DeliveryStatus.PROCESSED  # the batch went on past the poison
    assert (poison.status, poison.attempts, poison.next_attempt_at) == (
        DeliveryStatus.FAILED,
        MAX_ATTEMPTS,
        None,
    )
    assert ChargeFlag.objects.get(delivery=poison).kind == FlagKind.UNREADABLE


def test_verified_ingest_is_lookups_and_one_insert(client, regency, settings) -> None:  # type: ignore[no-untyped-def]
    """The gateway waits only for the verification and one INSERT: no rate-limit rows are
    read for a verified call and the insert is not wrapped in its own transaction."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.KOTACERDAS_WEBHOOK_PROCESSING = "job"
    charge = make_charge()
    with CaptureQueriesContext(connection) as queries:
        assert post_midtrans(client, midtrans_body(charge)).status_code == 200
    statements = [q["sql"] for q in queries.captured_queries]
    assert not [s for s in statements if "ratelimit" in s], statements
    assert not [s for s in statements if s.startswith(("SAVEPOINT", "UPDATE", "DELETE"))]
    assert [s for s in statements if s.startswith("INSERT")] == [
        s for s in statements if "payments_webhookdelivery" in s
    ]
    assert len(statements) <= 5, statements


def test_a_verified_call_is_stored_after_a_flood_of_forgeries(client, regency, settings) -> None:  # type: ignore[no-untyped-def]
    limit = settings.KOTACERDAS_WEBHOOK_UNVERIFIED_PER_IP
    for _ in range(limit + 1):
        post_midtrans(client, {"order_id": "x"})
    assert post_midtrans(client, {"order_id": "x"}).status_code == 429
    settings.KOTACERDAS_WEBHOOK_PROCESSING = "job"
    response = post_midtrans(client, midtrans_body(make_charge()))
    assert response.status_code == 200
    assert WebhookDelivery.objects.filter(verified=True).count() == 1
