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


def _broken_key(regency) -> None:  # type: ignore[no-untyped-def]
    """The regency's key variable was renamed: every status query fails at once."""
    from kotacerdas.payments.models import GatewayConfig

    GatewayConfig.objects.update_or_create(
        regency=regency, defaults={"provider": "midtrans", "server_key_env": "KC_RENAMED_KEY"}
    )


def test_failing_charges_back_off_and_newer_ones_are_examined(sim_server, regency) -> None:  # type: ignore[no-untyped-def]
    """Defect 4: the same oldest charges were selected first on every run, forever."""
    charges = [_charge(regency, f"PKR-STARVE-{i}") for i in range(4)]
    for charge in charges:
        _age(charge)
    _broken_key(regency)
    first = reconcile_pending(per_regency=2)
    second = reconcile_pending(per_regency=2)
    assert (first.checked, first.errors, second.checked, second.errors) == (2, 2, 2, 2)
    checked = Charge.objects.filter(check_failures=1).count()
    assert checked == 4  # every charge got its turn
    assert reconcile_pending(per_regency=2).checked == 0  # all backing off now
    later = timezone.now() + timedelta(minutes=3)
    assert reconcile_pending(now=later, per_regency=10).checked == 4


def test_repeated_failures_raise_one_flag(sim_server, regency) -> None:  # type: ignore[no-untyped-def]
    from kotacerdas.payments.models import ChargeFlag, FlagKind
    from kotacerdas.payments.services.reconcile import FLAG_AFTER_FAILURES

    charge = _charge(regency, "PKR-FLAG-1")
    _age(charge)
    _broken_key(regency)
    now = timezone.now()
    for _ in range(FLAG_AFTER_FAILURES + 2):
        reconcile_pending(now=now)
        now += timedelta(days=1)
    charge.refresh_from_db()
    assert charge.check_failures == FLAG_AFTER_FAILURES + 2
    flag = ChargeFlag.objects.get(charge=charge)
    assert flag.kind == FlagKind.RECONCILE_FAILING and "KC_RENAMED_KEY" not in flag.detail


def test_one_broken_regency_does_not_starve_another(sim_server, regency) -> None:  # type: ignore[no-untyped-def]
    from tests.payments.factories import second_regency

    other = second_regency()
    broken = [_charge(regency, f"PKR-BRK-{i}") for i in range(3)]
    healthy = _charge(other, "PKR-SRY-1")
    for charge in [*broken, healthy]:
        _age(charge)
    _broken_key(regency)
    result = reconcile_pending(per_regency=3)
    assert (result.checked, result.errors, result.expired) == (4, 3, 1)
    healthy.refresh_from_db()
    assert healthy.status == ChargeStatus.EXPIRED
