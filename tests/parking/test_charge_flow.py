"""Charges end to end over real HTTP: the platform asks the gateway simulator (served by
the live test server) for a dynamic QRIS, the simulator settles and delivers a signed
notification to the platform's webhook, the payment ledger records it, and the parking
event becomes paid. Notifications are delivered when the test calls ``deliver_due``."""

from __future__ import annotations

from datetime import timedelta

import pytest
import requests
from django.conf import settings
from django.test import Client
from django.utils import timezone

from kotacerdas import qris
from kotacerdas.core.services.tokens import token_issue
from kotacerdas.parking.jobs import expire_charges
from kotacerdas.parking.models import ParkingEvent
from kotacerdas.payments.models import Charge, PaymentEvent
from kotacerdas.payments.simulator.notifier import deliver_due

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def gateway(live_server, settings):  # type: ignore[no-untyped-def]
    settings.KOTACERDAS_PUBLIC_URL = live_server.url
    return live_server.url


def bearer(user) -> dict[str, str]:  # type: ignore[no-untyped-def]
    _, raw = token_issue(user=user, regency=user.regency)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def create(street, vehicle_class: str = "motorcycle", **headers: str) -> dict:  # type: ignore[no-untyped-def]
    response = Client().post(
        "/api/v1/parking/charges",
        {"spot": street.spot.code, "vehicle_class": vehicle_class, "plate": "KH 4321 XY"},
        content_type="application/json",
        **bearer(street.jukir.user),
        **headers,
    )
    assert response.status_code == 201, response.content
    return response.json()  # type: ignore[no-any-return]


def pay(gateway: str, order_id: str, **params: str) -> requests.Response:
    return requests.post(
        f"{gateway}/simulator/midtrans/v2/{order_id}/pay",
        params=params,
        auth=(settings.KOTACERDAS_MIDTRANS_SERVER_KEY, ""),
        timeout=10,
    )


def detail(street, event_id: int) -> dict:  # type: ignore[no-untyped-def]
    return Client().get(f"/api/v1/parking/charges/{event_id}", **bearer(street.jukir.user)).json()  # type: ignore[no-any-return]


def test_charge_is_a_dynamic_qris_for_the_perda_amount(gateway, street) -> None:  # type: ignore[no-untyped-def]
    body = create(street, "car")
    assert body["status"] == "pending" and body["amount"] == 4000
    parsed = qris.parse(body["qris"])
    assert qris.is_valid(body["qris"])
    assert parsed.point_of_initiation == "dynamic"
    assert parsed.amount == 4000
    expires = timezone.datetime.fromisoformat(body["expires_at"])
    ttl = (expires - timezone.now()).total_seconds()
    assert (
        settings.KOTACERDAS_CHARGE_TTL_SECONDS - 30 < ttl <= settings.KOTACERDAS_CHARGE_TTL_SECONDS
    )
    charge = Charge.objects.get(order_id=body["order_id"])
    assert (charge.owner_type, charge.owner_id, charge.amount) == (
        "parking.event",
        str(body["id"]),
        4000,
    )


def test_paid_through_the_simulator_and_webhook(gateway, street) -> None:  # type: ignore[no-untyped-def]
    body = create(street)
    assert pay(gateway, body["order_id"]).status_code == 200
    assert detail(street, body["id"])["status"] == "pending"  # nothing until the notification lands
    assert deliver_due() >= 1
    paid = detail(street, body["id"])
    assert paid["status"] == "paid" and paid["paid_amount"] == 2000 and paid["paid_at"]
    assert PaymentEvent.objects.filter(charge__order_id=body["order_id"], counted=True).count() == 1
    receipt = (
        Client().get(f"/r/{ParkingEvent.objects.get(pk=body['id']).receipt_token}").content.decode()
    )
    assert "LUNAS" in receipt and "Rp2.000" in receipt


def test_duplicate_and_reordered_notifications_count_once(gateway, street) -> None:  # type: ignore[no-untyped-def]
    body = create(street)
    pay(gateway, body["order_id"], duplicates="3", out_of_order="1")
    for _ in range(6):
        deliver_due(now=timezone.now() + timedelta(minutes=30))
    event = ParkingEvent.objects.get(pk=body["id"])
    assert event.status == "paid" and event.paid_amount == 2000
    assert PaymentEvent.objects.filter(charge__order_id=body["order_id"], counted=True).count() == 1


def test_same_idempotency_key_gives_the_same_qr(gateway, street) -> None:  # type: ignore[no-untyped-def]
    first = create(street, HTTP_IDEMPOTENCY_KEY="tap-1")
    second = create(street, HTTP_IDEMPOTENCY_KEY="tap-1")
    assert first["id"] == second["id"] and first["qris"] == second["qris"]
    assert Charge.objects.count() == 1


