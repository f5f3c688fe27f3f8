"""The job runner survives the database going away and keeps its lease while it works
(defect 7 of the payments review: the loop crashed on terminated connections and
nothing restarted it; a slow reconcile could overlap a second runner)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import OperationalError, connection
from django.utils import timezone

from kotacerdas.core import jobs as jobs_module
from kotacerdas.core.jobs import Job, job_heartbeat, run_job
from kotacerdas.core.models import JobRun

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_database_error_in_a_job_is_an_outcome_and_the_next_job_runs(regency) -> None:  # type: ignore[no-untyped-def]
    def blip() -> None:
        raise OperationalError("terminating connection due to administrator command")

    failed = run_job(Job(name="test.blip", every=timedelta(0), func=blip))
    assert failed.status == "failed" and "administrator command" in failed.result
    assert run_job(Job(name="test.after", every=timedelta(0), func=lambda: "fine")).status == "ok"
    assert JobRun.objects.get(name="test.blip").lease_until is None


def test_a_database_error_while_taking_the_lease_is_not_raised(regency, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def down(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(jobs_module, "_acquire", down)
    outcome = run_job(Job(name="test.nodb", every=timedelta(0), func=lambda: "x"))
    assert outcome.status == "failed" and "database unavailable" in outcome.result


def test_heartbeat_renews_the_lease_so_no_second_runner_overlaps(regency) -> None:  # type: ignore[no-untyped-def]
    seen: dict[str, object] = {}
    lease = timedelta(seconds=30)

    def slow() -> str:
        start = JobRun.objects.get(name="test.slow").lease_until
        assert start is not None
        later = timezone.now() + timedelta(seconds=25)  # most of the lease has passed
        assert job_heartbeat(now=later)
        renewed = JobRun.objects.get(name="test.slow").lease_until
        assert renewed is not None and renewed > start
        second = Job(name="test.slow", every=timedelta(0), func=lambda: "overlap", lease=lease)
        seen["second"] = run_job(second, force=True).status
        return "done"

    job = Job(name="test.slow", every=timedelta(0), func=slow, lease=lease)
    assert run_job(job).status == "ok"
    assert seen["second"] == "skipped"


def test_a_runner_that_lost_its_lease_stops_and_leaves_the_row_alone(regency) -> None:  # type: ignore[no-untyped-def]
    taken_over = timezone.now() + timedelta(hours=1)

    def overtaken() -> str:
        JobRun.objects.filter(name="test.lost").update(
            last_started_at=taken_over, lease_until=taken_over
        )
        assert not job_heartbeat(now=timezone.now() + timedelta(minutes=9))
        return "stopped"

    run_job(Job(name="test.lost", every=timedelta(0), func=overtaken))
    row = JobRun.objects.get(name="test.lost")
    assert row.lease_until == taken_over and row.runs == 0  # the new holder's row is intact


def test_the_loop_carries_on_after_a_failed_round(regency, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from kotacerdas.core.management.commands import jobs as command

    rounds: list[int] = []

    def run_due(**kwargs):  # type: ignore[no-untyped-def]
        rounds.append(1)
        if len(rounds) == 1:
            raise OperationalError("could not connect to server")
        if len(rounds) == 3:
            raise KeyboardInterrupt  # the operator stops it
        return []

    monkeypatch.setattr(command, "run_due", run_due)
    monkeypatch.setattr(command.time, "sleep", lambda seconds: None)
    with pytest.raises(KeyboardInterrupt):
        call_command("jobs", "loop", "--interval", "0")
    assert len(rounds) == 3


def test_terminated_backend_is_survived_on_postgresql(regency) -> None:  # type: ignore[no-untyped-def]
    if connection.vendor != "postgresql":
        pytest.skip("pg_terminate_backend needs PostgreSQL")
    import psycopg

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    settings = connection.settings_dict
    with psycopg.connect(
        dbname=settings["NAME"],
        user=settings["USER"],
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        autocommit=True,
    ) as killer:
        killer.execute("SELECT pg_terminate_backend(%s)", [pid])
    first = run_job(Job(name="test.pgkill", every=timedelta(0), func=lambda: "ok"))
    second = run_job(Job(name="test.pgkill2", every=timedelta(0), func=lambda: "ok"))
    assert first.status in ("failed", "ok")  # the first query may meet the dead socket
    assert second.status == "ok"
