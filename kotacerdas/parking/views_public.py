"""Pages for drivers, without an account: verify an attendant, complain in one tap, and
see a receipt. No personal data beyond what the vest card already shows."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from kotacerdas.core.middleware import client_ip
from kotacerdas.core.permissions import PUBLIC, access
from kotacerdas.core.services.ratelimit import rate_hit
from kotacerdas.core.tenancy import host_regency
from kotacerdas.core.timeutil import local_date
from kotacerdas.parking.complaints import COMPLAINT_KINDS, complaint_file
from kotacerdas.parking.models import Attendant, EventStatus, ParkingEvent, VehicleClass
from kotacerdas.parking.selectors import attendant_active_spots, spot_tariffs, tariff_rules
from kotacerdas.parking.vest import dynamic_merchant_name, merchant_name, normalise_code

COMPLAINTS_PER_HOUR = 10


def _find(request: HttpRequest, code: str) -> Attendant | None:
    normal = normalise_code(code)
    if not normal:
        return None
    return (
        Attendant.objects.filter(regency=host_regency(request), code=normal)
        .select_related("regency")
        .first()
    )


def _attendant(request: HttpRequest, code: str) -> Attendant:
    attendant = _find(request, code)
    if attendant is None:
        raise Http404
    return attendant


@access(PUBLIC)
def verify_lookup(request: HttpRequest) -> HttpResponse:
    """For a driver who types the code printed on the vest instead of scanning it."""
    code = request.GET.get("code", "").strip()[:32]
    if code:
        found = _find(request, code)
        if found is not None:
            return redirect("parking:verify", code=found.code)
        return _not_registered(request, code)
    return render(request, "parking/verify_lookup.html", {"code": code})


def _not_registered(request: HttpRequest, code: str) -> HttpResponse:
    """An unknown code is an answer for the driver, not an error page: do not pay, and
    here is where to report it."""
    shown = normalise_code(code) or code[:32]
    return render(
        request,
        "parking/verify_unknown.html",
        {"code": shown, "complaint_url": _complaint_url()},
        status=404,
    )


def _complaint_url() -> str:
    from kotacerdas.services.services.parking import PARKING_SERVICE_CODE

    return reverse("services:submit", kwargs={"code": PARKING_SERVICE_CODE})


@access(PUBLIC)
def verify(request: HttpRequest, code: str) -> HttpResponse:
    attendant = _find(request, code)
    if attendant is None:
        return _not_registered(request, code)
    if attendant.code != code:
        return redirect("parking:verify", code=attendant.code)
    today = local_date(attendant.regency)
    spots = attendant_active_spots(attendant, today)
    rules = tariff_rules(attendant.regency)
    table = spot_tariffs(spots[0], today, rules) if spots else {}
    tariffs = [(label, table[value]) for value, label in VehicleClass.choices if value in table]
    return render(
        request,
        "parking/verify.html",
        {
            "attendant": attendant,
            "spots": spots,
            "tariffs": tariffs,
            "kinds": COMPLAINT_KINDS,
            "valid": attendant.is_active and bool(spots),
            "merchant": merchant_name(attendant),
            "dynamic_merchant": dynamic_merchant_name(attendant.regency),
        },
    )


@access(PUBLIC)
def complain(request: HttpRequest, code: str) -> HttpResponse:
    attendant = _attendant(request, code)
    if request.method != "POST":
        return redirect("parking:verify", code=attendant.code)
    kind = request.POST.get("kind", "")
    if kind not in dict(COMPLAINT_KINDS):
        messages.error(request, _("Pilih jenis laporan."))
        return redirect("parking:verify", code=attendant.code)
    state = rate_hit(
        key=f"parking-complaint:{client_ip(request)}",
        limit=COMPLAINTS_PER_HOUR,
        window_seconds=3600,
    )
    if state.count > state.limit:
        messages.error(request, _("Terlalu banyak laporan dari perangkat ini. Coba lagi nanti."))
        return redirect("parking:verify", code=attendant.code)
    try:
        tracking = complaint_file(
            attendant=attendant,
            kind=kind,
            description=request.POST.get("description", "")[:1000],
            contact=request.POST.get("contact", "")[:120],
        )
    except ValueError as exc:  # the services module refused it (e.g. a bad contact)
        messages.error(request, str(exc))
        return redirect("parking:verify", code=attendant.code)
    messages.success(
        request, _("Laporan diterima dengan nomor %(number)s. Terima kasih.") % {"number": tracking}
    )
    return redirect("parking:verify", code=attendant.code)


@access(PUBLIC)
def receipt(request: HttpRequest, token: str) -> HttpResponse:
    event = (
        ParkingEvent.objects.filter(regency=host_regency(request), receipt_token=token)
        .select_related("spot", "attendant", "regency")
        .first()
    )
    if event is None:
        raise Http404
    paid = event.status in (EventStatus.PAID, EventStatus.CASH)
    return render(request, "parking/receipt.html", {"event": event, "paid": paid})
