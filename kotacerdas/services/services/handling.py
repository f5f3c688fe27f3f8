"""Handling filed requests: status transitions with notes and photos, staff notes, and
the reporter's rating and reopening."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from kotacerdas.core.models import OPD, User
from kotacerdas.core.services.audit import audit_record
from kotacerdas.services.models import (
    PhotoKind,
    RequestUpdate,
    ServiceRequest,
    Status,
    UpdateKind,
)
from kotacerdas.services.selectors import staff_can_handle
from kotacerdas.services.services.photos import photo_store
from kotacerdas.services.services.requests import (
    REOPEN_WINDOW_DAYS,
    RequestInvalid,
    notice_after_commit,
    photo_attach,
)
from kotacerdas.services.workdays import due_after
from kotacerdas.services.workflow import (
    Actor,
    TransitionRefused,
    forwarding_check,
    transition_check,
)


def _phase_clock(request: ServiceRequest, target: Status, now: datetime) -> None:
    service = request.service
    if request.is_open and request.due_at is not None and now > request.due_at:
        request.sla_breached = True
    if target == Status.DITERUSKAN or (
        target == Status.DIPROSES and request.status == Status.DIVERIFIKASI
    ):
        request.forwarded_at = now
        request.due_at = due_after(request.regency, now, service.followup_days)
    elif target == Status.DIPROSES and request.status in (Status.SELESAI, Status.DITUTUP):
        request.due_at = due_after(request.regency, now, service.followup_days)
        request.resolved_at = None
        request.closed_at = None
        request.rating = None
        request.rating_comment = ""
        request.rated_at = None
        request.reopen_count += 1
        request.escalation_level = 0
        request.escalated_at = None
    elif target == Status.SELESAI:
        request.resolved_at = now
        request.due_at = due_after(request.regency, now, service.close_days)
    elif target in (Status.DITUTUP, Status.DITOLAK):
        request.closed_at = now
        request.due_at = None
    if target in (Status.DITERUSKAN, Status.SELESAI) or request.forwarded_at == now:
        request.escalation_level = 0
        request.escalated_at = None


def request_transition(
    *,
    request: ServiceRequest,
    target: Status,
    actor: User | None,
    as_actor: Actor = Actor.STAFF,
    note: str = "",
    internal_note: str = "",
    after_photo: UploadedFile | None = None,
    target_opd: OPD | None = None,
    duplicate_of: ServiceRequest | None = None,
) -> ServiceRequest:
    """The one way a status changes: checked against the transition table, one
    transaction, one timeline entry, one audit record, a notice after commit."""
    if as_actor == Actor.STAFF and (actor is None or not staff_can_handle(actor, request)):
        raise PermissionDenied("Laporan ini bukan antrean OPD Anda.")
    note = note.strip()
    if target == Status.DITOLAK and not note:
        raise RequestInvalid("Alasan penolakan wajib diisi.", "note")
    stored = photo_store(after_photo) if after_photo is not None else None
    with transaction.atomic():
        locked = (
            ServiceRequest.objects.select_for_update()
            .select_related("service", "regency", "opd")
            .get(pk=request.pk)
        )
        transition_check(locked.status, target, as_actor)
        forwarding_check(locked.status, target, forward_separate=locked.service.forward_separate)
        if target == Status.SELESAI and locked.service.after_photo_required:
            has_after = stored is not None or locked.photos.filter(kind=PhotoKind.AFTER).exists()
            if not has_after:
                raise TransitionRefused("Penyelesaian memerlukan foto sesudah perbaikan.")
        if target == Status.DIPROSES and locked.status == Status.DITUTUP:
            closed = locked.closed_at or timezone.now()
            if (timezone.now() - closed).days > REOPEN_WINDOW_DAYS:
                raise TransitionRefused("Laporan yang sudah lama ditutup tidak dapat dibuka ulang.")
        now = timezone.now()
        before = {"status": locked.status, "opd": locked.opd.code}
        _phase_clock(locked, target, now)
        if target == Status.DITERUSKAN and target_opd is not None:
            if target_opd.regency_id != locked.regency_id:
                raise RequestInvalid("OPD tidak dikenal.", "opd")
            locked.opd = target_opd
        if duplicate_of is not None and target == Status.DITOLAK:
            locked.duplicate_of = duplicate_of
        previous = locked.status
        if note:
            locked.status_notes = note[:4000]
        locked.status = target
        locked.updated_at = now
        locked.save()
        if stored is not None:
            photo_attach(locked, stored, PhotoKind.AFTER)
        RequestUpdate.objects.create(
            regency=locked.regency,
            request=locked,
            created_at=now,
            actor=actor if actor is not None and actor.pk else None,
            kind=UpdateKind.STATUS,
            status_from=previous,
            status_to=target,
            note=note[:4000],
            is_public=True,
        )
        if internal_note.strip():
            RequestUpdate.objects.create(
                regency=locked.regency,
                request=locked,
                created_at=now,
                actor=actor if actor is not None and actor.pk else None,
                kind=UpdateKind.NOTE,
                note=internal_note.strip()[:4000],
                is_public=False,
            )
        audit_record(
            regency=locked.regency,
            actor=actor,
            actor_label=None if actor else as_actor.value,
            action=f"services.request.{target}",
            obj=locked,
            before=before,
            after={
                "status": target,
                "opd": locked.opd.code,
                "due_at": locked.due_at.isoformat() if locked.due_at else None,
                "duplicate_of": duplicate_of.tracking_number if duplicate_of else None,
            },
        )
        notice_after_commit(locked, note)
    return locked


def request_note_add(
    *, request: ServiceRequest, actor: User, note: str, is_public: bool
) -> RequestUpdate:
    if not staff_can_handle(actor, request):
        raise PermissionDenied("Laporan ini bukan antrean OPD Anda.")
    note = note.strip()
    if not note:
        raise RequestInvalid("Catatan kosong.", "note")
    with transaction.atomic():
        now = timezone.now()
        update = RequestUpdate.objects.create(
            regency=request.regency,
            request=request,
            created_at=now,
            actor=actor,
            kind=UpdateKind.NOTE,
            note=note[:4000],
            is_public=is_public,
        )
        changes: dict[str, Any] = {"updated_at": now}
        if is_public:
            changes["status_notes"] = note[:4000]
        ServiceRequest.objects.filter(pk=request.pk).update(**changes)
        audit_record(
            regency=request.regency,
            actor=actor,
            action="services.request.note",
            obj=request,
            after={"public": is_public, "update": update.pk},
        )
    return update


def request_rate(*, request: ServiceRequest, rating: int, comment: str = "") -> ServiceRequest:
    """The reporter rates a resolved request (1–5); rating a *selesai* request also
    closes it, since the reporter has answered."""
    if not 1 <= rating <= 5:
        raise RequestInvalid("Nilai harus 1 sampai 5.", "rating")
    if request.status not in (Status.SELESAI, Status.DITUTUP):
        raise TransitionRefused("Penilaian hanya untuk laporan yang sudah selesai.")
    with transaction.atomic():
        locked = ServiceRequest.objects.select_for_update().get(pk=request.pk)
        locked.rating = rating
        locked.rating_comment = comment.strip()[:500]
        locked.rated_at = timezone.now()
        locked.save(update_fields=["rating", "rating_comment", "rated_at"])
        audit_record(
            regency=locked.regency,
            actor=None,
            actor_label="pelapor",
            action="services.request.rate",
            obj=locked,
            after={"rating": rating},
        )
        if locked.status == Status.SELESAI:
            locked = request_transition(
                request=locked,
                target=Status.DITUTUP,
                actor=None,
                as_actor=Actor.REPORTER,
                note=f"Pelapor memberi nilai {rating}/5.",
            )
    return locked


def request_reopen(*, request: ServiceRequest, reason: str) -> ServiceRequest:
    """The reporter says the fix did not hold: back to *diproses* with a new follow-up
    deadline."""
    if not reason.strip():
        raise RequestInvalid("Jelaskan mengapa laporan dibuka kembali.", "reason")
    return request_transition(
        request=request,
        target=Status.DIPROSES,
        actor=None,
        as_actor=Actor.REPORTER,
        note="Dibuka kembali oleh pelapor: " + reason.strip()[:1000],
    )
