"""Map-first reporting: what is already reported near a point (and in which kecamatan
the point lies), supporting an existing report, and the public map and list."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kotacerdas.core.models import Kecamatan
from kotacerdas.core.permissions import PUBLIC, access
from kotacerdas.core.tenancy import request_regency
from kotacerdas.services import limits, selectors
from kotacerdas.services.models import Status
from kotacerdas.services.selectors_map import nearby_open, public_reports
from kotacerdas.services.services.areas import area_index, point_place
from kotacerdas.services.services.requests import RequestInvalid
from kotacerdas.services.services.support import request_support


def parse_coordinate(raw: str, low: int, high: int) -> Decimal | None:
    """Decimal dot or comma; None when missing or not a number in range."""
    text = (raw or "").strip()
    if "," in text and "." not in text:
        text = text.replace(",", ".", 1)
    if not text or len(text) > 20 or not text.isascii():
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    return value if value.is_finite() and low <= value <= high else None


def map_settings(regency: Any) -> dict[str, Any]:
    _index, approximate = area_index(regency)
    return {
        "tile_url": settings.KOTACERDAS_MAP_TILE_URL,
        "attribution": getattr(
            settings, "KOTACERDAS_MAP_ATTRIBUTION", "© kontributor OpenStreetMap"
        ),
        "centre": f"{regency.centre_lat},{regency.centre_lon}",
        "areas_approximate": approximate,
    }


@access(PUBLIC)
def nearby(request: HttpRequest) -> JsonResponse:
    regency = request_regency(request)
    service = selectors.service_get(regency=regency, code=request.GET.get("layanan", "")[:40])
    lat = parse_coordinate(request.GET.get("lat", ""), -90, 90)
    lon = parse_coordinate(request.GET.get("lon", ""), -180, 180)
    if service is None or lat is None or lon is None:
        return JsonResponse({"error": _("Layanan atau titik tidak valid.")}, status=400)
    place = point_place(regency=regency, lat=lat, lon=lon)
    if not place.inside:
        return JsonResponse(
            {
                "inside": False,
                "message": _("Titik ini di luar wilayah %(name)s.") % {"name": regency.name},
                "nearby": [],
            }
        )
    found = nearby_open(regency=regency, service=service, lat=float(lat), lon=float(lon))
    return JsonResponse(
        {
            "inside": True,
            "kecamatan": place.kecamatan.name if place.kecamatan else "",
            "kecamatan_id": place.kecamatan.pk if place.kecamatan else None,
            "approximate": place.approximate,
            "nearby": [
                {
                    "nomor": n.request.tracking_number,
                    "layanan": n.request.service.name,
                    "status": str(Status(n.request.status).label),
                    "jarak_m": n.distance_m,
                    "dukungan": n.supports,
                    "uraian": n.request.description[:140],
                    "url": f"/lapor/status/{n.request.tracking_number}/",
                }
                for n in found
            ],
        }
    )


@access(PUBLIC)
def support(request: HttpRequest, tracking: str) -> HttpResponse:
    regency = request_regency(request)
    item = selectors.request_by_tracking(regency=regency, tracking_number=tracking)
    if item is None or item.is_private:
        raise Http404
    if request.method == "POST":
        user = request.user if request.user.is_authenticated else None
        try:
            _support, created = request_support(
                request=item,
                user=user,
                device_id=limits.device_id(request),
            )
            messages.success(
                request,
                _("Terima kasih, dukungan Anda tercatat.")
                if created
                else _("Anda sudah mendukung laporan ini."),
            )
        except RequestInvalid as exc:
            messages.error(request, str(exc))
    return limits.device_cookie_set(
        request, redirect("services:track", tracking=item.tracking_number)
    )


@access(PUBLIC)
def public_map(request: HttpRequest) -> HttpResponse:
    regency = request_regency(request)
    params = request.GET
    kec = params.get("kecamatan", "")
    rows = list(
        public_reports(
            regency=regency,
            service_code=params.get("layanan", "")[:40],
            status=params.get("status", "open")[:16],
            kecamatan_id=int(kec) if kec.isascii() and kec.isdigit() and len(kec) < 10 else None,
        )[:200]
    )
    markers = [
        {
            "lat": float(r.lat),
            "lon": float(r.lon),
            "nomor": r.tracking_number,
            "layanan": r.service.name,
            "status": str(Status(r.status).label),
            "url": f"/lapor/status/{r.tracking_number}/",
        }
        for r in rows
        if r.lat is not None and r.lon is not None
    ]
    context = {
        "rows": rows,
        "markers": markers,
        "services": selectors.catalogue(regency=regency),
        "kecamatan": Kecamatan.objects.filter(regency=regency).order_by("name"),
        "statuses": [("open", _("Masih terbuka"))]
        + [(s.value, s.label) for s in Status if s != Status.DITOLAK],
        "params": params,
        **map_settings(regency),
    }
    return render(request, "services/public_map.html", context)
