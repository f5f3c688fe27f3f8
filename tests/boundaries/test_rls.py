"""PostgreSQL row-level security, exercised for real: the test connection is a
superuser (which PostgreSQL never binds by policies), so each test switches to an
ordinary role with ``SET ROLE`` inside its transaction, as production connects."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import DatabaseError, connection, transaction
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory, override_settings

from kotacerdas.core.jobs import Job, run_job
from kotacerdas.core.middleware import RegencyMiddleware
from kotacerdas.core.rls import acting_for, apply_policies, regency_tables
from kotacerdas.parking.models import ParkingEvent
from kotacerdas.services.models import ServiceRequest
from tests.boundaries.world import HOST_B, World

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL feature"),
    pytest.mark.django_db,
]

PROBE_ROLE = "kc_rls_probe"


@pytest.fixture
def ordinary_role(world: World) -> Iterator[World]:
    """Policies applied and the session switched to a role without BYPASSRLS; all of it
    is rolled back with the test's transaction."""
    with connection.cursor() as cursor:
        # The world's rows left deferred foreign-key checks pending in this transaction;
        # run them now, since ALTER TABLE refuses a table with pending trigger events.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    apply_policies()
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [PROBE_ROLE])
        if cursor.fetchone() is None:
            cursor.execute(f"CREATE ROLE {PROBE_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS")
        cursor.execute(f"GRANT USAGE ON SCHEMA public TO {PROBE_ROLE}")
        cursor.execute(
            f"GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO {PROBE_ROLE}"
        )
        cursor.execute(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {PROBE_ROLE}")
        cursor.execute(f"SET ROLE {PROBE_ROLE}")
    try:
        with override_settings(KOTACERDAS_RLS=True):
            yield world
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET ROLE")


def test_every_regency_table_has_the_policy(ordinary_role: World) -> None:
    tables = regency_tables()
    assert "services_servicerequest" in tables and "parking_parkingevent" in tables
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tablename FROM pg_policies WHERE policyname = 'kc_regency'",
        )
        covered = {row[0] for row in cursor.fetchall()}
        cursor.execute(
            "SELECT relname FROM pg_class WHERE relrowsecurity AND relforcerowsecurity",
        )
        forced = {row[0] for row in cursor.fetchall()}
    assert set(tables) <= covered
    assert set(tables) <= forced


def test_a_forgotten_filter_returns_nothing_from_another_regency(ordinary_role: World) -> None:
    world = ordinary_role
    everything = ServiceRequest.objects.count()
    with acting_for(world.b.regency.pk):
        # No regency filter on purpose: the database applies it.
        rows = list(ServiceRequest.objects.all())
        assert rows and {r.regency_id for r in rows} == {world.b.regency.pk}
        assert ParkingEvent.objects.count() == 1
        assert not ParkingEvent.objects.filter(pk=world.a.event.pk).exists()  # type: ignore[union-attr]
    with acting_for(None):
        assert ServiceRequest.objects.count() == 0
    with acting_for(None, bypass=True):
        assert ServiceRequest.objects.count() == everything
    assert everything > len(rows)


def test_writes_into_another_regency_are_refused(ordinary_role: World) -> None:
    world = ordinary_role
    assert world.a.other_request is not None
    with acting_for(world.b.regency.pk):
        # A row the policy hides cannot be updated (no row matches) ...
        hidden = ServiceRequest.objects.filter(pk=world.a.other_request.pk)
        assert hidden.update(description="x") == 0
        # ... and a row for another regency cannot be written.
        with pytest.raises(DatabaseError), transaction.atomic():
            event = ParkingEvent.objects.get(pk=world.b.event.pk)  # type: ignore[union-attr]
            event.pk = None
            event.regency_id = world.a.regency.pk
            event.order_id = "LAIN-REGENCY-1"
            event.receipt_token = "lain-regency-1"
            event.save()
    with acting_for(None, bypass=True):
        assert not ParkingEvent.objects.filter(order_id="LAIN-REGENCY-1").exists()
        assert ServiceRequest.objects.get(pk=world.a.other_request.pk).description != "x"


def test_the_middleware_sets_the_regency_for_each_request(ordinary_role: World) -> None:
    world = ordinary_role
    seen: dict[str, object] = {}

    def view(request: HttpRequest) -> HttpResponse:
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_setting('kotacerdas.regency_id', true)")
            seen["setting"] = cursor.fetchone()[0]  # type: ignore[index]
        seen["count"] = ServiceRequest.objects.count()  # a forgotten filter
        return HttpResponse("ok")

    with acting_for(world.b.regency.pk):
        own = ServiceRequest.objects.count()
    with acting_for(None, bypass=True):
        assert ServiceRequest.objects.count() > own
    request = RequestFactory().get("/layanan/", HTTP_HOST=HOST_B)
    request.user = world.b.users["dishub"]
    RegencyMiddleware(view)(request)
    assert seen["setting"] == str(world.b.regency.pk)
    assert seen["count"] == own
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('kotacerdas.regency_id', true)")
        assert cursor.fetchone()[0] == ""  # type: ignore[index]


def test_the_job_runner_opens_the_documented_bypass(ordinary_role: World) -> None:
    from datetime import timedelta

    counted: list[int] = []

    def job() -> str:
        counted.append(ServiceRequest.objects.count())
        return "ok"

    run_job(Job("test.rls", timedelta(minutes=1), job), force=True)
    with acting_for(None, bypass=True):
        assert counted == [ServiceRequest.objects.count()]
