"""Reads for views, the API and KPIs."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django.db.models import QuerySet

from kotacerdas.core.models import AuditLog, Role, RoleAssignment
from kotacerdas.core.timeutil import zone_of


def user_roles(user: Any) -> frozenset[str]:
    """Roles of a user in their own regency, memoised on the user object for the request.
    Superusers hold the administrator role implicitly."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_kc_roles", None)
    if cached is not None:
        return frozenset(cached)
    roles = set(
        RoleAssignment.objects.filter(user_id=user.pk, regency_id=user.regency_id).values_list(
            "role", flat=True
        )
    )
    if user.is_superuser:
        roles.add(Role.ADMIN)
    result = frozenset(str(r) for r in roles)
    user._kc_roles = result
    return result


def audit_log_list(
    *,
    regency_id: int,
    action: str = "",
    actor: str = "",
    object_type: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
) -> QuerySet[AuditLog]:
    from kotacerdas.core.models import Regency

    zone = zone_of(Regency.objects.filter(pk=regency_id).first())
    qs = AuditLog.objects.filter(regency_id=regency_id).select_related("actor")
    if action:
        qs = qs.filter(action__startswith=action)
    if actor:
        qs = qs.filter(actor_label__iexact=actor)
    if object_type:
        qs = qs.filter(object_type=object_type)
    if date_from:
        qs = qs.filter(created_at__gte=datetime.combine(date_from, time.min, tzinfo=zone))
    if date_to:
        qs = qs.filter(created_at__lte=datetime.combine(date_to, time.max, tzinfo=zone))
    return qs.order_by("-created_at", "-id")
