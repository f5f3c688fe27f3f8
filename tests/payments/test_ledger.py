"""The state machine and the append-only ledger."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kotacerdas.payments.models import (
    ChargeStatus,
    PaymentEvent,
    PaymentEventImmutable,
    PaymentEventKind,
)
from kotacerdas.payments.providers.base import ProviderEvent
from kotacerdas.payments.services.ledger import derive_status, event_record, next_status
from tests.payments.factories import make_charge

S, K = ChargeStatus, PaymentEventKind
RANK = {S.PENDING: 0, S.EXPIRED: 1, S.CANCELLED: 1, S.PAID: 2}


@pytest.mark.parametrize(
    ("current", "kind", "counted", "expected"),
    [
        (S.PENDING, K.PAID, True, S.PAID),
        (S.PENDING, K.PAID, False, S.PENDING),
        (S.PENDING, K.EXPIRED, False, S.EXPIRED),
        (S.PENDING, K.CANCELLED, False, S.CANCELLED),
        (S.PAID, K.PENDING, False, S.PAID),
        (S.PAID, K.EXPIRED, False, S.PAID),
        (S.PAID, K.CANCELLED, False, S.PAID),
        (S.EXPIRED, K.PENDING, False, S.EXPIRED),
        (S.EXPIRED, K.CANCELLED, False, S.EXPIRED),
        (S.CANCELLED, K.EXPIRED, False, S.CANCELLED),
        (S.EXPIRED, K.PAID, True, S.PAID),  # late money is money
        (S.CANCELLED, K.PAID, True, S.PAID),
        (S.PENDING, K.REFUNDED, False, S.PENDING),
        (S.PENDING, K.OTHER, False, S.PENDING),
    ],
)
def test_transition_table(current: str, kind: str, counted: bool, expected: str) -> None:
    assert next_status(current, kind, counted=counted) == expected


def test_derive_folds_in_ledger_order() -> None:
    assert derive_status([(K.PENDING, False), (K.PAID, True), (K.PENDING, False)]) == S.PAID
    assert derive_status([(K.EXPIRED, False), (K.CANCELLED, False)]) == S.EXPIRED
    assert derive_status([]) == S.PENDING


FACTS = st.tuples(
    st.sampled_from(["settlement", "pending", "expire", "cancel", "deny", "refund"]),
    st.sampled_from(["tx-1", "tx-2"]),  # a second transaction id = a second real payment
    st.sampled_from([2000, 2000, 2000, 1000]),  # mostly right, sometimes a mismatch
)


def _fact(order_id: str, status: str, tx: str, amount: int) -> ProviderEvent:
    from kotacerdas.payments.providers.midtrans import event_from_body

    return event_from_body(
        {
            "order_id": order_id,
            "transaction_id": tx,
            "transaction_status": status,
            "gross_amount": f"{amount}.00",
            "currency": "IDR",
        }
    )


@pytest.mark.django_db
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(facts=st.lists(FACTS, min_size=1, max_size=12))
def test_no_sequence_regresses_or_counts_money_twice(regency, facts) -> None:  # type: ignore[no-untyped-def]
    charge = make_charge(regency=regency)
    seen_paid = False
    previous = S.PENDING
    for status, tx, amount in facts:
        # Every fact is delivered twice (at-least-once delivery).
        for _ in range(2):
            recorded = event_record(
                charge_id=charge.pk, fact=_fact(charge.order_id, status, tx, amount), source="t"
            )
        now = recorded.charge.status
        assert RANK[now] >= RANK[previous], f"{previous} -> {now}"
        if previous in (S.EXPIRED, S.CANCELLED) and now != S.PAID:
            assert now == previous  # closed states never switch into each other
        seen_paid = seen_paid or now == S.PAID
        if seen_paid:
            assert now == S.PAID
        previous = now
    charge.refresh_from_db()
    counted = PaymentEvent.objects.filter(charge=charge, counted=True)
    assert counted.count() == (1 if charge.status == S.PAID else 0)
    assert charge.paid_amount == (2000 if charge.status == S.PAID else 0)
    assert len({e.provider_event_key for e in charge.events.all()}) == charge.events.count()


@pytest.mark.django_db
def test_ledger_rows_refuse_update_and_delete_in_the_orm(regency) -> None:  # type: ignore[no-untyped-def]
    charge = make_charge()
    event = event_record(
        charge_id=charge.pk, fact=_fact(charge.order_id, "settlement", "tx", 2000), source="t"
    ).event
    with pytest.raises(PaymentEventImmutable):
        event.save()
    with pytest.raises(PaymentEventImmutable):
        event.delete()
    with pytest.raises(PaymentEventImmutable):
        PaymentEvent.objects.filter(pk=event.pk).update(amount=1)
    with pytest.raises(PaymentEventImmutable):
        PaymentEvent.objects.all().delete()


@pytest.mark.django_db
def test_ledger_rows_refuse_raw_sql_update(regency) -> None:  # type: ignore[no-untyped-def]
    charge = make_charge()
    event = event_record(
        charge_id=charge.pk, fact=_fact(charge.order_id, "settlement", "tx", 2000), source="t"
    ).event
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE payments_paymentevent SET amount = 1 WHERE id = %s", [event.pk])
    assert PaymentEvent.objects.get(pk=event.pk).amount == 2000
    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DELETE FROM payments_paymentevent WHERE id = %s", [event.pk])
        assert PaymentEvent.objects.filter(pk=event.pk).exists()


@pytest.mark.django_db
def test_counted_money_is_unique_per_charge_in_the_database(regency) -> None:  # type: ignore[no-untyped-def]
    from django.db import IntegrityError

    charge = make_charge()
    common = {
        "regency": regency,
        "charge": charge,
        "provider": "midtrans",
        "kind": K.PAID,
        "amount": 2000,
        "currency": "IDR",
        "counted": True,
        "source": "t",
    }
    PaymentEvent.objects.create(provider_event_key="a", **common)
    with pytest.raises(IntegrityError), transaction.atomic():
        PaymentEvent.objects.create(provider_event_key="b", **common)


@pytest.mark.django_db
def test_charge_create_validates_input(regency) -> None:  # type: ignore[no-untyped-def]
    from kotacerdas.payments.services.charges import ChargeInvalid, charge_create

    for amount in (0, -5, 2000.0, True):
        with pytest.raises(ChargeInvalid):
            charge_create(
                regency=regency,
                order_id="X-1",
                amount=amount,  # type: ignore[arg-type]
                owner_type="t",
                owner_id="1",
                expires_at=None,
            )
    with pytest.raises(ChargeInvalid):
        charge_create(
            regency=regency,
            order_id="bad id with spaces",
            amount=2000,
            owner_type="t",
            owner_id="1",
            expires_at=None,
        )


@pytest.mark.django_db
def test_the_same_order_for_another_payable_is_a_conflict(regency) -> None:  # type: ignore[no-untyped-def]
    from kotacerdas.payments.services.charges import ChargeConflict, charge_create

    make_charge(order_id="ORD-1", owner_id="1")
    with pytest.raises(ChargeConflict):
        charge_create(
            regency=regency,
            order_id="ORD-1",
            amount=2000,
            owner_type="test.payable",
            owner_id="2",
            expires_at=None,
        )
