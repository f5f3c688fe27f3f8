"""Periodic jobs (expiry, reconciliation, retries). Apps register jobs in their
``jobs.py``; ``kotacerdas jobs run-once`` runs every due job once and ``kotacerdas jobs
loop`` keeps doing so (the demo starts the loop beside the web server)."""

from __future__ import annotations

import importlib
import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from kotacerdas.core.models import JobRun

log = logging.getLogger("kotacerdas.jobs")


@dataclass(frozen=True)
class Job:
    name: str
    every: timedelta
    func: Callable[[], object]
    lease: timedelta = timedelta(minutes=10)


_JOBS: dict[str, Job] = {}
_discovered = False


def register_job(
    name: str, *, every: timedelta, lease: timedelta | None = None
) -> Callable[[Callable[[], object]], Callable[[], object]]:
    def decorate(func: Callable[[], object]) -> Callable[[], object]:
        _JOBS[name] = Job(name=name, every=every, func=func, lease=lease or timedelta(minutes=10))
        return func

    return decorate


def registered_jobs() -> dict[str, Job]:
    global _discovered
    if not _discovered:
        for app in settings.DOMAIN_APPS:
            try:
                importlib.import_module(f"{app}.jobs")
            except ModuleNotFoundError as exc:
                if exc.name != f"{app}.jobs":
                    raise
        _discovered = True
    return dict(_JOBS)


@dataclass(frozen=True)
class JobOutcome:
    name: str
    status: str  # "ok", "failed" or "skipped" (not due or leased elsewhere)
    result: str


def _acquire(job: Job, now: datetime, force: bool) -> bool:
    try:
        with transaction.atomic():
            JobRun.objects.get_or_create(name=job.name)
    except IntegrityError:
        pass
    due = Q(last_started_at__isnull=True) | Q(last_started_at__lte=now - job.every)
    free = Q(lease_until__isnull=True) | Q(lease_until__lt=now)
    condition = free if force else (free & due)
    taken = JobRun.objects.filter(condition, name=job.name).update(
        lease_until=now + job.lease, last_started_at=now
    )
    return taken == 1


def run_job(job: Job, *, force: bool = False) -> JobOutcome:
    now = timezone.now()
    if not _acquire(job, now, force):
        return JobOutcome(job.name, "skipped", "")
    from kotacerdas.core.rls import acting_for

    try:
        # Registered jobs work across regencies (each row carries its own regency), so
        # the runner opens the documented bypass for the job and closes it after.
        with acting_for(None, bypass=True):
            result = job.func()
    except Exception as exc:  # a failing job must not stop the others
        log.error("job %s failed: %s", job.name, exc)
        JobRun.objects.filter(name=job.name).update(
            lease_until=None,
            last_finished_at=timezone.now(),
            last_status="failed",
            last_result=traceback.format_exc()[-4000:],
        )
        _bump(job.name, failed=True)
        return JobOutcome(job.name, "failed", str(exc))
    text = "" if result is None else str(result)
    JobRun.objects.filter(name=job.name).update(
        lease_until=None, last_finished_at=timezone.now(), last_status="ok", last_result=text[:4000]
    )
    _bump(job.name, failed=False)
    return JobOutcome(job.name, "ok", text)


def _bump(name: str, *, failed: bool) -> None:
    from django.db.models import F

    JobRun.objects.filter(name=name).update(
        runs=F("runs") + 1, failures=F("failures") + (1 if failed else 0)
    )


def run_due(*, force: bool = False, only: list[str] | None = None) -> list[JobOutcome]:
    jobs = registered_jobs()
    names = only or sorted(jobs)
    return [run_job(jobs[name], force=force) for name in names]


@register_job("core.prune_rate_limits", every=timedelta(hours=1))
def prune_rate_limits() -> str:
    from kotacerdas.core.services.ratelimit import rate_prune

    return f"pruned {rate_prune()} old rate-limit windows"
