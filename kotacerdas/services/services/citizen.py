"""What a signed-in citizen does with their own reports: add a comment or a photo while
the report is open, and choose which status changes they hear about."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from kotacerdas.core.models import User
from kotacerdas.core.services.audit import audit_record
from kotacerdas.services.models import (
    NOTIFIABLE_STATUSES,
    PhotoKind,
    RequestUpdate,
    ServiceRequest,
    UpdateKind,
)
from kotacerdas.services.services.photos import photo_store
from kotacerdas.services.services.requests import MAX_PHOTOS, RequestInvalid, photo_attach

MAX_COMMENT = 1000


def _own(request: ServiceRequest, user: User) -> None:
    if request.reporter_id is None or request.reporter_id != user.pk:
        raise PermissionDenied("Ini bukan laporan Anda.")


def request_reporter_add(
    *, request: ServiceRequest, user: User, comment: str = "", photo: UploadedFile | None = None
) -> RequestUpdate:
    """A comment (internal to staff and the reporter, never public: it may hold personal
    details) and/or one more photo, on the reporter's own open report."""
    _own(request, user)
    comment = comment.strip()
    if not request.is_open:
        raise RequestInvalid("Laporan sudah selesai; tambahan tidak bisa dikirim.", "comment")
    if not comment and photo is None:
        raise RequestInvalid("Tulis tambahan keterangan atau pilih foto.", "comment")
    if len(comment) > MAX_COMMENT:
        raise RequestInvalid(f"Tambahan keterangan maksimal {MAX_COMMENT} karakter.", "comment")
    if photo is not None and request.photos.filter(kind=PhotoKind.REPORT).count() >= MAX_PHOTOS + 2:
        raise RequestInvalid("Jumlah foto laporan ini sudah maksimal.", "photo")
    stored = photo_store(photo) if photo is not None else None
    now = timezone.now()
    with transaction.atomic():
        if stored is not None:
            photo_attach(request, stored, PhotoKind.REPORT)
        update = RequestUpdate.objects.create(
            regency=request.regency,
            request=request,
            created_at=now,
            actor=user,
            kind=UpdateKind.NOTE,
            note=comment or "(foto tambahan)",
            is_public=False,
        )
        ServiceRequest.objects.filter(pk=request.pk).update(updated_at=now)
        audit_record(
            regency=request.regency,
            actor=None if request.is_anonymous else user,
            actor_label="pelapor" if request.is_anonymous else None,
            action="services.request.reporter_add",
            obj=request,
            after={"photo": stored is not None, "update": update.pk},
        )
    return update


def request_notify_set(
    *, request: ServiceRequest, user: User, statuses: Iterable[str]
) -> ServiceRequest:
    """Stores the statuses to hear about. An empty choice is kept as "none" (a marker),
    not as the default set."""
    _own(request, user)
    allowed = {str(s) for s in NOTIFIABLE_STATUSES}
    chosen = sorted({s for s in statuses if s in allowed})
    request.notify_statuses = chosen or ["-"]
    request.save(update_fields=["notify_statuses"])
    return request
