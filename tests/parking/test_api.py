from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from kotacerdas.core.models import OPD, Role
from kotacerdas.core.services.tokens import token_issue
from kotacerdas.parking.models import ParkingEvent
from kotacerdas.parking.services.events import cash_record
from tests.factories import user_with

pytestmark = pytest.mark.django_db


def bearer(user) -> dict[str, str]:  # type: ignore[no-untyped-def]
    _, raw = token_issue(user=user, regency=user.regency)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def post(user, path: str, body: dict, **headers: str):  # type: ignore[no-untyped-def]
    return Client().post(path, body, content_type="application/json", **bearer(user), **headers)


def test_spots_lists_only_the_callers_active_spots_with_tariffs(street) -> None:  # type: ignore[no-untyped-def]
    response = Client().get("/api/v1/parking/spots", **bearer(street.jukir.user))
    assert response.status_code == 200
    [spot] = response.json()
    assert spot["code"] == "TMK-01"
    assert spot["tariffs"] == {
        "bicycle": 1000,
        "motorcycle": 2000,
        "car": 4000,
        "truck_medium": 5000,
        "truck_large": 10000,
    }
    assert -3 < spot["lat"] < -2 and 112 < spot["lon"] < 113


def test_cash_api_records_and_summary_is_scoped(street) -> None:  # type: ignore[no-untyped-def]
    made = post(
        street.jukir.user,
        "/api/v1/parking/cash",
        {"spot": "TMK-01", "vehicle_class": "car", "plate": "KH 1 A"},
    )
    assert made.status_code == 201
    body = made.json()
    assert (body["amount"], body["status"], body["paid_amount"], body["channel"]) == (
        4000,
        "cash",
        4000,
        "cash",
    )
    assert body["receipt_url"].startswith("http://testserver/r/")
    post(
        street.other.user, "/api/v1/parking/cash", {"spot": "PPM-01", "vehicle_class": "motorcycle"}
    )
    today = timezone.localdate().isoformat()

    def total(user) -> int:  # type: ignore[no-untyped-def]
        response = Client().get(f"/api/v1/parking/summary?date={today}", **bearer(user))
        assert response.status_code == 200, response.content
        data = response.json()
        assert set(data) >= {"date", "count", "total", "cashless_total", "cash_total", "by_class"}
        return int(data["total"])

    assert total(street.jukir.user) == 4000  # own
    assert total(street.other.user) == 2000  # own
    assert total(street.korlap) == 4000  # team: only jukir is in korlap's team
    assert total(user_with(Role.OFFICER, opd=OPD.objects.get(code="dishub"))) == 6000
    assert total(user_with(Role.OFFICER, opd=OPD.objects.get(code="bapenda"))) == 6000
    assert total(user_with(Role.AUDITOR)) == 6000
    assert total(user_with(Role.ADMIN)) == 6000
    assert (
        total(user_with(Role.OFFICER, opd=OPD.objects.get(code="dlh"))) == 0
    )  # not a parking agency


def test_charge_on_another_attendants_spot_is_403(street) -> None:  # type: ignore[no-untyped-def]
    response = post(
        street.jukir.user,
        "/api/v1/parking/charges",
        {"spot": "PPM-01", "vehicle_class": "motorcycle"},
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "not_assigned"
    assert not ParkingEvent.objects.exists()


@pytest.mark.parametrize("role", [Role.OFFICER, Role.ADMIN, Role.KORLAP, Role.WARGA, Role.AUDITOR])
def test_no_one_but_an_attendant_issues_charges(role: Role, street) -> None:  # type: ignore[no-untyped-def]
    response = post(
        user_with(role),
        "/api/v1/parking/charges",
        {"spot": "TMK-01", "vehicle_class": "motorcycle"},
    )
    assert response.status_code == 403
    assert not ParkingEvent.objects.exists()


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"spot": "NOPE", "vehicle_class": "car"}, 404, "unknown_spot"),
        ({"spot": "TMK-01", "vehicle_class": "tank"}, 422, "no_tariff"),
        ({"spot": "TMK-01", "vehicle_class": "car", "plate": "!!"}, 422, "invalid_plate"),
        ({"spot": "TMK-01"}, 422, "validation_error"),
    ],
)
def test_bad_input_gets_a_precise_error(body: dict, status: int, code: str, street) -> None:  # type: ignore[no-untyped-def]
    response = post(street.jukir.user, "/api/v1/parking/cash", body)
    assert response.status_code == status
    assert response.json()["error"]["code"] == code


def test_idempotency_key_makes_a_retry_safe(street) -> None:  # type: ignore[no-untyped-def]
    first = post(
        street.jukir.user,
        "/api/v1/parking/cash",
        {"spot": "TMK-01", "vehicle_class": "car"},
        HTTP_IDEMPOTENCY_KEY="k1",
    )
    second = post(
        street.jukir.user,
        "/api/v1/parking/cash",
        {"spot": "TMK-01", "vehicle_class": "car"},
        HTTP_IDEMPOTENCY_KEY="k1",
    )
    assert first.json()["id"] == second.json()["id"]
    assert ParkingEvent.objects.count() == 1


def test_charge_detail_is_scoped(street) -> None:  # type: ignore[no-untyped-def]
    event = cash_record(attendant=street.jukir, spot=street.spot, vehicle_class="car")
    path = f"/api/v1/parking/charges/{event.pk}"
    assert Client().get(path, **bearer(street.jukir.user)).status_code == 200
    assert Client().get(path, **bearer(street.korlap)).status_code == 200
    assert Client().get(path, **bearer(street.other.user)).status_code == 404
    assert Client().get(path, **bearer(user_with(Role.WARGA))).status_code == 403
    detail = Client().get(path, **bearer(street.jukir.user)).json()
    assert {"paid_amount", "paid_at", "flags"} <= set(detail)


def test_me_has_the_attendant_block(street) -> None:  # type: ignore[no-untyped-def]
    from kotacerdas import qris

    me = Client().get("/api/v1/me", **bearer(street.jukir.user)).json()
    block = me["attendant"]
    assert block["code"] == "JKR-0101" and block["name"] == "Jukir JKR-0101"
    assert block["verify_url"].endswith("/v/JKR-0101")
    parsed = qris.parse(block["static_qris"])
    assert qris.is_valid(block["static_qris"])
    assert parsed.point_of_initiation == "static"
    assert parsed.merchant_name == "PARKIR KOTIM JKR-0101"
    assert parsed.nmid == street.regency.qris_nmid
    assert parsed.postal_code == street.regency.postal_code
    assert Client().get("/api/v1/me", **bearer(street.korlap)).json()["attendant"] is None
