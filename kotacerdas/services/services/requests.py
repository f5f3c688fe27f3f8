"""Filing service requests: validation, routing, tracking numbers and photos. Handling
what was filed lives in ``handling``."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from kotacerdas.core.models import OPD, Kecamatan, Regency, User
from kotacerdas.core.services.audit import audit_record
from kotacerdas.core.tenancy import public_base
from kotacerdas.core.timeutil import zone_of
from kotacerdas.services.models import (
    DEFAULT_NOTIFY,
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
from kotacerdas.services.services.areas import point_place
from kotacerdas.services.services.photos import StoredPhoto, photo_store
from kotacerdas.services.services.reporter_tokens import reporter_link_token, reporter_token_new
from kotacerdas.services.workdays import due_after

MAX_DESCRIPTION = 4000
MAX_PHOTOS = 3
REOPEN_WINDOW_DAYS = 60
# Tracking numbers: regency prefix, year+month (regency zone), six characters from an alphabet
# without look-alikes. Random, so a number reveals nothing about its neighbours.
TRACKING_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"


class RequestInvalid(ValueError):
    """Input a client can fix; ``field`` names what was wrong."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def tracking_prefix(regency: Regency) -> str:
    """The regency's own prefix (``Regency.tracking_prefix``), else ``R`` + BPS code."""
    return regency.tracking_prefix or f"R{regency.code}"


def _new_tracking_number(regency: Regency, moment: datetime) -> str:
    stamp = moment.astimezone(zone_of(regency)).strftime("%y%m")
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
                raise RequestInvalid(f"Wajib diisi: {attr.description}", f"attribute[{attr.code}]")
            continue
        keys = attr.value_keys()
        if attr.datatype == Datatype.MULTI:
            wrong = [v for v in values if v not in keys]
            if wrong:
                raise RequestInvalid(
                    f"Pilihan {wrong[0]!r} tidak dikenal untuk: {attr.description}",
                    f"attribute[{attr.code}]",
                )
            clean[attr.code] = values
            continue
        value = values[0]
        if attr.datatype == Datatype.SINGLE and value not in keys:
            raise RequestInvalid(
                f"Pilihan {value!r} tidak dikenal untuk: {attr.description}",
                f"attribute[{attr.code}]",
            )
        if attr.datatype == Datatype.NUMBER:
            try:
                Decimal(value)
            except ArithmeticError as exc:
                raise RequestInvalid(
                    f"Isi dengan angka: {attr.description}", f"attribute[{attr.code}]"
                ) from exc
        if attr.datatype == Datatype.DATETIME:
            try:
                datetime.fromisoformat(value.replace("Z", "+00:00"))
            except ValueError as exc:
                raise RequestInvalid(
                    f"Isi dengan tanggal dan jam: {attr.description}", f"attribute[{attr.code}]"
                ) from exc
        clean[attr.code] = value[:1000]
    return clean


def contact_clean(email: str, phone: str) -> tuple[str, str]:
    """A valid email address and an Indonesian phone number in E.164, or a clear error;
    both may be empty."""
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    from kotacerdas.accounts.phone import PhoneInvalid, phone_normalise

    email = (email or "").strip()
    if email:
        try:
            validate_email(email)
        except ValidationError as exc:
            raise RequestInvalid(
                "Alamat email tidak valid. Contoh: nama@contoh.id", "email"
            ) from exc
    phone = (phone or "").strip()
    if phone:
        try:
            phone = phone_normalise(phone, mobile_only=False)
        except PhoneInvalid as exc:
            raise RequestInvalid(str(exc), "phone") from exc
    return email[:254], phone


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
    """Accepts a decimal dot or a decimal comma (``-2,5367``); ASCII digits only."""
    text = str(value).strip()
    if "," in text and "." not in text and text.count(",") == 1:
        text = text.replace(",", ".")
    label = "Lintang" if name == "lat" else "Bujur"
    if not text.isascii() or len(text) > 20:
        raise RequestInvalid(f"{label} tidak valid.", name)
    try:
        number = Decimal(text).quantize(Decimal("0.000001"))
    except ArithmeticError as exc:
        raise RequestInvalid(f"{label} tidak valid.", name) from exc
    if not number.is_finite() or not low <= number <= high:
        raise RequestInvalid(f"{label} di luar rentang.", name)
    return number


