"""Triage by officers: assign a report to a colleague of the same OPD, set its priority,
and merge a duplicate into the surviving report. The merged report is closed as a
duplicate, its reporter is told, and from then on hears about the survivor too."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from kotacerdas.core.models import Role, RoleAssignment, User
from kotacerdas.core.services.audit import audit_record
from kotacerdas.services.models import (
    Priority,
    RequestSupport,
    RequestUpdate,
    ServiceRequest,
    Status,
    UpdateKind,
)
from kotacerdas.services.selectors import staff_can_handle
from kotacerdas.services.services.handling import request_transition
from kotacerdas.services.services.requests import RequestInvalid


def colleagues(request: ServiceRequest) -> list[User]:
    """Officers of the report's OPD in its regency (who may be assigned)."""
    ids = RoleAssignment.objects.filter(
        regency_id=request.regency_id, role=Role.OFFICER, opd_id=request.opd_id
    ).values_list("user_id", flat=True)
    return list(User.objects.filter(pk__in=ids, is_active=True).order_by("username"))


def _internal(request: ServiceRequest, actor: User, note: str) -> None:
    RequestUpdate.objects.create(
        regency=request.regency,
        request=request,
        created_at=timezone.now(),
        actor=actor,
        kind=UpdateKind.NOTE,
        note=note,
        is_public=False,
    )


def request_assign(
    *, request: ServiceRequest, actor: User, assignee: User | None
) -> ServiceRequest:
    if not staff_can_handle(actor, request):
        raise PermissionDenied("Laporan ini bukan antrean OPD Anda.")
    if assignee is not None and assignee.pk not in {u.pk for u in colleagues(request)}:
        raise RequestInvalid("Hanya petugas OPD penanggung jawab yang bisa ditugaskan.", "assignee")
    with transaction.atomic():
        locked = ServiceRequest.objects.select_for_update().get(pk=request.pk)
        before = locked.assigned_to.username if locked.assigned_to else None
        locked.assigned_to = assignee
        locked.save(update_fields=["assigned_to"])
        name = assignee.get_full_name() or assignee.username if assignee else "—"
        _internal(locked, actor, f"Ditugaskan kepada {name}.")
        audit_record(
            regency=locked.regency,
            actor=actor,
            action="services.request.assign",
            obj=locked,
            before={"assigned_to": before},
            after={"assigned_to": assignee.username if assignee else None},
        )
    return locked


def request_priority_set(*, request: ServiceRequest, actor: User, priority: str) -> ServiceRequest:
    if not staff_can_handle(actor, request):
        raise PermissionDenied("Laporan ini bukan antrean OPD Anda.")
    if priority not in Priority.values:
        raise RequestInvalid("Prioritas tidak dikenal.", "priority")
    with transaction.atomic():
        locked = ServiceRequest.objects.select_for_update().get(pk=request.pk)
        before = locked.priority
        locked.priority = priority
        locked.save(update_fields=["priority"])
        _internal(locked, actor, f"Prioritas: {Priority(priority).label}.")
        audit_record(
            regency=locked.regency,
            actor=actor,
            action="services.request.priority",
            obj=locked,
            before={"priority": before},
            after={"priority": priority},
        )
    return locked


def request_merge(
    *, duplicate: ServiceRequest, survivor: ServiceRequest, actor: User
) -> ServiceRequest:
    """Closes ``duplicate`` as *ditolak* (duplicate of ``survivor``) with a public note
    naming the survivor; the duplicate's account (if any) supports the survivor, and
    status notices of the survivor reach the duplicate's reporter too."""
    if duplicate.pk == survivor.pk or duplicate.regency_id != survivor.regency_id:
        raise RequestInvalid("Pilih laporan lain yang masih terbuka untuk digabung.", "survivor")
    if survivor.duplicate_of_id is not None or not survivor.is_open:
        raise RequestInvalid("Laporan tujuan harus laporan yang masih terbuka.", "survivor")
    if not (staff_can_handle(actor, duplicate) and staff_can_handle(actor, survivor)):
        raise PermissionDenied("Laporan ini bukan antrean OPD Anda.")
    with transaction.atomic():
        merged = request_transition(
            request=duplicate,
            target=Status.DITOLAK,
            actor=actor,
            note=(
                f"Digabung dengan laporan {survivor.tracking_number} yang sudah ditangani. "
                "Kabar berikutnya mengikuti laporan tersebut."
            ),
            duplicate_of=survivor,
        )
        if merged.reporter_id is not None:
            RequestSupport.objects.get_or_create(
                regency=survivor.regency,
                request=survivor,
                user_id=merged.reporter_id,
                defaults={"created_at": timezone.now()},
            )
    return merged
