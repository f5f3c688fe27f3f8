"""Regency is data: each regency's time zone drives business dates, SLA clocks and the
times people read; tracking prefixes come from the regency row."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from django.test import Client

from kotacerdas.core.models import Regency
from kotacerdas.core.tenancy import regency_for_host
from kotacerdas.core.timeutil import format_local, local_date
from kotacerdas.services.workdays import due_after
from tests.boundaries.world import HOST_B, World


def test_business_date_follows_the_regency_zone() -> None:
    moment = datetime(2026, 6, 1, 16, 30, tzinfo=UTC)  # 23:30 WIB, 00:30 WITA, 01:30 WIT
    assert local_date(Regency(timezone="Asia/Jakarta"), moment) == date(2026, 6, 1)
    assert local_date(Regency(timezone="Asia/Makassar"), moment) == date(2026, 6, 2)
    assert local_date(Regency(timezone="Asia/Jayapura"), moment) == date(2026, 6, 2)
    assert format_local(moment, Regency(timezone="Asia/Makassar")) == "02-06-2026 00:30 WITA"
    assert format_local(moment, Regency(timezone="Asia/Jayapura")) == "02-06-2026 01:30 WIT"
    assert format_local(moment, Regency(timezone="Asia/Jakarta")) == "01-06-2026 23:30 WIB"


@pytest.mark.django_db
def test_sla_deadline_ends_at_local_midnight(world: World) -> None:
    start = datetime(2026, 6, 2, 3, 0, tzinfo=UTC)  # a Tuesday morning everywhere
    wib = due_after(world.a.regency, start, 1)
    wita = due_after(world.b.regency, start, 1)
    # Same local wall clock (23:59:59 of the next working day), one hour apart in UTC.
    assert wib - wita == timedelta(hours=1)
    assert wita.astimezone(UTC).hour == 15 and wib.astimezone(UTC).hour == 16


@pytest.mark.django_db
def test_tracking_prefix_is_the_regencys(world: World) -> None:
    assert world.a.other_request is not None and world.b.other_request is not None
    assert world.a.other_request.tracking_number.startswith("KTM-")
    assert world.b.other_request.tracking_number.startswith("R6371-")
    hint = Client(HTTP_HOST=HOST_B).get("/lapor/cek/").content.decode()
    assert 'placeholder="R6371-' in hint


@pytest.mark.django_db
def test_staff_read_times_in_their_regencys_zone(world: World) -> None:
    for side, label in ((world.a, "WIB"), (world.b, "WITA")):
        client = Client(HTTP_HOST=HOST_B)
        client.force_login(side.users["pupr"])
        page = client.get("/layanan/").content.decode()
        assert f" {label}" in page, label
        assert side.other_request is not None and side.other_request.tracking_number in page


@pytest.mark.django_db
def test_single_regency_deployment_needs_no_host_list(regency: Regency) -> None:
    assert regency_for_host("apa.saja.test") == regency
    Regency.objects.create(
        code="9999",
        name="Uji",
        capital="Uji",
        jurisdiction_id="uji.test",
        centre_lat=0,
        centre_lon=0,
        hosts="uji.test",
    )
    assert regency_for_host("apa.saja.test") is None
    assert regency_for_host("UJI.test:8000").code == "9999"  # type: ignore[union-attr]
