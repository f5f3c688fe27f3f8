"""Filing, handling, rating and reopening service requests."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from kotacerdas.core.models import OPD, Kecamatan, Regency, User
from kotacerdas.core.services.audit import audit_record
from kotacerdas.core.timeutil import WIB
from kotacerdas.services.models import (
    Channel,
    Datatype,
    Open311Key,
    PhotoKind,
    RequestPhoto,
    RequestUpdate,
    RoutingRule,
    Service,
    ServiceRequest,
    Status,
    UpdateKind,
)
from kotacerdas.services.notifications import StatusNotice, notify_reporter
from kotacerdas.services.selectors import staff_can_handle
from kotacerdas.services.services.photos import StoredPhoto, photo_store
from kotacerdas.services.workdays import due_after
from kotacerdas.services.workflow import Actor, TransitionRefused, transition_check

MAX_DESCRIPTION = 4000
MAX_PHOTOS = 3
REOPEN_WINDOW_DAYS = 60
# Tracking numbers: regency prefix, year+month (WIB), six characters from an alphabet
# without look-alikes. Random, so a number reveals nothing about its neighbours.
TRACKING_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
TRACKING_PREFIXES = {"6202": "KTM"}


class RequestInvalid(ValueError):
    """Input a client can fix; ``field`` names what was wrong."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def tracking_prefix(regency: Regency) -> str:
    return TRACKING_PREFIXES.get(regency.code, f"R{regency.code}")


def _new_tracking_number(regency: Regency, moment: datetime) -> str:
    stamp = moment.astimezone(WIB).strftime("%y%m")
    while True:
        tail = "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(6))
        number = f"{tracking_prefix(regency)}-{stamp}-{tail}"
        if not ServiceRequest.objects.filter(regency=regency, tracking_number=number).exists():
            return number


def attributes_clean(service: Service, raw: dict[str, list[str]]) -> dict[str, Any]:
    """Validates Open311 attribute values (``attribute[CODE]`` / ``attribute[CODE][]``)
    against the service definition. Unknown codes are ignored, as the spec allows."""
    clean: dict[str, Any] = {}
    for attr in service.attributes.filter(variable=True).order_by("order"):
        values = [v.strip() for v in raw.get(attr.code, []) if v.strip()]
        if not values:
            if attr.required:
                raise RequestInvalid(f"Atribut {attr.code} wajib diisi.", f"attribute[{attr.code}]")
            continue
        keys = attr.value_keys()
        if attr.datatype == Datatype.MULTI:
            wrong = [v for v in values if v not in keys]
            if wrong:
                raise RequestInvalid(
                    f"Nilai {wrong[0]!r} tidak dikenal untuk {attr.code}.",
                    f"attribute[{attr.code}]",
                )
            clean[attr.code] = values
            continue
        value = values[0]
        if attr.datatype == Datatype.SINGLE and value not in keys:
            raise RequestInvalid(
                f"Nilai {value!r} tidak dikenal untuk {attr.code}.", f"attribute[{attr.code}]"
            )
        if attr.datatype == Datatype.NUMBER:
            try:
                Decimal(value)
            except ArithmeticError as exc:
                raise RequestInvalid(
                    f"{attr.code} harus berupa angka.", f"attribute[{attr.code}]"
                ) from exc
        if attr.datatype == Datatype.DATETIME:
            try:
                datetime.fromisoformat(value.replace("Z", "+00:00"))
            except ValueError as exc:
                raise RequestInvalid(
                    f"{attr.code} harus tanggal-waktu ISO 8601.", f"attribute[{attr.code}]"
                ) from exc
        clean[attr.code] = value[:1000]
    return clean


def route_opd(service: Service, kecamatan: Kecamatan | None) -> OPD:
    if kecamatan is not None:
        rule = (
            RoutingRule.objects.filter(
                regency_id=service.regency_id, service=service, kecamatan=kecamatan
            )
            .select_related("opd")
            .first()
        )
        if rule is not None:
            return rule.opd
    return service.opd


def _coordinate(value: Decimal | float | str | None, low: int, high: int, name: str) -> Decimal:
    try:
        number = Decimal(str(value)).quantize(Decimal("0.000001"))
    except ArithmeticError as exc:
        raise RequestInvalid(f"{name} tidak valid.", name) from exc
    if not number.is_finite() or not low <= number <= high:
        raise RequestInvalid(f"{name} di luar rentang.", name)
    return number


def _notice_after_commit(request: ServiceRequest, note: str) -> None:
    if not (request.reporter_email or request.reporter_phone):
        return
    base = str(getattr(settings, "KOTACERDAS_PUBLIC_URL", "")).rstrip("/")
    notice = StatusNotice(
        tracking_number=request.tracking_number,
        status_label=str(Status(request.status).label),
        note=note,
        link=f"{base}/lapor/saya/{request.reporter_token}/",
        email=request.reporter_email,
        phone=request.reporter_phone,
        channel="whatsapp" if request.attributes.get("_notify") == "whatsapp" else "sms",
    )
    transaction.on_commit(lambda: notify_reporter(notice))


