"""Open311 GeoReport v2 at ``/open311/v2/``: thin translators over the selectors and
services of this app (see docs/services.md for conformance notes)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db.models import Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from kotacerdas.core.middleware import client_ip
from kotacerdas.core.models import Kecamatan, Regency
from kotacerdas.core.permissions import PUBLIC, access
from kotacerdas.core.services.ratelimit import rate_hit, rate_peek
from kotacerdas.core.tenancy import host_regency
from kotacerdas.services.models import (
    Channel,
    PhotoKind,
    RequestPhoto,
    Service,
    ServiceRequest,
)
from kotacerdas.services.open311 import parse
from kotacerdas.services.open311.render import error, respond, w3c
from kotacerdas.services.selectors import catalogue, service_get
from kotacerdas.services.services.apikeys import apikey_authenticate
from kotacerdas.services.services.photos import PhotoRejected
from kotacerdas.services.services.requests import RequestInvalid, request_submit
from kotacerdas.services.workflow import OPEN311_CLOSED, open311_status

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
CHANGESET = "2026-11-01T00:00:00Z"
MAX_SPAN = timedelta(days=90)
POSTS_PER_IP = (30, 600)  # 30 per 10 minutes
POSTS_PER_KEY = (600, 3600)  # 600 per hour per application
PER_SUBMITTER_PER_HOUR = 10  # per device/account the application names, as the web form
FORMATS = ("xml", "json")

View = Callable[..., HttpResponse]


class Refused(Exception):
    def __init__(self, status: int, description: str, retry_after: int = 0) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.retry_after = retry_after


def open311_view(view: View) -> View:
    """Format check, jurisdiction lookup and the error array for every endpoint."""

    @wraps(view)
    def wrapped(request: HttpRequest, fmt: str, **kwargs: Any) -> HttpResponse:
        if fmt not in FORMATS:
            return error("json", 404, f"format {fmt!r} not supported; use xml or json")
        try:
            regency = _jurisdiction(request)
            return view(request, fmt=fmt, regency=regency, **kwargs)
        except Refused as exc:
            response = error(fmt, exc.status, exc.description)
            if exc.retry_after:
                response["Retry-After"] = str(exc.retry_after)
            return response
        except parse.BadInput as exc:
            return error(fmt, 400, str(exc))

    return wrapped


def _jurisdiction(request: HttpRequest) -> Regency:
    wanted = (request.POST.get("jurisdiction_id") if request.method == "POST" else "") or (
        request.GET.get("jurisdiction_id", "")
    )
    wanted = wanted.strip()
    if not wanted:
        return host_regency(request)
    regency = Regency.objects.filter(jurisdiction_id=wanted, is_active=True).first()
    if regency is None:
        raise Refused(404, f"jurisdiction_id {wanted!r} not found")
    return regency


def _service_dict(service: Service) -> dict[str, Any]:
    return {
        "service_code": service.code,
        "service_name": service.name,
        "description": service.description,
        "metadata": bool(getattr(service, "attribute_count", 0)),
        "type": "realtime",
        "keywords": service.keywords,
        "group": service.group,
    }


def _photo_url(request: HttpRequest, photo_id: int) -> str:
    return request.build_absolute_uri(reverse("services:photo", args=[photo_id]))


def _request_dict(request: HttpRequest, row: ServiceRequest, extensions: bool) -> dict[str, Any]:
    photos: list[RequestPhoto] = getattr(row, "report_photos", [])
    # A WhatsApp media id ("whatsapp-media:…") is a reference for staff, not a URL.
    linked = row.media_url if row.media_url.startswith(("http://", "https://")) else ""
    media = _photo_url(request, photos[0].pk) if photos else linked
    closed = row.status in OPEN311_CLOSED
    data: dict[str, Any] = {
        "service_request_id": row.tracking_number,
        "status": open311_status(row.status),
        "status_notes": row.status_notes,
        "service_name": row.service.name,
        "service_code": row.service.code,
        "description": row.description,
        "agency_responsible": row.opd.name,
        "service_notice": "",
        "requested_datetime": w3c(row.requested_at),
        "updated_datetime": w3c(
            (row.closed_at or row.resolved_at or row.updated_at) if closed else row.updated_at
        ),
        "expected_datetime": "" if closed else w3c(row.due_at),
        "address": row.address,
        "address_id": row.address_id,
        "zipcode": row.zipcode,
        "lat": float(row.lat) if row.lat is not None else "",
        "long": float(row.lon) if row.lon is not None else "",
        "media_url": media,
    }
    if extensions:
        data["extended_attributes"] = {
            "detailed_status": row.status,
            "channel": row.channel,
            "kecamatan": row.kecamatan.name if row.kecamatan_id and row.kecamatan else "",
            "duplicate": row.duplicate_of.tracking_number if row.duplicate_of else "",
            "photos": [_photo_url(request, p.pk) for p in photos],
        }
    return data


def _public_requests(regency: Regency) -> Any:
    return (
        ServiceRequest.objects.filter(regency=regency, is_private=False)
        .select_related("service", "opd", "kecamatan", "duplicate_of")
        .prefetch_related(
            Prefetch(
                "photos",
                queryset=RequestPhoto.objects.filter(kind=PhotoKind.REPORT).order_by("id"),
                to_attr="report_photos",
            )
        )
    )


@access(PUBLIC)
@open311_view
def discovery(request: HttpRequest, fmt: str, regency: Regency) -> HttpResponse:
    base = request.build_absolute_uri("/open311/v2/").rstrip("/")
    payload = {
        "changeset": CHANGESET,
        "contact": f"Diskominfo {regency.name} — layanan pengaduan, {regency.jurisdiction_id}",
        "key_service": "API key: ajukan ke Diskominfo (kotacerdas apikey create --name APLIKASI)",
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": base,
                "changeset": CHANGESET,
                "type": "production",
                "formats": ["text/xml", "application/json"],
            }
        ],
    }
    return respond(fmt, "discovery", payload)


@access(PUBLIC)
@open311_view
def services(request: HttpRequest, fmt: str, regency: Regency) -> HttpResponse:
    from django.db.models import Count

    rows = catalogue(regency=regency).annotate(
        attribute_count=Count("attributes", filter=Q(attributes__variable=True))
    )
    return respond(fmt, "services", [_service_dict(s) for s in rows])


@access(PUBLIC)
@open311_view
def service_definition(request: HttpRequest, fmt: str, regency: Regency, code: str) -> HttpResponse:
    service = service_get(regency=regency, code=code)
    if service is None:
        raise Refused(404, f"service_code {code!r} not found")
    attributes = [
        {
            "variable": a.variable,
            "code": a.code,
            "datatype": a.datatype,
            "required": a.required,
            "datatype_description": a.datatype_description,
            "order": a.order,
            "description": a.description,
            "values": [{"key": v["key"], "name": v["name"]} for v in a.values],
        }
        for a in service.attributes.order_by("order")
    ]
    return respond(
        fmt, "service_definition", {"service_code": service.code, "attributes": attributes}
    )


@access(PUBLIC)
@csrf_exempt
@open311_view
def requests_collection(request: HttpRequest, fmt: str, regency: Regency) -> HttpResponse:
    if request.method == "POST":
        return _create(request, fmt, regency)
    if request.method not in ("GET", "HEAD"):
        raise Refused(400, "method not supported")
    params = request.GET
    extensions = params.get("extensions", "").lower() == "true"
    qs = _public_requests(regency)
    ids = parse.comma_list(params.get("service_request_id", ""))
    if ids:  # overrides every other parameter
        rows = qs.filter(tracking_number__in=[i.upper() for i in ids[:1000]])
        return respond(
            fmt,
            "service_requests",
            [_request_dict(request, r, extensions) for r in rows.order_by("-requested_at", "-id")],
        )
    start = (
        parse.parse_datetime(params["start_date"], "start_date")
        if params.get("start_date")
        else None
    )
    end = parse.parse_datetime(params["end_date"], "end_date") if params.get("end_date") else None
    if start and end and end < start:
        raise parse.BadInput("end_date is before start_date")
    if start and end and end - start > MAX_SPAN:
        raise parse.BadInput("start_date and end_date may not span more than 90 days")
    if start is None and end is None:
        end = timezone.now()
    if start is None:
        assert end is not None
        start = end - MAX_SPAN
    if end is None:
        end = start + MAX_SPAN
    qs = qs.filter(requested_at__gte=start, requested_at__lte=end)
    codes = parse.comma_list(params.get("service_code", ""))
    if codes:
        qs = qs.filter(service__code__in=codes)
    statuses = {s.lower() for s in parse.comma_list(params.get("status", ""))}
    if statuses - {"open", "closed"}:
        raise parse.BadInput("status must be open, closed or both (comma separated)")
    if statuses == {"open"}:
        qs = qs.exclude(status__in=list(OPEN311_CLOSED))
    elif statuses == {"closed"}:
        qs = qs.filter(status__in=list(OPEN311_CLOSED))
    window = parse.paging(params)
    rows = qs.order_by("-requested_at", "-id")[window.offset : window.offset + window.limit]
    return respond(fmt, "service_requests", [_request_dict(request, r, extensions) for r in rows])


def _post_limits(request: HttpRequest, key_id: int | None) -> list[tuple[str, int, int]]:
    """Accepted submissions only are counted (see ``_create``): per device or account of
    the client application when it names one (``device_id`` / ``account_id``), per API
    key, and per client address as a coarse ceiling."""
    ip_limit, ip_window = POSTS_PER_IP
    limits = [(f"open311:post:ip:{client_ip(request) or '-'}", ip_limit, ip_window)]
    if key_id is None:
        return limits
    key_limit, key_window = POSTS_PER_KEY
    limits.append((f"open311:post:key:{key_id}", key_limit, key_window))
    who = (request.POST.get("account_id") or request.POST.get("device_id") or "").strip()
    if who:
        digest = hashlib.sha256(who.encode("utf-8", "replace")).hexdigest()[:32]
        limits.append((f"open311:post:who:{key_id}:{digest}", PER_SUBMITTER_PER_HOUR, 3600))
    return limits


def _rate_check(limits: list[tuple[str, int, int]]) -> None:
    for key, limit, window in limits:
        state = rate_peek(key=key, limit=limit, window_seconds=window)
        if state.exceeded:
            minutes = max(1, -(-state.retry_after // 60))
            raise Refused(
                429,
                f"Terlalu banyak laporan terkirim; coba lagi dalam {minutes} menit "
                f"(too many requests; retry after {state.retry_after} s)",
                retry_after=state.retry_after,
            )


def _create(request: HttpRequest, fmt: str, regency: Regency) -> HttpResponse:
    data = request.POST
    raw_key = data.get("api_key", "") or request.GET.get("api_key", "")
    _rate_check(_post_limits(request, None))
    if not raw_key:
        raise Refused(403, "api_key is required")
    key = apikey_authenticate(regency=regency, raw=raw_key)
    if key is None:
        raise Refused(403, "api_key is invalid or revoked")
    limits = _post_limits(request, key.pk)
    _rate_check(limits)
    code = data.get("service_code", "").strip()
    if not code:
        raise Refused(400, "service_code is required")
    service = service_get(regency=regency, code=code)
    if service is None:
        raise Refused(404, f"service_code {code!r} not found")
    files: list[UploadedFile] = request.FILES.getlist("media")
    if not files:
        found = [request.FILES.get(n) for n in sorted(request.FILES) if n.startswith("photo")]
        files = [f for f in found if isinstance(f, UploadedFile)]
    kecamatan = None
    if data.get("kecamatan"):
        kecamatan = Kecamatan.objects.filter(
            regency=regency, name__iexact=data["kecamatan"]
        ).first()
    try:
        created = request_submit(
            regency=regency,
            service=service,
            channel=Channel.OPEN311,
            description=data.get("description", ""),
            lat=data.get("lat") or None,
            lon=data.get("long") or data.get("lon") or None,
            address=data.get("address_string", ""),
            address_id=data.get("address_id", ""),
            zipcode=data.get("zipcode", ""),
            kecamatan=kecamatan,
            attributes=parse.attributes(data),
            photos=files,
            media_url=data.get("media_url", "")
            if data.get("media_url", "").startswith(("http://", "https://"))
            else "",
            reporter_name=parse.names(data),
            reporter_email=data.get("email", ""),
            reporter_phone=data.get("phone", ""),
            is_private=data.get("private", "").lower() == "true",
            is_anonymous=data.get("anonymous", "").lower() == "true",
            api_key=key,
            device_id=data.get("device_id", ""),
            account_id=data.get("account_id", ""),
        )
    except RequestInvalid as exc:
        # API clients get the field name too (e.g. attribute[tingkat]) to map the error
        field = f" ({exc.field})" if exc.field.startswith("attribute[") else ""
        raise Refused(400, f"{exc}{field}") from exc
    except PhotoRejected as exc:
        raise Refused(400, str(exc)) from exc
    for key_name, limit, window in limits:  # counted only now: the request was accepted
        rate_hit(key=key_name, limit=limit, window_seconds=window)
    payload = [
        {
            "service_request_id": created.tracking_number,
            "token": created.submit_token,
            "service_notice": f"Tenggat verifikasi {w3c(created.due_at)}",
            "account_id": created.account_id,
        }
    ]
    return respond(fmt, "service_requests", payload)


@access(PUBLIC)
@open311_view
def request_detail(
    request: HttpRequest, fmt: str, regency: Regency, request_id: str
) -> HttpResponse:
    row = _public_requests(regency).filter(tracking_number=request_id.upper()).first()
    if row is None:
        raise Refused(404, f"service_request_id {request_id!r} not found")
    extensions = request.GET.get("extensions", "").lower() == "true"
    return respond(fmt, "service_requests", [_request_dict(request, row, extensions)])


@access(PUBLIC)
@open311_view
def token_detail(request: HttpRequest, fmt: str, regency: Regency, token: str) -> HttpResponse:
    row = ServiceRequest.objects.filter(regency=regency, submit_token=token).first()
    if row is None:
        raise Refused(404, f"token {token!r} not found")
    return respond(
        fmt,
        "service_requests",
        [{"service_request_id": row.tracking_number, "token": row.submit_token}],
    )
