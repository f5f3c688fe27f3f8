"""Supporting an existing open report ("dukung laporan ini") instead of filing a
duplicate: idempotent per account or device (database unique constraints)."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from kotacerdas.core.models import User
from kotacerdas.core.services.audit import audit_record
from kotacerdas.services.models import RequestSupport, ServiceRequest
from kotacerdas.services.services.requests import RequestInvalid


def request_support(
    *, request: ServiceRequest, user: User | None, device_id: str
) -> tuple[RequestSupport | None, bool]:
    """Returns (support, created). Closed or private reports cannot be supported."""
    if not request.is_open or request.is_private:
        raise RequestInvalid("Laporan ini tidak bisa didukung lagi.", "request")
    if user is None and not device_id:
        raise RequestInvalid("Perangkat tidak dikenali; aktifkan cookie.", "device")
    existing = RequestSupport.objects.filter(regency=request.regency, request=request)
    existing = (
        existing.filter(user=user)
        if user
        else existing.filter(user__isnull=True, device_id=device_id)
    )
    found = existing.first()
    if found is not None:
        return found, False
    try:
        with transaction.atomic():
            support = RequestSupport.objects.create(
                regency=request.regency,
                request=request,
                user=user,
                device_id="" if user else device_id[:80],
                created_at=timezone.now(),
            )
            audit_record(
                regency=request.regency,
                actor=None,
                actor_label="warga",
                action="services.request.support",
                obj=request,
                after={"supports": request.supports.count()},
            )
    except IntegrityError:
        return existing.first(), False
    return support, True
