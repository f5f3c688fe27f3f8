"""The daily store of automatic KPI values (year to date, as of yesterday) and the
rebuild of each regency's dashboard snapshot."""

from __future__ import annotations

from datetime import timedelta

from kotacerdas.core.jobs import register_job
from kotacerdas.core.models import Regency


@register_job("programme.kpi_daily", every=timedelta(hours=24), lease=timedelta(minutes=30))
def kpi_daily() -> str:
    from kotacerdas.core.timeutil import local_date
    from kotacerdas.programme.services.kpi import kpi_store_automatic
    from kotacerdas.programme.services.snapshot import dashboard_snapshot_refresh

    stored, days = 0, set()
    for regency in Regency.objects.filter(is_active=True):
        as_of = local_date(regency) - timedelta(days=1)  # yesterday where the regency lives
        days.add(as_of.isoformat())
        stored += len(kpi_store_automatic(regency=regency, as_of=as_of, refresh_dashboard=False))
        # Rebuilt every day even when nothing new was stored, so the snapshot is never
        # more than a day behind the KPI tables whatever wrote to them.
        dashboard_snapshot_refresh(regency=regency)
    return f"stored {stored} KPI values as of {', '.join(sorted(days))}"
