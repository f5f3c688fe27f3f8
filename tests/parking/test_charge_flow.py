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
