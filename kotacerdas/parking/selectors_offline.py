"""Reads for cash recorded offline (kept apart from selectors.py, which is at its size
limit): what the korlap and Dishub see of late and refused records."""

from __future__ import annotations

from django.db.models import QuerySet

from kotacerdas.core.models import Regency, Role, User
from kotacerdas.core.selectors import user_roles
from kotacerdas.parking.models import OfflineRefusal, ParkingEvent
from kotacerdas.parking.selectors import scoped_events, sees_all_parking


def offline_refusals_for(user: User, regency: Regency) -> QuerySet[OfflineRefusal]:
    """Refused offline cash in the user's scope (all, the korlap's team, or own)."""
    qs = OfflineRefusal.objects.filter(regency=regency).select_related("attendant")
    if sees_all_parking(user):
        return qs
    if Role.KORLAP in user_roles(user):
        return qs.filter(attendant__coordinator=user)
    return qs.filter(attendant__user=user)


def offline_synced_for(user: User, regency: Regency) -> QuerySet[ParkingEvent]:
    """Cash events that were recorded without signal and arrived later."""
    return (
        scoped_events(user, regency)
        .filter(synced_at__isnull=False)
        .select_related("attendant", "spot")
        .order_by("-synced_at", "-id")
    )
