"""Exactly-once money under concurrent duplicate notifications (PostgreSQL only: SQLite
serialises writers, so it cannot exercise the row lock and the unique constraints)."""

from __future__ import annotations

import json
import threading

import pytest
from django.db import connection
from django.test import Client

from kotacerdas.payments.models import ChargeStatus, PaymentEvent, WebhookDelivery
from kotacerdas.payments.providers.midtrans import event_from_body
from kotacerdas.payments.services.ledger import event_record
from tests.payments.factories import make_charge, midtrans_body, sim_transaction

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS = 16


@pytest.fixture(autouse=True)
def _postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks; CI runs this with KOTACERDAS_REQUIRE_POSTGRES=1")


def _storm(bodies: list[dict]) -> list[int]:  # type: ignore[type-arg]
    barrier = threading.Barrier(len(bodies))
    statuses: list[int] = []
    lock = threading.Lock()

    def send(body: dict) -> None:  # type: ignore[type-arg]
        try:
            barrier.wait()
            response = Client().post(
                "/payments/webhooks/midtrans",
                data=json.dumps(body),
                content_type="application/json",
            )
            with lock:
                statuses.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(b,)) for b in bodies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def test_many_identical_notifications_at_once_count_money_once(sim_server, regency) -> None:  # type: ignore[no-untyped-def]
    charge = make_charge(amount=3000)
    sim_transaction(charge)
    statuses = _storm([midtrans_body(charge)] * THREADS)
    assert statuses == [200] * THREADS
    charge.refresh_from_db()
    assert (charge.status, charge.paid_amount) == (ChargeStatus.PAID, 3000)
    assert PaymentEvent.objects.filter(charge=charge).count() == 1
    assert WebhookDelivery.objects.filter(verified=True).count() == THREADS
    outcomes = sorted(WebhookDelivery.objects.values_list("outcome", flat=True))
    assert outcomes == ["duplicate"] * (THREADS - 1) + ["recorded"]


def test_concurrent_mixed_and_distinct_payments_count_once(regency) -> None:  # type: ignore[no-untyped-def]
    """At the ledger: pending, a second real payment and duplicates of the first, all at
    once on separate connections: one counted event, the right paid amount."""
    charge = make_charge(amount=2000)
    facts = []
    for i in range(THREADS):
        if i % 4 == 0:
            body = midtrans_body(charge, status="pending")
        elif i % 4 == 1:
            body = midtrans_body(charge, transaction_id=f"second-tx-{i}")
        else:
            body = midtrans_body(charge)
        facts.append(event_from_body(body))
    barrier = threading.Barrier(THREADS)
    errors: list[Exception] = []

    def record(fact) -> None:  # type: ignore[no-untyped-def]
        try:
            barrier.wait()
            event_record(charge_id=charge.pk, fact=fact, source="webhook")
        except Exception as exc:  # surfaced below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=record, args=(f,)) for f in facts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    charge.refresh_from_db()
    assert (charge.status, charge.paid_amount) == (ChargeStatus.PAID, 2000)
    assert PaymentEvent.objects.filter(charge=charge, counted=True).count() == 1


def test_concurrent_retries_call_the_gateway_create_once(sim_server, regency, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Defect 5: two retries of a failed create both called the gateway (on Xendit, two
    payable QR codes for one charge). The compare-and-set claim lets one through."""
    import time

    from kotacerdas.payments.models import GatewayState
    from kotacerdas.payments.providers.midtrans import MidtransProvider
    from kotacerdas.payments.services.charges import ChargeInProgress, charge_retry

    charge = make_charge(gateway_state=GatewayState.FAILED, provider_reference="")
    calls: list[int] = []
    real = MidtransProvider.create

    def slow_create(self, request):  # type: ignore[no-untyped-def]
        calls.append(1)
        time.sleep(0.5)
        return real(self, request)

    monkeypatch.setattr(MidtransProvider, "create", slow_create)
    barrier = threading.Barrier(8)
    outcomes: list[str] = []

    def retry() -> None:
        try:
            barrier.wait()
            charge_retry(charge=type(charge).objects.get(pk=charge.pk))
            outcomes.append("ready")
        except ChargeInProgress:
            outcomes.append("in progress")
        finally:
            connection.close()

    threads = [threading.Thread(target=retry) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert calls == [1]
    assert sorted(outcomes) == ["in progress"] * 7 + ["ready"]
    charge.refresh_from_db()
    assert charge.gateway_state == GatewayState.READY and charge.gateway_claimed_until is None
