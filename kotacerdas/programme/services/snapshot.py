"""Rebuilds the per-regency dashboard snapshot (see ``kotacerdas.programme.snapshot``).
Called by the writes that change what the dashboard shows: the daily KPI store, an
approval (which may supersede a value) and a target change. Not audited on its own:
the snapshot is derived from rows whose writes are audited."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from kotacerdas.core.models import Regency
from kotacerdas.programme.models import DashboardSnapshot
from kotacerdas.programme.snapshot import build_cards


def dashboard_snapshot_refresh(*, regency: Regency) -> DashboardSnapshot:
    cards, updated = build_cards(regency)
    values = {"cards": cards, "kpis_updated": updated, "built_at": timezone.now()}
    try:
        with transaction.atomic():
            snapshot, _made = DashboardSnapshot.objects.update_or_create(
                regency=regency, defaults=values
            )
    except IntegrityError:  # a concurrent first build stored its row first
        snapshot = DashboardSnapshot.objects.get(regency=regency)
        for key, value in values.items():
            setattr(snapshot, key, value)
        snapshot.save()
    return snapshot
