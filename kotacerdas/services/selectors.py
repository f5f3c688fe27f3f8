"""Reads for pages, Open311, the dashboard and KPIs."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from kotacerdas.core.models import OPD, Regency, Role
from kotacerdas.core.selectors import user_roles
from kotacerdas.services.models import (
    CLOSED_STATUSES,
    RequestUpdate,
    Service,
    ServiceRequest,
    Status,
)
from kotacerdas.services.services.reporter_tokens import MAX_TOKEN_LENGTH, token_hash

OPEN_STATUSES = [s for s in Status if s not in CLOSED_STATUSES]


def catalogue(*, regency: Regency) -> QuerySet[Service]:
    return (
        Service.objects.filter(regency=regency, is_active=True)
        .select_related("opd")
        .order_by("order", "name")
    )


def service_get(*, regency: Regency, code: str) -> Service | None:
    return (
        Service.objects.filter(regency=regency, code=code, is_active=True)
        .select_related("opd")
        .first()
    )


def staff_can_handle(user: Any, request: ServiceRequest) -> bool:
    """Administrators handle every queue of their regency; an officer only the queue of
    the OPD they are bound to; auditors read but never handle."""
    if not getattr(user, "is_authenticated", False) or user.regency_id != request.regency_id:
        return False
    roles = user_roles(user)
    if Role.ADMIN in roles:
        return True
    return Role.OFFICER in roles and user.opd_id is not None and user.opd_id == request.opd_id


def staff_can_read(user: Any, request: ServiceRequest) -> bool:
    if staff_can_handle(user, request):
        return True
    return (
        getattr(user, "is_authenticated", False)
        and user.regency_id == request.regency_id
        and Role.AUDITOR in user_roles(user)
    )


@dataclass(frozen=True)
class ReporterView:
    """What of the reporter a staff user may see on one request.

    ``identity`` (name, account, device): never for an anonymous report, except to the
    regency's administrators (abuse handling). ``contact`` (e-mail, telephone): only with
    the identity, and for a private report only to whoever handles it (the responsible
    OPD's officers and administrators), never to auditors or other offices."""

    identity: bool
    contact: bool


IDENTITY_FIELDS = ("reporter", "reporter_name", "device_id", "account_id")
CONTACT_FIELDS = ("reporter_email", "reporter_phone")


def reporter_view(user: Any, request: ServiceRequest) -> ReporterView:
    if not staff_can_read(user, request) and not getattr(user, "is_superuser", False):
        return ReporterView(identity=False, contact=False)
    is_admin = Role.ADMIN in user_roles(user) or bool(getattr(user, "is_superuser", False))
    identity = not request.is_anonymous or is_admin
    contact = identity and (not request.is_private or staff_can_handle(user, request) or is_admin)
    return ReporterView(identity=identity, contact=contact)


def queue_for(
    *,
    user: Any,
    status: str = "",
    service_code: str = "",
    kecamatan_id: int | None = None,
    overdue_only: bool = False,
) -> QuerySet[ServiceRequest]:
    roles = user_roles(user)
    qs = ServiceRequest.objects.filter(regency_id=user.regency_id).select_related(
        "service", "opd", "kecamatan"
    )
    if not roles & {Role.ADMIN, Role.AUDITOR}:
        qs = qs.filter(opd_id=user.opd_id) if user.opd_id else qs.none()
    if status == "open":
        qs = qs.filter(status__in=OPEN_STATUSES)
    elif status:
        qs = qs.filter(status=status)
    if service_code:
        qs = qs.filter(service__code=service_code)
    if kecamatan_id:
        qs = qs.filter(kecamatan_id=kecamatan_id)
    if overdue_only:
        qs = qs.filter(status__in=OPEN_STATUSES, due_at__lt=timezone.now())
    return qs.order_by("due_at", "requested_at", "id")


def request_by_tracking(*, regency: Regency, tracking_number: str) -> ServiceRequest | None:
    return (
        ServiceRequest.objects.filter(regency=regency, tracking_number=tracking_number.upper())
        .select_related("service", "opd", "kecamatan", "regency")
        .first()
    )


def request_by_reporter_token(*, token: str) -> ServiceRequest | None:
    """The request whose reporter link carries ``token`` (stored hashed, see
    services.reporter_tokens), including links sent before tokens were hashed."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    digest = token_hash(token)
    return (
        ServiceRequest.objects.filter(Q(reporter_token=digest) | Q(reporter_token_legacy=digest))
        .select_related("service", "opd", "kecamatan", "regency")
        .first()
    )


def public_timeline(*, request: ServiceRequest) -> QuerySet[RequestUpdate]:
    return request.updates.filter(is_public=True).order_by("created_at", "id")


def full_timeline(*, request: ServiceRequest) -> QuerySet[RequestUpdate]:
    return request.updates.select_related("actor").order_by("created_at", "id")


def _distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    r = 6_371_000.0
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(a))


@dataclass(frozen=True)
class DuplicateCandidate:
    request: ServiceRequest
    distance_m: int
    days_apart: int


def duplicate_candidates(*, request: ServiceRequest, limit: int = 5) -> list[DuplicateCandidate]:
    """Requests of the same service near in space (the service's radius) and time (its
    day window), newest first, excluding rejected ones. A bounding box narrows the rows
    in SQL; the exact great-circle distance is computed here."""
    if request.lat is None or request.lon is None:
        return []
    service = request.service
    radius = service.duplicate_radius_m
    dlat = radius / 111_320
    dlon = radius / (111_320 * max(math.cos(math.radians(float(request.lat))), 0.01))
    window = timedelta(days=service.duplicate_days)
    rows = (
        ServiceRequest.objects.filter(
            regency_id=request.regency_id,
            service_id=request.service_id,
            lat__range=(float(request.lat) - dlat, float(request.lat) + dlat),
            lon__range=(float(request.lon) - dlon, float(request.lon) + dlon),
            requested_at__range=(request.requested_at - window, request.requested_at + window),
        )
        .exclude(pk=request.pk)
        .exclude(status=Status.DITOLAK)
        .order_by("-requested_at")[:50]
    )
    found = []
    for row in rows:
        assert row.lat is not None and row.lon is not None
        distance = _distance_m(
            float(request.lat), float(request.lon), float(row.lat), float(row.lon)
        )
        if distance <= radius:
            days = abs((row.requested_at - request.requested_at).days)
            found.append(DuplicateCandidate(row, round(distance), days))
    return found[:limit]


@dataclass(frozen=True)
class OpdFigures:
    opd: OPD
    total: int
    open: int
    overdue: int
    closed: int
    closed_in_time: int

    @property
    def compliance(self) -> int | None:
        """Share (%) of finished requests whose last phase ended before its deadline."""
        return round(100 * self.closed_in_time / self.closed) if self.closed else None


def dashboard(*, regency: Regency, since: datetime) -> list[OpdFigures]:
    """Volumes, SLA compliance and overdue items per OPD for requests filed since
    ``since``. One grouped query."""
    now = timezone.now()
    rows = (
        ServiceRequest.objects.filter(regency=regency, requested_at__gte=since)
        .values("opd")
        .annotate(
            total=Count("id"),
            open=Count("id", filter=Q(status__in=OPEN_STATUSES)),
            overdue=Count("id", filter=Q(status__in=OPEN_STATUSES, due_at__lt=now)),
            closed=Count("id", filter=Q(status__in=list(CLOSED_STATUSES))),
            closed_in_time=Count(
                "id", filter=Q(status__in=list(CLOSED_STATUSES), sla_breached=False)
            ),
        )
        .order_by("opd")
    )
    opds = {o.pk: o for o in OPD.objects.filter(regency=regency)}
    return [
        OpdFigures(
            opd=opds[row["opd"]],
            total=row["total"],
            open=row["open"],
            overdue=row["overdue"],
            closed=row["closed"],
            closed_in_time=row["closed_in_time"],
        )
        for row in rows
    ]


def overdue_requests(*, now: datetime) -> QuerySet[ServiceRequest]:
    return ServiceRequest.objects.filter(status__in=OPEN_STATUSES, due_at__lt=now).select_related(
        "regency", "opd", "service"
    )


def auto_close_due(*, now: datetime) -> QuerySet[ServiceRequest]:
    return ServiceRequest.objects.filter(status=Status.SELESAI, due_at__lt=now).select_related(
        "regency", "service"
    )