def wants_notice(request: ServiceRequest) -> bool:
    """The receipt always; later changes only for the statuses the reporter chose."""
    if request.status == Status.DITERIMA and not request.reopen_count:
        return True
    chosen = set(request.notify_statuses or DEFAULT_NOTIFY)
    return str(request.status) in {str(s) for s in chosen}


def followers_after_commit(request: ServiceRequest, note: str, base: str) -> None:
    """Reporters of duplicates merged into ``request`` follow it: they hear about its
    status changes (by their own channel, public link of the survivor)."""
    merged = ServiceRequest.objects.filter(
        regency_id=request.regency_id, duplicate_of=request
    ).exclude(reporter_email="", reporter_phone="")
    for other in merged:
        notice = StatusNotice(
            tracking_number=request.tracking_number,
            status_label=str(Status(request.status).label),
            note=note,
            link=f"{base}/lapor/status/{request.tracking_number}/",
            email=other.reporter_email,
            phone=other.reporter_phone,
            channel="whatsapp" if other.attributes.get("_notify") == "whatsapp" else "sms",
        )
        transaction.on_commit(lambda n=notice: notify_reporter(n))  # type: ignore[misc]


def notice_after_commit(request: ServiceRequest, note: str) -> None:
    if request.status != Status.DITERIMA:
        base = public_base(request.regency)
        followers_after_commit(request, note, base)
    if not (request.reporter_email or request.reporter_phone):
        return
    if not wants_notice(request) and not (
        request.duplicate_of_id and request.status == Status.DITOLAK
    ):
        return
    base = public_base(request.regency)
    notice = StatusNotice(
        tracking_number=request.tracking_number,
        status_label=str(Status(request.status).label),
        note=note,
        link=f"{base}/lapor/saya/{reporter_link_token(request)}/",
        email=request.reporter_email,
        phone=request.reporter_phone,
        channel="whatsapp" if request.attributes.get("_notify") == "whatsapp" else "sms",
    )
    transaction.on_commit(lambda: notify_reporter(notice))


def photo_attach(request: ServiceRequest, stored: StoredPhoto, kind: PhotoKind) -> RequestPhoto:
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
    require_description: bool = False,
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
    if require_description and not description:
        raise RequestInvalid("Uraian wajib diisi: ceritakan apa yang terjadi.", "description")
    address = address.strip()[:250]
    address_id = address_id.strip()[:64]
    if service.location_required and lat_d is None and not address and not address_id:
        raise RequestInvalid(
            "Lokasi wajib untuk layanan ini: pilih titik di peta atau tulis alamatnya.",
            "location",
        )
    if lat_d is not None and lon_d is not None:
        place = point_place(regency=regency, lat=lat_d, lon=lon_d)
        if not place.inside:
            raise RequestInvalid(
                f"Titik yang dipilih berada di luar wilayah {regency.name}. "
                "Geser penanda ke lokasi kejadian di dalam kabupaten.",
                "lat",
            )
        if kecamatan is None:
            kecamatan = place.kecamatan
    reporter_email, reporter_phone = contact_clean(reporter_email, reporter_phone)
    clean_attrs = attributes_clean(service, attributes or {})
    if notify_channel == "whatsapp":
        clean_attrs["_notify"] = "whatsapp"
    if len(photos) > MAX_PHOTOS:
        raise RequestInvalid(f"Maksimal {MAX_PHOTOS} foto.", "media")
    if service.requires_photo and not photos and not media_url:
        raise RequestInvalid("Layanan ini memerlukan foto.", "media")
    stored = [photo_store(p) for p in photos]  # outside the transaction: CPU and disk
    now = timezone.now()
    nonce, token_digest = reporter_token_new()
    with transaction.atomic():
        request = ServiceRequest.objects.create(
            regency=regency,
            tracking_number=_new_tracking_number(regency, now),
            reporter_token=token_digest,
            reporter_token_nonce=nonce,
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
            photo_attach(request, item, PhotoKind.REPORT)
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
            actor=reporter if reporter is not None and reporter.pk and not is_anonymous else None,
            actor_label=(
                None if reporter and not is_anonymous else f"warga ({Channel(channel).label})"
            ),
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
        notice_after_commit(request, "")
    return request
