"""Owner notices are durable: written with the ledger event, delivered after commit and
by the job until the owner's handler succeeds; a redelivered notification re-announces
the current state; the owner check repairs and flags owners that disagree."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

import pytest
from django.utils import timezone

from kotacerdas.payments import events
from kotacerdas.payments.events import ChargeNotice, OwnerView
from kotacerdas.payments.models import (
    ChargeFlag,
    ChargeStatus,
    FlagKind,
    NoticeState,
    OwnerNotice,
    PaymentEventKind,
)
from kotacerdas.payments.providers.base import ProviderEvent
from kotacerdas.payments.services.ledger import event_record
from kotacerdas.payments.services.notices import notices_deliver_due
from kotacerdas.payments.services.owners import owners_check
from tests.payments.factories import make_charge

pytestmark = pytest.mark.django_db


class Owner:
    """A toy owner app: keeps the status it heard per owner id, can be made to fail."""

    def __init__(self) -> None:
        self.seen: dict[str, tuple[str, int]] = {}
        self.failures = 0
        self.calls = 0

    def handle(self, notice: ChargeNotice) -> None:
        self.calls += 1
        if self.failures:
            self.failures -= 1
            raise RuntimeError("owner database is down")
        self.seen[notice.owner_id] = (notice.status, notice.paid_amount)

    def read(self, regency_id: int, owner_ids: Iterable[str]) -> dict[str, OwnerView]:
        return {i: OwnerView(*self.seen.get(i, ("pending", 0))) for i in owner_ids}


@pytest.fixture
def owner() -> Owner:
    found = Owner()
    for register in (events.on_charge_paid, events.on_charge_expired, events.on_charge_cancelled):
        register("test.payable", found.handle)
    events.on_owner_read("test.payable", found.read)
    yield found
    events._READERS.pop("test.payable", None)


def paid_fact(charge, key: str = "tx-1:settlement") -> ProviderEvent:  # type: ignore[no-untyped-def]
    return ProviderEvent(
        provider="midtrans",
        order_id=charge.order_id,
        provider_reference="tx-1",
        event_key=key,
        kind=PaymentEventKind.PAID,
        raw_status="settlement",
        amount=charge.amount,
        currency="IDR",
    )


def later(seconds: int = 3600):  # type: ignore[no-untyped-def]
    return timezone.now() + timedelta(seconds=seconds)


def test_failing_handler_is_retried_by_the_job_until_the_owner_hears(  # type: ignore[no-untyped-def]
    owner, regency, django_capture_on_commit_callbacks
) -> None:
    charge = make_charge()
    owner.failures = 1
    with django_capture_on_commit_callbacks(execute=True):
        event_record(charge_id=charge.pk, fact=paid_fact(charge), source="webhook")
    charge.refresh_from_db()
    assert charge.status == ChargeStatus.PAID
    assert charge.owner_id not in owner.seen  # the first delivery failed
    notice = OwnerNotice.objects.get(charge=charge)
    assert notice.state == NoticeState.PENDING and notice.attempts == 1
    assert "owner database is down" in notice.last_error
    assert notice.next_attempt_at > timezone.now()  # backoff, not a hot loop
    assert notices_deliver_due(now=later()) == 1
    assert owner.seen[charge.owner_id] == ("paid", 2000)
    notice.refresh_from_db()
    assert notice.state == NoticeState.DELIVERED
    assert notices_deliver_due(now=later(7200)) == 0  # delivered once is enough


def test_crash_after_commit_loses_no_notice(
    owner, regency, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    """The process dies right after COMMIT: the after-commit callbacks never run."""
    charge = make_charge()
    with django_capture_on_commit_callbacks(execute=False):
        event_record(charge_id=charge.pk, fact=paid_fact(charge), source="webhook")
    assert owner.calls == 0
    assert notices_deliver_due() == 1
    assert owner.seen[charge.owner_id] == ("paid", 2000)


def test_rolled_back_change_writes_no_notice(owner, regency) -> None:  # type: ignore[no-untyped-def]
    from django.db import transaction

    charge = make_charge()
    with pytest.raises(RuntimeError), transaction.atomic():
        event_record(charge_id=charge.pk, fact=paid_fact(charge), source="webhook")
        raise RuntimeError("rollback")
    assert not OwnerNotice.objects.exists()


def test_redelivered_notification_reannounces_the_current_state(  # type: ignore[no-untyped-def]
    owner, regency, django_capture_on_commit_callbacks
) -> None:
    charge = make_charge()
    with django_capture_on_commit_callbacks(execute=False):
        event_record(charge_id=charge.pk, fact=paid_fact(charge), source="webhook")
    OwnerNotice.objects.update(state=NoticeState.FAILED)  # lost with the process
    assert charge.owner_id not in owner.seen
    with django_capture_on_commit_callbacks(execute=True):
        again = event_record(charge_id=charge.pk, fact=paid_fact(charge), source="webhook")
    assert again.outcome == "duplicate"  # the gateway sent it again: no new money
    assert owner.seen[charge.owner_id] == ("paid", 2000)


def test_notice_gives_current_state_not_the_one_it_was_written_for(  # type: ignore[no-untyped-def]
    owner, regency, django_capture_on_commit_callbacks
) -> None:
    """An old 'expired' notice delivered after a late payment must not say expired."""
    charge = make_charge()
    expired = ProviderEvent(
        provider="midtrans",
        order_id=charge.order_id,
        provider_reference="tx-1",
        event_key="tx-1:expire",
        kind=PaymentEventKind.EXPIRED,
        raw_status="expire",
        amount=charge.amount,
        currency="IDR",
    )
    with django_capture_on_commit_callbacks(execute=False):
        event_record(charge_id=charge.pk, fact=expired, source="webhook")
        event_record(charge_id=charge.pk, fact=paid_fact(charge), source="webhook")
    assert notices_deliver_due() >= 2
    assert owner.seen[charge.owner_id] == ("paid", 2000)


def test_owner_check_finds_repairs_and_flags_a_disagreeing_owner(  # type: ignore[no-untyped-def]
    owner, regency, django_capture_on_commit_callbacks
) -> None:
    charge = make_charge()
    in_sync = make_charge(owner_id="2")
    with django_capture_on_commit_callbacks(execute=True):
        event_record(
            charge_id=in_sync.pk, fact=paid_fact(in_sync, "tx-2:settlement"), source="poll"
        )
    with django_capture_on_commit_callbacks(execute=False):
        event_record(charge_id=charge.pk, fact=paid_fact(charge), source="webhook")
    OwnerNotice.objects.filter(charge=charge).update(state=NoticeState.FAILED)  # gave up
    with django_capture_on_commit_callbacks(execute=True):
        result = owners_check(now=later(120))
    assert (result.checked, result.disagreeing, result.repaired) == (2, 1, 1)
    assert owner.seen[charge.owner_id] == ("paid", 2000)
    flag = ChargeFlag.objects.get(kind=FlagKind.OWNER_OUT_OF_SYNC)
    assert flag.charge == charge and flag.regency == charge.regency
    again = owners_check(now=later(180))
    assert again.disagreeing == 0
    assert ChargeFlag.objects.filter(kind=FlagKind.OWNER_OUT_OF_SYNC).count() == 1


def test_owner_check_is_per_regency(owner, regency, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    from tests.payments.factories import second_regency

    other = second_regency()
    here = make_charge()
    there = make_charge(regency=other, owner_id="9")
    with django_capture_on_commit_callbacks(execute=False):
        for i, c in enumerate((here, there)):
            event_record(charge_id=c.pk, fact=paid_fact(c, f"tx-{i}:settlement"), source="poll")
    OwnerNotice.objects.update(state=NoticeState.FAILED)
    result = owners_check(now=later(120), batch=1)
    assert result.repaired == 2  # one batch each: neither regency starves the other
