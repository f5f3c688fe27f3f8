"""Periodic payment work, run by ``kotacerdas jobs run-once|loop``."""

from __future__ import annotations

import time
from datetime import timedelta

from django.conf import settings

from kotacerdas.core.jobs import register_job

DRAIN_SECONDS = 50


@register_job("payments.reconcile", every=timedelta(minutes=1))
def reconcile() -> str:
    from kotacerdas.payments.services.reconcile import reconcile_pending

    return str(reconcile_pending())


@register_job("payments.retry_inbox", every=timedelta(seconds=10))
def retry_inbox() -> str:
    """Drains what is due in batches for up to ``DRAIN_SECONDS``: with
    ``KOTACERDAS_WEBHOOK_PROCESSING = "job"`` this is where every notification is
    applied, so one batch a minute would fall behind."""
    from kotacerdas.payments.services.inbox import inbox_retry

    total, deadline = 0, time.monotonic() + DRAIN_SECONDS
    while time.monotonic() < deadline:
        done = inbox_retry(limit=500)
        total += done
        if not done:
            break
    return f"processed {total} due notifications"


@register_job("payments.simulator_deliver", every=timedelta(seconds=10))
def simulator_deliver() -> str:
    if not settings.KOTACERDAS_SIMULATOR_ENABLED:
        return "simulator disabled"
    from kotacerdas.payments.simulator.notifier import deliver_due

    return f"delivered {deliver_due()} simulator notifications"


@register_job("payments.deliver_notices", every=timedelta(seconds=10))
def deliver_notices() -> str:
    from kotacerdas.payments.services.notices import notices_deliver_due

    return f"delivered {notices_deliver_due()} owner notices"


@register_job("payments.check_owners", every=timedelta(minutes=5))
def check_owners() -> str:
    from kotacerdas.payments.services.owners import owners_check

    return str(owners_check())