def test_expiry_job_then_late_payment_is_recorded_and_flagged(gateway, street) -> None:  # type: ignore[no-untyped-def]
    body = create(street)
    ParkingEvent.objects.filter(pk=body["id"]).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert expire_charges() == "expired 1 charge(s)"
    assert ParkingEvent.objects.get(pk=body["id"]).status == "expired"
    assert Charge.objects.get(order_id=body["order_id"]).status == "expired"
    # The driver had a screenshot of the QR and pays after the deadline.
    assert pay(gateway, body["order_id"], late="1").status_code == 200
    deliver_due()
    event = ParkingEvent.objects.get(pk=body["id"])
    assert event.status == "paid" and event.paid_amount == 2000
    assert "late_payment" in event.flags


def test_gateway_down_leaves_a_record_and_says_so(street, settings) -> None:  # type: ignore[no-untyped-def]
    settings.KOTACERDAS_PUBLIC_URL = "http://127.0.0.1:9"  # nothing listens there
    response = Client().post(
        "/api/v1/parking/charges",
        {"spot": street.spot.code, "vehicle_class": "motorcycle"},
        content_type="application/json",
        **bearer(street.jukir.user),
    )
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "gateway_unavailable"
    event = ParkingEvent.objects.get()
    assert event.status == "pending" and event.qris == ""


