"""Cash recorded on the attendant's phone without signal and sent later: booked once at
the time it was taken, inside a bounded window, or refused with a stored reason."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from kotacerdas.parking.models import OfflineRefusal, ParkingEvent, RollupDay
from kotacerdas.parking.offline_window import IN_FUTURE, TOO_OLD, capture_verdict
from tests.parking.test_api import bearer
from tests.parking.test_charge_flow import gateway  # noqa: F401  (the simulator fixture)
from tests.parking.test_pages import BUDGET, weight

pytestmark = pytest.mark.django_db
URL = "/api/v1/parking/cash/offline"


def ms(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


def record(key: str, captured: datetime, **fields: object) -> dict[str, object]:
    body: dict[str, object] = {
        "key": key,
        "spot": "TMK-01",
        "vehicle_class": "car",
        "plate": "",
        "captured_at": ms(captured),
    }
    body.update(fields)
    return body


def sync(user, *records: dict[str, object]):  # type: ignore[no-untyped-def]
    return Client().post(
        URL, {"records": list(records)}, content_type="application/json", **bearer(user)
    )


def raw(user, body: bytes | str):  # type: ignore[no-untyped-def]
    return Client().generic("POST", URL, body, content_type="application/json", **bearer(user))


def test_window_edges() -> None:
    now = datetime(2026, 11, 30, 3, 0, tzinfo=UTC)
    day, skew = timedelta(hours=24), timedelta(minutes=5)
    assert capture_verdict(now - day, now, max_age=day, skew=skew) is None
    assert capture_verdict(now - day - timedelta(seconds=1), now, max_age=day, skew=skew) == TOO_OLD
    assert capture_verdict(now + skew, now, max_age=day, skew=skew) is None
    assert capture_verdict(now + skew + timedelta(seconds=1), now, max_age=day, skew=skew) == (
        IN_FUTURE
    )


def test_a_late_record_keeps_its_capture_time_and_a_replay_books_nothing(street) -> None:  # type: ignore[no-untyped-def]
    taken = timezone.now() - timedelta(hours=3)
    first = sync(street.jukir.user, record("a1b2c3d4e5f6", taken, plate="kh 1 ab"))
    assert first.status_code == 200, first.content
    body = first.json()
    assert (body["synced"], body["refused"]) == (1, 0)
    [row] = body["results"]
    assert row["status"] == "synced" and row["event"]["amount"] == 4000
    event = ParkingEvent.objects.get(order_id=row["event"]["order_id"])
    assert abs((event.created_at - taken).total_seconds()) < 0.01
    assert abs((event.paid_at - taken).total_seconds()) < 0.01
    assert event.synced_at is not None and event.synced_at > taken + timedelta(hours=2)
    assert event.plate == "KH 1 AB" and event.status == "cash"
    # The phone did not hear the answer and sends the same record again, twice.
    again = sync(
        street.jukir.user,
        record("a1b2c3d4e5f6", taken, plate="kh 1 ab"),
        record("a1b2c3d4e5f6", taken, plate="kh 1 ab"),
    )
    assert again.status_code == 200
    assert {r["event"]["order_id"] for r in again.json()["results"]} == {event.order_id}
    assert ParkingEvent.objects.filter(client_ref="a1b2c3d4e5f6").count() == 1
    collected = RollupDay.objects.filter(attendant=street.jukir).values_list(
        "collected_rp", flat=True
    )
    assert sum(collected) == 4000


def test_a_record_older_than_the_window_is_refused_and_kept(street, settings) -> None:  # type: ignore[no-untyped-def]
    settings.KOTACERDAS_OFFLINE_MAX_AGE_HOURS = 24
    old = timezone.now() - timedelta(hours=25)
    fresh = timezone.now() - timedelta(minutes=10)
    response = sync(street.jukir.user, record("old00000001", old), record("new00000001", fresh))
    assert response.status_code == 200
    old_row, new_row = response.json()["results"]
    assert old_row["status"] == "refused" and old_row["code"] == TOO_OLD
    assert "lebih dari 24 jam" in old_row["reason"] and "korlap" in old_row["reason"]
    assert new_row["status"] == "synced"
    refusal = OfflineRefusal.objects.get(client_ref="old00000001")
    assert (refusal.attendant, refusal.amount, refusal.spot_code) == (street.jukir, 4000, "TMK-01")
    assert not ParkingEvent.objects.filter(client_ref="old00000001").exists()
    # A replay answers with the same refusal and stores nothing new.
    again = sync(street.jukir.user, record("old00000001", old))
    assert again.json()["results"][0]["reason"] == old_row["reason"]
    assert OfflineRefusal.objects.count() == 1
    # The korlap sees it on the offline list, with the reason.
    korlap = Client()
    korlap.force_login(street.korlap)
    page = korlap.get("/parking/luring/").content.decode()
    assert "JKR-0101" in page and "lebih dari 24 jam" in page and "Rp4.000" in page


def test_a_phone_clock_ahead_of_the_server_is_refused(street, settings) -> None:  # type: ignore[no-untyped-def]
    settings.KOTACERDAS_OFFLINE_CLOCK_SKEW_SECONDS = 300
    ahead = timezone.now() + timedelta(minutes=30)
    slightly = timezone.now() + timedelta(seconds=60)
    response = sync(
        street.jukir.user, record("ahead000001", ahead), record("skew0000001", slightly)
    )
    ahead_row, skew_row = response.json()["results"]
    assert ahead_row["code"] == IN_FUTURE and "Periksa jam ponsel" in ahead_row["reason"]
    assert skew_row["status"] == "synced"


def test_a_record_outside_the_attendants_duty_is_refused_with_the_reason(street) -> None:  # type: ignore[no-untyped-def]
    response = sync(street.jukir.user, record("ppm00000001", timezone.now(), spot="PPM-01"))
    [row] = response.json()["results"]
    assert row["status"] == "refused" and row["code"] == "not_assigned"
    assert "tidak bertugas" in row["reason"]
    unknown = sync(street.jukir.user, record("nope0000001", timezone.now(), spot="NOPE"))
    assert "tidak dikenal" in unknown.json()["results"][0]["reason"]
    assert OfflineRefusal.objects.filter(attendant=street.jukir).count() == 2


@pytest.mark.parametrize(
    "body",
    [
        b'{"records": [',  # malformed JSON
        b"not json at all",
        b'{"records": []}',  # nothing to book
        b'{"records": {"key": "x"}}',
        json.dumps({"records": [record("k" * 65, datetime(2026, 1, 1, tzinfo=UTC))]}),
        json.dumps({"records": [record("bad key here", datetime(2026, 1, 1, tzinfo=UTC))]}),
        json.dumps(
            {
                "records": [
                    record("nul00000001", datetime(2026, 1, 1, tzinfo=UTC), plate="KH\u00001")
                ]
            }
        ),
        json.dumps(
            {
                "records": [
                    record("big00000001", datetime(2026, 1, 1, tzinfo=UTC))
                    | {"captured_at": 10**30}
                ]
            }
        ),
        json.dumps(
            {
                "records": [
                    record("far00000001", datetime(2026, 1, 1, tzinfo=UTC)) | {"captured_at": -1}
                ]
            }
        ),
        json.dumps(
            {
                "records": [
                    record("str00000001", datetime(2026, 1, 1, tzinfo=UTC))
                    | {"captured_at": "kemarin"}
                ]
            }
        ),
        json.dumps(
            {
                "records": [
                    record(f"many{i:08d}", datetime(2026, 1, 1, tzinfo=UTC)) for i in range(51)
                ]
            }
        ),
        json.dumps(
            {"records": [record("spot0000001", datetime(2026, 1, 1, tzinfo=UTC), spot="A" * 5000)]}
        ),
    ],
)
def test_bad_input_gets_an_indonesian_4xx_and_books_nothing(street, body) -> None:  # type: ignore[no-untyped-def]
    response = raw(street.jukir.user, body)
    assert 400 <= response.status_code < 500, response.content
    message = response.json()["error"]["message"]
    assert any(word in message for word in ("tidak", "Data", "bukan JSON", "Permintaan")), message
    assert not ParkingEvent.objects.exists() and not OfflineRefusal.objects.exists()


def test_only_registered_attendants_may_sync(street) -> None:  # type: ignore[no-untyped-def]
    body = {"records": [record("korlap00001", timezone.now())]}
    korlap = Client().post(URL, body, content_type="application/json", **bearer(street.korlap))
    assert korlap.status_code == 403
    assert Client().post(URL, body, content_type="application/json").status_code == 401


def test_two_regencies_same_key_same_attendant_code(street, kobar) -> None:  # type: ignore[no-untyped-def]
    """Kobar runs on WITA: the business date follows the capture time in the regency's
    own zone, and a key used in both regencies books one event in each."""
    kobar.regency.timezone = "Asia/Makassar"
    kobar.regency.save(update_fields=["timezone"])
    now = timezone.now()
    # 16:30 UTC is 23:30 WIB but already 00:30 WITA of the next day.
    taken = now.replace(hour=16, minute=30, second=0, microsecond=0)
    if taken > now:
        taken -= timedelta(days=1)
    a = sync(street.jukir.user, record("shared00001", taken))
    b = sync(kobar.jukir.user, record("shared00001", taken, spot="PBN-01"))
    assert a.json()["results"][0]["status"] == "synced"
    assert b.json()["results"][0]["status"] == "synced"
    mine = ParkingEvent.objects.get(regency=street.regency, client_ref="shared00001")
    theirs = ParkingEvent.objects.get(regency=kobar.regency, client_ref="shared00001")
    assert mine.business_date == taken.date()
    assert theirs.business_date == taken.date() + timedelta(days=1)
    assert (mine.amount, theirs.amount) == (4000, 3000)
    # Kotim's attendant cannot book onto Kobar's spot with the shared code.
    cross = sync(street.jukir.user, record("cross000001", now, spot="PBN-01"))
    assert cross.json()["results"][0]["status"] == "refused"
    # Kobar's korlap page never lists Kotim's refusal, and Kotim's never Kobar's events.
    kotim_korlap = Client()
    kotim_korlap.force_login(street.korlap)
    page = kotim_korlap.get("/parking/luring/").content.decode()
    assert theirs.order_id not in page and mine.order_id in page


def test_a_record_sent_at_once_uses_the_server_clock(street) -> None:  # type: ignore[no-untyped-def]
    """The phone was online: its clock (here two hours fast) is not trusted and the
    record is not listed as late."""
    skewed = timezone.now() + timedelta(hours=2)
    response = sync(street.jukir.user, record("online00001", skewed, waited=False))
    [row] = response.json()["results"]
    assert row["status"] == "synced", row
    event = ParkingEvent.objects.get(client_ref="online00001")
    assert abs((event.created_at - timezone.now()).total_seconds()) < 60
    assert event.synced_at is None


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("gateway")
def test_recent_list_reopens_a_pending_qr_and_an_expired_one_can_be_made_again(street) -> None:  # type: ignore[no-untyped-def]
    from kotacerdas.parking.models import EventStatus
    from kotacerdas.parking.services.events import charge_create, event_transition

    client = Client()
    client.force_login(street.jukir.user)
    pending = charge_create(attendant=street.jukir, spot=street.spot, vehicle_class="car")
    home = client.get("/jukir/").content.decode()
    assert f'href="/jukir/charge/{pending.pk}/"' in home
    page = client.get(f"/jukir/charge/{pending.pk}/").content.decode()
    assert "<svg" in page and "Sisa waktu" in page
    event_transition(event_id=pending.pk, to=EventStatus.EXPIRED, reason="ttl")
    page = client.get(f"/jukir/charge/{pending.pk}/").content.decode()
    assert "Buat ulang QRIS" in page
    again = client.post(
        "/jukir/issue",
        {
            "spot": "TMK-01",
            "vehicle_class": "car",
            "plate": "",
            "channel": "qris",
            "client_ref": "again0001",
        },
    )
    fresh = ParkingEvent.objects.get(client_ref="again0001")
    assert again["Location"] == f"/jukir/charge/{fresh.pk}/"
    assert fresh.status == EventStatus.PENDING and fresh.pk != pending.pk


def test_cash_through_the_page_leads_to_its_receipt_with_a_qr(street) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(street.jukir.user)
    response = client.post(
        "/jukir/issue",
        {"spot": "TMK-01", "vehicle_class": "car", "channel": "cash", "client_ref": "cashpage01"},
    )
    event = ParkingEvent.objects.get(client_ref="cashpage01")
    assert response["Location"] == f"/jukir/charge/{event.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert (
        "LUNAS" in page and 'class="j-receipt-qr"' in page and f"/r/{event.receipt_token}" in page
    )
    assert weight(client, response["Location"]) <= BUDGET
    # The refused records of the week are listed on the attendant's home page too.
    sync(street.jukir.user, record("old-home-001", timezone.now() - timedelta(hours=30)))
    home = client.get("/jukir/").content.decode()
    assert "lebih dari 24 jam" in home and "ditolak" in home
    assert weight(client, "/jukir/") <= BUDGET
