"""The attendant app (``/jukir/``): server-rendered, a few KB, usable on a cheap phone
on weak 3G. A small script adds the countdown, live status and the offline notice."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.db.models import Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from kotacerdas.core.models import Role
from kotacerdas.core.money import format_rupiah
from kotacerdas.core.permissions import PUBLIC, access, roles_rule
from kotacerdas.core.tenancy import acting_user
from kotacerdas.core.timeutil import local_date
from kotacerdas.parking.errors import ParkingError
from kotacerdas.parking.models import (
    Attendant,
    EventStatus,
    OfflineRefusal,
    ParkingEvent,
    RollupDay,
    Spot,
    VehicleClass,
)
from kotacerdas.parking.qrimg import qris_svg, url_svg
from kotacerdas.parking.selectors import (
    attendant_active_spots,
    attendant_for,
    rollup_day_shares,
    spot_tariffs,
    tariff_rules,
)
from kotacerdas.parking.services.events import cash_record, charge_create
from kotacerdas.parking.vest import public_url

JUKIR_ONLY = roles_rule(read=[Role.JUKIR], write=[Role.JUKIR])
FAILED = (EventStatus.EXPIRED, EventStatus.CANCELLED)


def _me(request: HttpRequest) -> Attendant | None:
    """The attendant record of the signed-in jukir; None when an account holds the jukir
    role but Dishub has not registered it as an attendant yet."""
    return attendant_for(acting_user(request))


@access(JUKIR_ONLY)
@never_cache
def home(request: HttpRequest) -> HttpResponse:
    attendant = _me(request)
    if attendant is None:
        return render(request, "parking/jukir_unregistered.html")
    today = local_date(attendant.regency)
    spots = attendant_active_spots(attendant, today)
    chosen = (
        request.GET.get("spot")
        or request.session.get("jukir_spot")
        or (spots[0].code if spots else "")
    )
    spot = next((s for s in spots if s.code == chosen), spots[0] if spots else None)
    if spot is not None:
        request.session["jukir_spot"] = spot.code
    rules = tariff_rules(attendant.regency)
    tariffs = spot_tariffs(spot, today, rules) if spot else {}
    # Today's totals come from the daily rollup (a few rows), not from the day's events.
    mine = RollupDay.objects.filter(regency=attendant.regency, attendant=attendant)
    summary = mine.filter(day=today).aggregate(count=Sum("collected"), total=Sum("collected_rp"))
    summary = {k: int(v or 0) for k, v in summary.items()}
    shares = rollup_day_shares(mine, attendant.regency, today)
    events = ParkingEvent.objects.filter(regency=attendant.regency, attendant=attendant)
    classes = [
        (value, label, tariffs[value]) for value, label in VehicleClass.choices if value in tariffs
    ]
    return render(
        request,
        "parking/jukir_home.html",
        {
            "attendant": attendant,
            "spots": spots,
            "spot": spot,
            "classes": classes,
            "summary": summary,
            "earnings": shares["per_attendant"].get(attendant.code, 0),
            "recent": events.filter(business_date=today).select_related("spot")[:8],
            # Offline cash the server refused stays on the attendant's screen for a week.
            "refused": OfflineRefusal.objects.filter(
                regency=attendant.regency,
                attendant=attendant,
                captured_at__gte=timezone.now() - timedelta(days=7),
            )[:20],
            "owner": f"{attendant.regency.code}-{attendant.code}",
        },
    )


def _spot_of(request: HttpRequest, attendant: Attendant) -> Spot:
    spot = Spot.objects.filter(regency=attendant.regency, code=request.POST.get("spot", "")).first()
    if spot is None:
        raise ParkingError(_("Pilih titik parkir terlebih dahulu."), code="unknown_spot")
    return spot


@access(JUKIR_ONLY)
def issue(request: HttpRequest) -> HttpResponse:
    """One form, two buttons: QRIS (the default) or cash."""
    if request.method != "POST":
        return redirect("parking:jukir-home")
    attendant = _me(request)
    if attendant is None:
        return redirect("parking:jukir-home")
    try:
        spot = _spot_of(request, attendant)
        vehicle_class = request.POST.get("vehicle_class", "")
        plate = request.POST.get("plate", "")
        client_ref = request.POST.get("client_ref", "")
        if request.POST.get("channel") == "cash":
            event = cash_record(
                attendant=attendant,
                spot=spot,
                vehicle_class=vehicle_class,
                plate=plate,
                client_ref=client_ref,
            )
            messages.success(
                request, _("Tunai %(amount)s tercatat.") % {"amount": format_rupiah(event.amount)}
            )
            # Cash gets a receipt too: the next page shows its QR for the driver.
            return redirect("parking:jukir-charge", event_id=event.pk)
        event = charge_create(
            attendant=attendant,
            spot=spot,
            vehicle_class=vehicle_class,
            plate=plate,
            client_ref=client_ref,
        )
    except ParkingError as exc:
        messages.error(request, exc.message)
        return redirect("parking:jukir-home")
    except ValueError as exc:
        messages.error(request, str(exc))
        return redirect("parking:jukir-home")
    return redirect("parking:jukir-charge", event_id=event.pk)


@access(JUKIR_ONLY)
@never_cache
def charge(request: HttpRequest, event_id: int) -> HttpResponse:
    attendant = _me(request)
    if attendant is None:
        raise Http404
    event = get_object_or_404(
        ParkingEvent.objects.select_related("spot"), pk=event_id, attendant=attendant
    )
    qr_svg = qris_svg(event.qris) if event.qris and event.status == EventStatus.PENDING else ""
    receipt_path = f"/r/{event.receipt_token}"
    # A small QR of the receipt link for the driver to scan once paid (QRIS or cash);
    # rendered with the page so it is there the moment the status turns LUNAS.
    receipt_svg = "" if event.status in FAILED else url_svg(public_url(receipt_path))
    return render(
        request,
        "parking/jukir_charge.html",
        {
            "event": event,
            "qr_svg": qr_svg,
            "receipt_path": receipt_path,
            "receipt_svg": receipt_svg,
            "final": event.status in (EventStatus.PAID, EventStatus.CASH),
        },
    )


@access(PUBLIC)
def manifest(request: HttpRequest) -> HttpResponse:
    return render(request, "parking/manifest.webmanifest", content_type="application/manifest+json")


@access(PUBLIC)
def service_worker(request: HttpRequest) -> HttpResponse:
    response = render(request, "parking/sw.js", content_type="text/javascript")
    response["Service-Worker-Allowed"] = "/jukir/"
    response["Cache-Control"] = "no-cache"
    return response