def test_lost_owner_notice_is_delivered_by_the_job(gateway, street, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Defect: the worker dies after COMMIT, before the after-commit notice runs. The
    charge is paid; the event must not stay pending: the outbox job delivers it."""
    from kotacerdas.payments.jobs import deliver_notices
    from kotacerdas.payments.services import notices

    body = create(street)
    monkeypatch.setattr(notices, "_deliver_quietly", lambda notice_id: None)
    pay(gateway, body["order_id"])
    deliver_due()
    assert Charge.objects.get(order_id=body["order_id"]).status == "paid"
    assert ParkingEvent.objects.get(pk=body["id"]).status == "pending"
    assert deliver_notices() == "delivered 1 owner notices"
    event = ParkingEvent.objects.get(pk=body["id"])
    assert (event.status, event.paid_amount) == ("paid", 2000) and event.paid_at


def test_failing_parking_handler_is_retried(gateway, street, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from kotacerdas.parking.services import payment_status
    from kotacerdas.payments.models import OwnerNotice
    from kotacerdas.payments.services.notices import notices_deliver_due

    body = create(street)
    real = payment_status.event_project
    monkeypatch.setattr(
        "kotacerdas.parking.payment_port.event_project",
        lambda **kw: (_ for _ in ()).throw(RuntimeError("lock timeout")),
    )
    pay(gateway, body["order_id"])
    deliver_due()
    assert ParkingEvent.objects.get(pk=body["id"]).status == "pending"
    assert "lock timeout" in OwnerNotice.objects.get(charge__order_id=body["order_id"]).last_error
    monkeypatch.setattr("kotacerdas.parking.payment_port.event_project", real)
    assert notices_deliver_due(now=timezone.now() + timedelta(hours=1)) == 1
    assert ParkingEvent.objects.get(pk=body["id"]).status == "paid"


def test_owner_check_repairs_and_flags_a_stale_event(gateway, street, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from kotacerdas.payments.models import ChargeFlag, NoticeState, OwnerNotice
    from kotacerdas.payments.services import notices
    from kotacerdas.payments.services.owners import owners_check

    body = create(street)
    monkeypatch.setattr(notices, "_deliver_quietly", lambda notice_id: None)
    pay(gateway, body["order_id"])
    deliver_due()
    OwnerNotice.objects.update(state=NoticeState.FAILED)  # retries exhausted
    monkeypatch.undo()
    result = owners_check(now=timezone.now() + timedelta(minutes=5))
    assert (result.disagreeing, result.repaired) == (1, 1)
    event = ParkingEvent.objects.get(pk=body["id"])
    assert (event.status, event.paid_amount) == ("paid", 2000)
    assert ChargeFlag.objects.get(kind="owner_out_of_sync").charge.order_id == body["order_id"]


def test_projection_never_reopens_or_regresses(street) -> None:  # type: ignore[no-untyped-def]
    from kotacerdas.parking.selectors import tariff_for
    from kotacerdas.parking.services.payment_status import event_project

    event = ParkingEvent.objects.create(
        regency=street.regency,
        attendant=street.jukir,
        spot=street.spot,
        vehicle_class="motorcycle",
        tariff=tariff_for(street.spot, "motorcycle", timezone.localdate()),
        amount=2000,
        channel="qris",
        status="pending",
        order_id="PRJ-1",
        receipt_token="prj1",
        business_date=timezone.localdate(),
        expires_at=timezone.now(),
    )
    now = timezone.now()
    event_project(event_id=event.pk, status="expired", paid_amount=0, paid_at=None)
    event_project(event_id=event.pk, status="pending", paid_amount=0, paid_at=None)
    assert ParkingEvent.objects.get(pk=event.pk).status == "expired"
    event_project(event_id=event.pk, status="paid", paid_amount=2000, paid_at=now)
    again = event_project(event_id=event.pk, status="paid", paid_amount=2000, paid_at=now)
    assert again is not None and again.status == "paid" and "late_payment" in again.flags


def test_idempotency_key_reused_for_another_request_is_refused(street) -> None:  # type: ignore[no-untyped-def]
    """Defect: the same Idempotency-Key with a different body silently returned the first
    event (the attendant saw a motorcycle's receipt for a car)."""
    headers = {"HTTP_IDEMPOTENCY_KEY": "tap-7", **bearer(street.jukir.user)}
    body = {"spot": street.spot.code, "vehicle_class": "motorcycle", "plate": "KH 1 A"}
    first = Client().post("/api/v1/parking/cash", body, content_type="application/json", **headers)
    again = Client().post("/api/v1/parking/cash", body, content_type="application/json", **headers)
    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"]
    other = Client().post(
        "/api/v1/parking/cash",
        {**body, "vehicle_class": "car"},
        content_type="application/json",
        **headers,
    )
    assert other.status_code == 422
    assert other.json()["error"]["code"] == "idempotency_key_reused"
    assert ParkingEvent.objects.count() == 1


def test_an_order_id_owned_by_another_payable_is_a_409_not_a_500(street, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Defect: ChargeConflict escaped as a 500 (and ChargeInvalid became invalid_plate)."""
    from kotacerdas.parking.services import events as parking_events
    from tests.payments.factories import make_charge

    make_charge(regency=street.regency, order_id="PKR-TAKEN-1", owner_type="other.app")
    monkeypatch.setattr(parking_events, "_new_order_id", lambda attendant: "PKR-TAKEN-1")
    response = Client().post(
        "/api/v1/parking/charges",
        {"spot": street.spot.code, "vehicle_class": "motorcycle"},
        content_type="application/json",
        **bearer(street.jukir.user),
    )
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "charge_refused"


def test_a_charge_being_created_elsewhere_answers_in_progress(street) -> None:  # type: ignore[no-untyped-def]
    """The compare-and-set claim: while another request holds it, no gateway call."""
    from kotacerdas.payments.services.charges import ChargeInProgress, charge_retry
    from tests.payments.factories import make_charge

    charge = make_charge(
        regency=street.regency,
        gateway_state="failed",
        gateway_claimed_until=timezone.now() + timedelta(seconds=60),
    )
    with pytest.raises(ChargeInProgress):
        charge_retry(charge=charge)  # no gateway is listening: a call would fail loudly
    charge.refresh_from_db()
    assert charge.gateway_attempts == 0


def test_no_qr_outlives_its_charge(gateway, street) -> None:  # type: ignore[no-untyped-def]
    from kotacerdas.payments.services.charges import ChargeGatewayError, charge_retry
    from kotacerdas.payments.simulator.models import SimTransaction
    from tests.payments.factories import make_charge

    soon = make_charge(
        regency=street.regency,
        gateway_state="failed",
        expires_at=timezone.now() + timedelta(seconds=30),
    )
    with pytest.raises(ChargeGatewayError) as refused:
        charge_retry(charge=soon)
    assert not refused.value.retryable
    assert not SimTransaction.objects.filter(order_id=soon.order_id).exists()
    later = make_charge(
        regency=street.regency,
        gateway_state="failed",
        expires_at=timezone.now() + timedelta(seconds=200),
    )
    charge_retry(charge=later)
    assert SimTransaction.objects.get(order_id=later.order_id).expiry_at <= later.expires_at


def test_charge_row_must_be_committed_before_the_gateway_call(gateway, street) -> None:  # type: ignore[no-untyped-def]
    from django.db import transaction

    from kotacerdas.payments.services.charges import charge_create

    with pytest.raises(RuntimeError), transaction.atomic():
        charge_create(
            regency=street.regency,
            order_id="PKR-INSIDE-1",
            amount=2000,
            owner_type="parking.event",
            owner_id="1",
            expires_at=None,
        )
    assert not Charge.objects.filter(order_id="PKR-INSIDE-1").exists()


def test_flag_only_notice_is_locked_and_audited(street) -> None:  # type: ignore[no-untyped-def]
    from kotacerdas.core.models import AuditLog
    from kotacerdas.parking.payment_port import _project
    from kotacerdas.parking.selectors import tariff_for
    from kotacerdas.payments.events import ChargeNotice

    event = ParkingEvent.objects.create(
        regency=street.regency,
        attendant=street.jukir,
        spot=street.spot,
        vehicle_class="motorcycle",
        tariff=tariff_for(street.spot, "motorcycle", timezone.localdate()),
        amount=2000,
        channel="qris",
        status="pending",
        order_id="FLG-1",
        receipt_token="flg1",
        business_date=timezone.localdate(),
        expires_at=timezone.now(),
    )
    notice = ChargeNotice(
        kind="flagged",
        charge_id=1,
        regency_id=street.regency.pk,
        order_id="FLG-1",
        owner_type="parking.event",
        owner_id=str(event.pk),
        status="pending",
        amount=2000,
        paid_amount=0,
        paid_at=None,
        flags=("mismatch",),
    )
    _project(notice)
    _project(notice)
    event.refresh_from_db()
    assert (event.status, event.flags) == ("pending", ["mismatch"])
    assert (
        AuditLog.objects.filter(object_id=str(event.pk), action="parking.event.pending").count()
        == 1
    )
