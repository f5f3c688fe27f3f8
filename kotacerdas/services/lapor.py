"""SP4N-LAPOR! hand-off. The national system's integration API is visible only to
registered agencies, so this adapter exchanges a documented JSON record of our own
(``kotacerdas.lapor/1``, docs/services.md): one outgoing record per report, incoming
reports marked as LAPOR!-sourced, and incoming status updates applied once per
``update_id``. Swap the transport by wrapping these functions; the shapes stay."""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from kotacerdas.core.models import Regency
from kotacerdas.core.services.audit import audit_record
from kotacerdas.services.models import (
    Channel,
    LaporUpdate,
    RequestUpdate,
    ServiceKind,
    ServiceRequest,
    Status,
    UpdateKind,
)
from kotacerdas.services.services.requests import RequestInvalid, request_submit

SCHEMA = "kotacerdas.lapor/1"
KINDS = {
    ServiceKind.COMPLAINT: "Pengaduan",
    ServiceKind.INFORMATION: "Permintaan Informasi",
    ServiceKind.APPLICATION: "Aspirasi",
}


def signature_valid(body: bytes, given: str) -> bool:
    """HMAC-SHA256 (hex) of the raw body with ``KOTACERDAS_LAPOR_SECRET``; an empty
    secret refuses everything."""
    secret = str(getattr(settings, "KOTACERDAS_LAPOR_SECRET", ""))
    if not secret or not given:
        return False
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, given.strip().lower())


def lapor_record(request: ServiceRequest) -> dict[str, Any]:
    """The outgoing record. No reporter identity when the report is anonymous or private
    (LAPOR!'s own public data excluded both)."""
    hidden = request.is_anonymous or request.is_private
    return {
        "schema": SCHEMA,
        "tracking_number": request.tracking_number,
        "lapor_id": request.lapor_id or None,
        "jenis": KINDS.get(ServiceKind(request.service.kind), "Pengaduan"),
        "kategori": request.service.name,
        "instansi": request.opd.name,
        "uraian": request.description,
        "lokasi": {
            "lat": float(request.lat) if request.lat is not None else None,
            "lon": float(request.lon) if request.lon is not None else None,
            "alamat": request.address,
            "kecamatan": request.kecamatan.name if request.kecamatan else None,
        },
        "status": request.status,
        "status_label": str(Status(request.status).label),
        "diajukan": request.requested_at.isoformat(),
        "rahasia": request.is_private,
        "anonim": request.is_anonymous,
        "pelapor": None if hidden else {"nama": request.reporter_name or None},
    }


def lapor_import(*, regency: Regency, record: dict[str, Any]) -> tuple[ServiceRequest, bool]:
    """A report that arrived through LAPOR!: filed with channel ``lapor`` and its LAPOR!
    tracking ID; the same ``lapor_id`` again returns the first request."""
    from kotacerdas.services.selectors import service_get

    lapor_id = str(record.get("lapor_id") or "").strip()[:40]
    if not lapor_id:
        raise RequestInvalid("lapor_id wajib diisi.", "lapor_id")
    found = ServiceRequest.objects.filter(regency=regency, lapor_id=lapor_id).first()
    if found is not None:
        return found, False
    service = service_get(regency=regency, code=str(record.get("layanan") or "")[:40])
    if service is None:
        raise RequestInvalid("Layanan tidak dikenal.", "layanan")
    raw_place = record.get("lokasi")
    place: dict[str, Any] = raw_place if isinstance(raw_place, dict) else {}
    created = request_submit(
        regency=regency,
        service=service,
        channel=Channel.LAPOR,
        description=str(record.get("uraian") or ""),
        lat=place.get("lat"),
        lon=place.get("lon"),
        address=str(place.get("alamat") or ""),
        attributes={k: [str(v)] for k, v in (record.get("atribut") or {}).items()},
        is_private=bool(record.get("rahasia")),
        is_anonymous=bool(record.get("anonim", True)),
        require_description=True,
    )
    ServiceRequest.objects.filter(pk=created.pk).update(lapor_id=lapor_id)
    created.lapor_id = lapor_id
    return created, True


def lapor_update_apply(*, regency: Regency, payload: dict[str, Any]) -> tuple[LaporUpdate, bool]:
    """Applies a status update from LAPOR! once per ``update_id``: a public timeline
    note ("Kabar dari SP4N-LAPOR!"); our own status machine is not moved from outside."""
    update_id = str(payload.get("update_id") or "").strip()[:80]
    lapor_id = str(payload.get("lapor_id") or "").strip()[:40]
    tracking = str(payload.get("tracking_number") or "").strip()[:24]
    status = str(payload.get("status") or "")
    if not update_id:
        raise RequestInvalid("update_id wajib diisi.", "update_id")
    if status not in Status.values:
        raise RequestInvalid("Status tidak dikenal.", "status")
    existing = LaporUpdate.objects.filter(regency=regency, update_id=update_id).first()
    if existing is not None:
        return existing, False
    request = (
        ServiceRequest.objects.filter(regency=regency)
        .filter(**({"lapor_id": lapor_id} if lapor_id else {"tracking_number": tracking}))
        .first()
    )
    if request is None or not (lapor_id or tracking):
        raise RequestInvalid("Laporan tidak ditemukan.", "lapor_id")
    note = str(payload.get("catatan") or "")[:2000]
    now = timezone.now()
    try:
        with transaction.atomic():
            update = LaporUpdate.objects.create(
                regency=regency,
                update_id=update_id,
                request=request,
                status=status,
                note=note,
                received_at=now,
            )
            RequestUpdate.objects.create(
                regency=regency,
                request=request,
                created_at=now,
                kind=UpdateKind.NOTE,
                note=f"Kabar dari SP4N-LAPOR!: {Status(status).label}. {note}".strip(),
                is_public=True,
            )
            audit_record(
                regency=regency,
                actor=None,
                actor_label="SP4N-LAPOR!",
                action="services.request.lapor_update",
                obj=request,
                after={"update_id": update_id, "status": status},
            )
    except IntegrityError:
        return LaporUpdate.objects.get(regency=regency, update_id=update_id), False
    return update, True
