"""The reconciliation poller, against the simulator over real HTTP."""

from __future__ import annotations

from datetime import timedelta

import pytest
import requests
from django.core.management import call_command
from django.utils import timezone

from kotacerdas.payments.models import Charge, ChargeStatus, PaymentEvent
from kotacerdas.payments.services.charges import charge_cancel, charge_create
from kotacerdas.payments.services.reconcile import reconcile_pending
from kotacerdas.payments.simulator.models import SimTransaction
from tests.payments.factories import SERVER_KEY

pytestmark = pytest.mark.django_db(transaction=True)


def _charge(regency, order_id: str) -> Charge:  # type: ignore[no-untyped-def]
    return charge_create(
        regency=regency,
        order_id=order_id,
        amount=2000,
        owner_type="test.payable",
        owner_id="1",
        expires_at=timezone.now() + timedelta(minutes=15),
    )


def _age(charge: Charge) -> None:
    Charge.objects.filter(pk=charge.pk).update(expires_at=timezone.now() - timedelta(hours=1))


def test_paid_but_never_notified_is_settled_by_polling(sim_server, regency) -> None:  # type: ignore[no-untyped-def]
    charge = _charge(regency, "PKR-REC-PAID")
    requests.post(
        f"{sim_server.url}/simulator/midtrans/v2/{charge.order_id}/pay",
        auth=(SERVER_KEY, ""),
        timeout=10,
    )  # the notification is never delivered (manual mode, nobody delivers)
    _age(charge)
    result = reconcile_pending()
    assert (result.checked, result.paid) == (1, 1)
    charge.refresh_from_db()
    assert (charge.status, charge.paid_amount) == (ChargeStatus.PAID, 2000)
    assert PaymentEvent.objects.get(charge=charge, counted=True).source == "poll"


def test_still_pending_past_grace_is_expired_at_the_gateway(sim_server, regency) -> None:  # type: ignore[no-untyped-def]
    charge = _charge(regency, "PKR-REC-EXP")
    _age(charge)
    result = reconcile_pending()
    assert result.expired == 1
    charge.refresh_from_db()
    assert charge.status == ChargeStatus.EXPIRED
    assert SimTransaction.objects.get(order_id=charge.order_id).status == "expire"


def test_within_grace_is_left_alone(sim_server, regency, settings) -> None:  # type: ignore[no-untyped-def]
    settings.KOTACERDAS_PAYMENT_RECONCILE_GRACE_SECONDS = 600
    charge = _charge(regency, "PKR-REC-GRACE")
    Charge.objects.filter(pk=charge.pk).update(expires_at=timezone.now() - timedelta(seconds=60))
    assert reconcile_pending().checked == 0


def test_run_once_runs_the_reconciliation_job(sim_server, regency, capsys) -> None:  # type: ignore[no-untyped-def]
    charge = _charge(regency, "PKR-REC-JOB")
    _age(charge)
    call_command("jobs", "run-once", "--job", "payments.reconcile", "--force")
    assert "payments.reconcile: ok checked 1" in capsys.readouterr().out
    charge.refresh_from_db()
    assert charge.status == ChargeStatus.EXPIRED


def test_gateway_down_is_counted_and_retried_later(sim_server, regency, settings) -> None:  # type: ignore[no-untyped-def]
    charge = _charge(regency, "PKR-REC-DOWN")
    _age(charge)
    settings.KOTACERDAS_MIDTRANS_BASE_URL = "http://127.0.0.1:9"  # nothing listens there
    result = reconcile_pending()
    assert (result.checked, result.errors) == (1, 1)
    charge.refresh_from_db()
    assert charge.status == ChargeStatus.PENDING


def test_cancel_then_late_payment_is_recorded(sim_server, regency) -> None:  # type: ignore[no-untyped-def]
    from kotacerdas.payments.models import ChargeFlag, FlagKind
    from kotacerdas.payments.simulator.notifier import deliver_due

    charge = _charge(regency, "PKR-LATE-1")
    charge = charge_cancel(charge=charge)
    assert charge.status == ChargeStatus.CANCELLED
    deliver_due()  # the cancel notification: a duplicate of what we recorded
    paid = requests.post(
        f"{sim_server.url}/simulator/midtrans/v2/{charge.order_id}/pay?late=1",
        auth=(SERVER_KEY, ""),
        timeout=10,
    )
    assert paid.status_code == 200
    deliver_due()
    charge.refresh_from_db()
    assert (charge.status, charge.paid_amount) == (ChargeStatus.PAID, 2000)
    assert ChargeFlag.objects.filter(charge=charge, kind=FlagKind.LATE).count() == 1
