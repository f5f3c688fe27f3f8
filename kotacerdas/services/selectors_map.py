"""Reads for the map: open reports near a point before filing (duplicate prevention) and
the public map/list. Private ("rahasia") reports never appear; no personal data."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, QuerySet
from django.utils import timezone

from kotacerdas.core.models import Regency
from kotacerdas.services.geo import distance_km
from kotacerdas.services.models import CLOSED_STATUSES, Service, ServiceRequest, Status


@dataclass(frozen=True)
class Nearby:
    request: ServiceRequest
    distance_m: int
    supports: int


def nearby_open(
    *, regency: Regency, service: Service, lat: float, lon: float, limit: int = 5
) -> list[Nearby]:
    """Open public reports of the same service within its duplicate radius and day
    window, nearest first."""
    radius = service.duplicate_radius_m
    dlat = radius / 111_320
    dlon = radius / (111_320 * max(math.cos(math.radians(lat)), 0.01))
    since = timezone.now() - timedelta(days=service.duplicate_days)
    rows = (
        ServiceRequest.objects.filter(
            regency=regency,
            service=service,
            is_private=False,
            lat__range=(lat - dlat, lat + dlat),
            lon__range=(lon - dlon, lon + dlon),
            requested_at__gte=since,
        )
        .exclude(status__in=CLOSED_STATUSES)
        .annotate(support_count=Count("supports"))
        .select_related("service")[:50]
    )
    found = []
    for row in rows:
        if row.lat is None or row.lon is None:
            continue
        metres = distance_km(lat, lon, float(row.lat), float(row.lon)) * 1000
        if metres <= radius:
            found.append(Nearby(row, round(metres), int(getattr(row, "support_count", 0))))
    found.sort(key=lambda n: n.distance_m)
    return found[:limit]


PUBLIC_STATUSES = [s for s in Status if s != Status.DITOLAK]


def public_reports(
    *,
    regency: Regency,
    service_code: str = "",
    status: str = "",
    kecamatan_id: int | None = None,
) -> QuerySet[ServiceRequest]:
    """The public map and list: not private, newest first; filters are optional."""
    qs = ServiceRequest.objects.filter(regency=regency, is_private=False).select_related(
        "service", "kecamatan"
    )
    if service_code:
        qs = qs.filter(service__code=service_code)
    if status == "open":
        qs = qs.exclude(status__in=CLOSED_STATUSES)
    elif status in {s.value for s in Status}:
        qs = qs.filter(status=status)
    if kecamatan_id is not None:
        qs = qs.filter(kecamatan_id=kecamatan_id)
    return qs.annotate(support_count=Count("supports")).order_by("-requested_at", "-id")