def _add_photo(request: ServiceRequest, stored: StoredPhoto, kind: PhotoKind) -> RequestPhoto:
    return RequestPhoto.objects.create(
        regency=request.regency,
        request=request,
        kind=kind,
        public_file=stored.public_name,
        original_name=stored.original_name,
        content_type=stored.content_type,
        width=stored.width,
        height=stored.height,
        created_at=timezone.now(),
    )


def request_submit(
    *,
    regency: Regency,
    service: Service,
    channel: Channel,
    description: str = "",
    lat: Decimal | float | str | None = None,
    lon: Decimal | float | str | None = None,
    address: str = "",
    address_id: str = "",
    zipcode: str = "",
    kecamatan: Kecamatan | None = None,
    attributes: dict[str, list[str]] | None = None,
    photos: Sequence[UploadedFile] = (),
    media_url: str = "",
    reporter: User | None = None,
    reporter_name: str = "",
    reporter_email: str = "",
    reporter_phone: str = "",
    notify_channel: str = "sms",
    is_anonymous: bool = False,
    is_private: bool = False,
    api_key: Open311Key | None = None,
    device_id: str = "",
    account_id: str = "",
) -> ServiceRequest:
    """Files a request (status *diterima*), routes it to an OPD and starts the SLA clock
    (verification and forwarding due in the service's verify days)."""
    if service.regency_id != regency.pk or not service.is_active:
        raise RequestInvalid("Layanan tidak ditemukan.", "service_code")
    description = description.strip()
    if len(description) > MAX_DESCRIPTION:
        raise RequestInvalid("Uraian maksimal 4000 karakter.", "description")
    has_point = lat not in (None, "") or lon not in (None, "")
    lat_d = lon_d = None
    if has_point:
        if lat in (None, "") or lon in (None, ""):
            raise RequestInvalid("Lintang dan bujur harus diisi keduanya.", "lat")
        lat_d = _coordinate(lat, -90, 90, "lat")
        lon_d = _coordinate(lon, -180, 180, "long")
    address = address.strip()[:250]
    address_id = address_id.strip()[:64]
    if lat_d is None and not address and not address_id:
        raise RequestInvalid(
            "Lokasi wajib: titik lintang/bujur, alamat, atau id alamat.", "location"
        )
    clean_attrs = attributes_clean(service, attributes or {})
    if notify_channel == "whatsapp":
        clean_attrs["_notify"] = "whatsapp"
    if len(photos) > MAX_PHOTOS:
        raise RequestInvalid(f"Maksimal {MAX_PHOTOS} foto.", "media")
    if service.requires_photo and not photos and not media_url:
        raise RequestInvalid("Layanan ini memerlukan foto.", "media")
    stored = [photo_store(p) for p in photos]  # outside the transaction: CPU and disk
    now = timezone.now()
    with transaction.atomic():
        request = ServiceRequest.objects.create(
            regency=regency,
            tracking_number=_new_tracking_number(regency, now),
            reporter_token=secrets.token_urlsafe(24),
            submit_token=secrets.token_hex(16),
            service=service,
            opd=route_opd(service, kecamatan),
            kecamatan=kecamatan,
            status=Status.DITERIMA,
            channel=channel,
            description=description,
            address=address,
            address_id=address_id,
            zipcode=zipcode.strip()[:10],
            lat=lat_d,
            lon=lon_d,
            attributes=clean_attrs,
            media_url=media_url[:500],
            reporter=reporter if reporter is not None and reporter.pk else None,
            reporter_name=reporter_name.strip()[:120],
            reporter_email=reporter_email.strip()[:254],
            reporter_phone=reporter_phone.strip()[:20],
            device_id=device_id[:80],
            account_id=account_id[:80],
            api_key=api_key,
            is_anonymous=is_anonymous,
            is_private=is_private,
            requested_at=now,
            updated_at=now,
            due_at=due_after(regency, now, service.verify_days),
        )
        for item in stored:
            _add_photo(request, item, PhotoKind.REPORT)
        RequestUpdate.objects.create(
            regency=regency,
            request=request,
            created_at=now,
            kind=UpdateKind.STATUS,
            status_to=Status.DITERIMA,
            note="",
            is_public=True,
        )
        audit_record(
            regency=regency,
            actor=reporter if reporter is not None and reporter.pk else None,
            actor_label=None if reporter else f"warga ({channel})",
            action="services.request.submit",
            obj=request,
            after={
                "service": service.code,
                "opd": request.opd.code,
                "channel": str(channel),
                "private": is_private,
                "anonymous": is_anonymous,
                "photos": len(stored),
            },
        )
        _notice_after_commit(request, "")
    return request


def _phase_clock(request: ServiceRequest, target: Status, now: datetime) -> None:
    service = request.service
    if request.is_open and request.due_at is not None and now > request.due_at:
        request.sla_breached = True
    if target == Status.DITERUSKAN:
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
    if target in (Status.DITERUSKAN, Status.SELESAI):
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
        if target == Status.SELESAI:
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
            _add_photo(locked, stored, PhotoKind.AFTER)
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
        _notice_after_commit(locked, note)
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
