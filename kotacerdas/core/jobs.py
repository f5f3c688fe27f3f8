"""Periodic jobs (expiry, reconciliation, retries). Apps register jobs in their
``jobs.py``; ``kotacerdas jobs run-once`` runs every due job once and ``kotacerdas jobs
loop`` keeps doing so (the demo starts the loop beside the web server).

A job holds a lease (a conditional UPDATE on its ``JobRun`` row, owned through the
``last_started_at`` it wrote). Long jobs call ``job_heartbeat()`` between items to renew
it, so a slow run is never overlapped by a second runner; a runner that lost its lease
does not touch the row any more. A database error (a terminated connection, a restart)
fails one job, closes the broken connection and lets the loop carry on."""

from __future__ import annotations

import importlib
import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import DatabaseError, IntegrityError, close_old_connections, connection, transaction
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


@dataclass
class _Held:
    job: Job
    started: datetime
    renewed: datetime


_current: _Held | None = None


def job_heartbeat(*, now: datetime | None = None) -> bool:
    """Renew the running job's lease when a third of it has passed. Cheap to call per
    item. False when the lease was lost (another runner took the job over): the caller
    should stop."""
    held = _current
    if held is None:
        return True
    now = now or timezone.now()
    if now - held.renewed < held.job.lease / 3:
        return True
    kept = JobRun.objects.filter(name=held.job.name, last_started_at=held.started).update(
        lease_until=now + held.job.lease
    )
    held.renewed = now
    return kept == 1


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


def _database_lost() -> None:
    """After a database error outside a transaction: drop the broken connection so the
    next query opens a fresh one."""
    if not connection.in_atomic_block:
        connection.close()
    close_old_connections()


def run_job(job: Job, *, force: bool = False) -> JobOutcome:
    """Run one job if due and free. Never raises for the job's or the database's errors
    (they are the outcome), so one bad round cannot stop the loop."""
    global _current
    now = timezone.now()
    try:
        if not _acquire(job, now, force):
            return JobOutcome(job.name, "skipped", "")
    except DatabaseError as exc:
        log.error("job %s: database unavailable: %s", job.name, exc)
        _database_lost()
        return JobOutcome(job.name, "failed", f"database unavailable: {exc}")
    _current = _Held(job=job, started=now, renewed=now)
    from kotacerdas.core.rls import acting_for

    try:
        # Registered jobs work across regencies (each row carries its own regency), so
        # the runner opens the documented bypass for the job and closes it after.
        with acting_for(None, bypass=True):
            result = job.func()
    except Exception as exc:  # a failing job must not stop the others
        log.error("job %s failed: %s", job.name, exc)
        if isinstance(exc, DatabaseError):
            _database_lost()
        _finish(job, now, "failed", traceback.format_exc()[-4000:])
        return JobOutcome(job.name, "failed", str(exc))
    finally:
        _current = None
    text = "" if result is None else str(result)
    _finish(job, now, "ok", text[:4000])
    return JobOutcome(job.name, "ok", text)


def _finish(job: Job, started: datetime, status: str, text: str) -> None:
    """Release the lease and count the run, only if this runner still holds it. A
    database error here is logged: the lease then runs out by itself."""
    from django.db.models import F

    try:
        JobRun.objects.filter(name=job.name, last_started_at=started).update(
            lease_until=None,
            last_finished_at=timezone.now(),
            last_status=status,
            last_result=text,
            runs=F("runs") + 1,
            failures=F("failures") + (1 if status == "failed" else 0),
        )
    except DatabaseError as exc:
        log.error("job %s: could not record its end: %s", job.name, exc)
        _database_lost()


def run_due(*, force: bool = False, only: list[str] | None = None) -> list[JobOutcome]:
    jobs = registered_jobs()
    names = only or sorted(jobs)
    return [run_job(jobs[name], force=force) for name in names]


@register_job("core.prune_rate_limits", every=timedelta(hours=1))
def prune_rate_limits() -> str:
    from kotacerdas.core.services.ratelimit import rate_prune

    return f"pruned {rate_prune()} old rate-limit windows"
