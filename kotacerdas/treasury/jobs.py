"""The daily reconciliation run, so that "paid but not settled" and "settled but not
credited" appear when their lag passes even on a day nobody imports a file."""

from __future__ import annotations

from datetime import timedelta

from kotacerdas.core.jobs import register_job


@register_job("treasury.reconcile", every=timedelta(hours=6))
def reconcile_job() -> str:
    from kotacerdas.core.models import Regency
    from kotacerdas.treasury.models import ImportFile
    from kotacerdas.treasury.services.recon import recon_run

    found = 0
    for regency in Regency.objects.filter(pk__in=ImportFile.objects.values("regency_id")):
        found += recon_run(regency=regency).found
    return f"{found} new mismatch(es)"
