"""The range summary API, the Dishub dashboard, the korlap survey and the attendant home,
all read from the rollups; every active spot appears, zero-revenue ones included."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kotacerdas.core.models import Role
from kotacerdas.core.services.tokens import token_issue
from kotacerdas.parking.models import RevenueTarget, Spot, SpotCapacity, SpotSurvey
from kotacerdas.parking.seed import _potential
from kotacerdas.parking.services.events import cash_record
from tests.factories import user_with

pytestmark = pytest.mark.django_db


def bearer(user) -> dict[str, str]:  # type: ignore[no-untyped-def]
    _, raw = token_issue(user=user, regency=user.regency)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def as_user(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def test_summary_range_lists_every_active_spot_with_potential(street, kobar) -> None:  # type: ignore[no-untyped-def]
    _potential(street.regency)
    cash_record(attendant=street.jukir, spot=street.spot, vehicle_class="car")
    cash_record(attendant=kobar.jukir, spot=kobar.spot, vehicle_class="car")
    today = timezone.localdate()
    dishub = user_with(Role.OFFICER)
    response = Client().get(
        "/api/v1/parking/summary",
        {"from": (today - timedelta(days=1)).isoformat(), "to": today.isoformat()},
        **bearer(dishub),
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["from"], body["to"], body["total"], body["cash_total"]) == (
        (today - timedelta(days=1)).isoformat(),
        today.isoformat(),
        4000,
        4000,
    )
    codes = {s["code"] for s in body["by_spot"]}
    active = set(
        Spot.objects.filter(regency=street.regency, is_active=True).values_list("code", flat=True)
    )
    assert codes == active and "PBN-01" not in codes  # every Kotim spot, no neighbour's
    tmk = next(s for s in body["by_spot"] if s["code"] == "TMK-01")
    assert (tmk["count"], tmk["total"], tmk["cash_total"], tmk["cashless_total"]) == (
        1,
        4000,
        4000,
        0,
    )
    zero = [s for s in body["by_spot"] if s["total"] == 0]
    assert zero and all(s["potential"] > 0 for s in zero)
    # potential over two days = twice one day's capacity × turnover × hours × tariff
    one_day = Client().get("/api/v1/parking/summary", {"date": today.isoformat()}, **bearer(dishub))
    tmk_day = next(s for s in one_day.json()["by_spot"] if s["code"] == "TMK-01")
    assert tmk["potential"] == 2 * tmk_day["potential"]
    caps = {c.vehicle_class: c for c in SpotCapacity.objects.filter(spot=street.spot)}
    hours = street.spot.closes_at - street.spot.opens_at
    expected = (
        caps["motorcycle"].capacity * caps["motorcycle"].turnover_x100 * hours * 2000
        + caps["car"].capacity * caps["car"].turnover_x100 * hours * 4000
    ) // 100
    assert tmk_day["potential"] == expected


def test_summary_scope_for_korlap_and_jukir_and_bad_ranges(street) -> None:  # type: ignore[no-untyped-def]
    cash_record(attendant=street.other, spot=street.other_spot, vehicle_class="car")
    korlap = Client().get("/api/v1/parking/summary", **bearer(street.korlap)).json()
    assert [s["code"] for s in korlap["by_spot"]] == ["TMK-01"]
    assert korlap["total"] == 0  # the other attendant is not in this korlap's team
    jukir = Client().get("/api/v1/parking/summary", **bearer(street.other.user)).json()
    assert [s["code"] for s in jukir["by_spot"]] == ["PPM-01"] and jukir["total"] == 4000
    staff = bearer(user_with(Role.OFFICER))
    for params in (
        {"from": "2026-02-01", "to": "2026-01-01"},
        {"from": "2020-01-01", "to": "2026-01-01"},
        {"date": "2026-01-01", "from": "2026-01-01"},
    ):
        assert Client().get("/api/v1/parking/summary", params, **staff).status_code == 400
    assert Client().get("/api/v1/parking/summary", {"from": "kemarin"}, **staff).status_code in (
        400,
        422,
    )


def test_dashboard_range_tables_target_chart_and_csv(street) -> None:  # type: ignore[no-untyped-def]
    _potential(street.regency)
    cash_record(attendant=street.jukir, spot=street.spot, vehicle_class="car")
    today = timezone.localdate()
    RevenueTarget.objects.filter(regency=street.regency).update(amount=31_000_000)
    staff = as_user(user_with(Role.OFFICER))
    first = today.replace(day=1)
    page = staff.get(
        "/parking/", {"from": first.isoformat(), "to": today.isoformat()}
    ).content.decode()
    assert "<svg" in page and "Potensi" in page and "Target APBD" in page
    assert "JKR-0102" in page  # an attendant with no revenue is listed
    assert "PPM-01" in page and "Rp4.000" in page
    bad = staff.get("/parking/", {"from": "2026-13-01"}, follow=True).content.decode()
    assert "tidak valid" in bad
    response = staff.get(
        "/parking/export.csv", {"from": first.isoformat(), "to": today.isoformat()}
    )
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeffNomor order;Waktu (WIB);Titik")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows[1][4] == "Mobil / pikap" and rows[1][6] == "Tunai"
    comma = staff.get("/parking/export.csv", {"date": today.isoformat(), "pemisah": "koma"})
    assert comma.content.decode("utf-8-sig").startswith("Nomor order,Waktu (WIB),Titik")


def test_attendant_home_reads_rollups_not_events(street) -> None:  # type: ignore[no-untyped-def]
    for _ in range(3):
        cash_record(attendant=street.jukir, spot=street.spot, vehicle_class="motorcycle")
    client = as_user(street.jukir.user)
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/jukir/").content.decode()
    assert "Rp6.000" in page
    scans = [
        q["sql"]
        for q in queries.captured_queries
        if '"parking_parkingevent"' in q["sql"] and "SUM(" in q["sql"].upper()
    ]
    assert scans == []


def test_korlap_survey_recalibrates_turnover(street) -> None:  # type: ignore[no-untyped-def]
    _potential(street.regency)
    client = as_user(street.korlap)
    started = (timezone.localtime() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    capacity = SpotCapacity.objects.get(spot=street.spot, vehicle_class="motorcycle")
    client.post(
        "/parking/survei/",
        {
            "spot": "TMK-01",
            "started_at": started,
            "minutes": "30",
            "count_motorcycle": str(capacity.capacity),
            "count_car": "0",
        },
    )
    capacity.refresh_from_db()
    assert (capacity.turnover_x100, capacity.source) == (200, "survey")
    assert SpotSurvey.objects.count() == 1
    # bounded input: too many vehicles, a far date, another team's spot
    for data in (
        {"count_motorcycle": "99999999999"},
        {"started_at": "2001-01-01T00:00"},
        {"spot": "PPM-01"},
    ):
        base = {"spot": "TMK-01", "started_at": started, "minutes": "30", "count_motorcycle": "1"}
        page = client.post("/parking/survei/", {**base, **data}, follow=True)
        assert page.status_code == 200
    assert SpotSurvey.objects.count() == 1
