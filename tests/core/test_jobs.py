from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from kotacerdas.core import jobs as jobs_module
from kotacerdas.core.jobs import Job, registered_jobs, run_job
from kotacerdas.core.models import JobRun, RateLimitCounter

pytestmark = pytest.mark.django_db


def test_job_runs_when_due_and_not_again_until_its_interval(regency) -> None:  # type: ignore[no-untyped-def]
    calls: list[int] = []
    job = Job(name="test.counter", every=timedelta(minutes=5), func=lambda: calls.append(1))
    assert run_job(job).status == "ok"
    assert run_job(job).status == "skipped"
    JobRun.objects.filter(name=job.name).update(
        last_started_at=timezone.now() - timedelta(minutes=6)
    )
    assert run_job(job).status == "ok"
    assert len(calls) == 2
    row = JobRun.objects.get(name=job.name)
    assert (row.runs, row.failures, row.last_status) == (2, 0, "ok")


def test_a_leased_job_is_not_run_by_a_second_runner(regency) -> None:  # type: ignore[no-untyped-def]
    job = Job(name="test.leased", every=timedelta(seconds=0), func=lambda: "ran")
    JobRun.objects.create(name=job.name, lease_until=timezone.now() + timedelta(minutes=1))
    assert run_job(job, force=True).status == "skipped"
    JobRun.objects.filter(name=job.name).update(lease_until=timezone.now() - timedelta(seconds=1))
    assert run_job(job, force=True).status == "ok"


def test_a_failing_job_is_recorded_and_releases_its_lease(regency) -> None:  # type: ignore[no-untyped-def]
    def boom() -> None:
        raise RuntimeError("gateway down")

    outcome = run_job(Job(name="test.boom", every=timedelta(0), func=boom))
    assert outcome.status == "failed" and "gateway down" in outcome.result
    row = JobRun.objects.get(name="test.boom")
    assert row.lease_until is None and row.failures == 1
    assert "RuntimeError" in row.last_result


def test_run_once_command_runs_registered_jobs(regency, capsys) -> None:  # type: ignore[no-untyped-def]
    old = RateLimitCounter.objects.create(
        key="x", window_start=timezone.now() - timedelta(days=3), count=1
    )
    assert "core.prune_rate_limits" in registered_jobs()
    call_command("jobs", "run-once", "--job", "core.prune_rate_limits")
    assert "core.prune_rate_limits: ok pruned 1" in capsys.readouterr().out
    assert not RateLimitCounter.objects.filter(pk=old.pk).exists()


def test_unknown_job_name_is_an_error(regency) -> None:  # type: ignore[no-untyped-def]
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="unknown job"):
        call_command("jobs", "run-once", "--job", "nope")
    assert jobs_module.registered_jobs()
