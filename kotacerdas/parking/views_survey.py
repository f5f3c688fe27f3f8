"""The korlap's spot survey from a phone: pick a spot, tap a counter per vehicle class
for a timed window, save. Works without script (type the counts); the script adds the
tap counters and the timer."""

from __future__ import annotations

from datetime import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from kotacerdas.core.models import Role
from kotacerdas.core.permissions import access, roles_rule
from kotacerdas.core.selectors import user_roles
from kotacerdas.core.tenancy import acting_user, request_regency
from kotacerdas.parking.errors import ParkingError
from kotacerdas.parking.inputs import InputRefused
from kotacerdas.parking.models import Assignment, Spot, SpotCapacity, SpotSurvey, VehicleClass
from kotacerdas.parking.selectors import sees_all_parking
from kotacerdas.parking.services.potential import MAX_COUNT, survey_record

SURVEY_RULE = roles_rule(
    read=[Role.KORLAP, Role.OFFICER, Role.ADMIN, Role.AUDITOR],
    write=[Role.KORLAP, Role.OFFICER, Role.ADMIN],
)


def _int(text: str, label: str, high: int) -> int:
    raw = (text or "").strip() or "0"
    if not raw.isascii() or not raw.isdigit() or len(raw) > 6 or int(raw) > high:
        raise InputRefused(
            _("%(label)s harus angka 0 sampai %(high)s.") % {"label": label, "high": high}
        )
    return int(raw)


def _started(text: str) -> datetime:
    raw = (text or "").strip()
    try:
        value = datetime.fromisoformat(raw) if raw.isascii() and len(raw) <= 25 else None
    except ValueError:
        value = None
    if value is None:
        raise InputRefused(_("Waktu mulai survei tidak valid."))
    return timezone.make_aware(value) if timezone.is_naive(value) else value


@access(SURVEY_RULE)
def survey(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    regency = request_regency(request)
    if not (sees_all_parking(user) or Role.KORLAP in user_roles(user)):
        raise PermissionDenied
    spots = Spot.objects.filter(regency=regency, is_active=True)
    if not sees_all_parking(user):
        spots = spots.filter(
            pk__in=Assignment.objects.filter(attendant__coordinator=user).values("spot_id")
        )
    classes = [(v, label) for v, label in VehicleClass.choices if v != VehicleClass.BICYCLE]
    if request.method == "POST":
        spot = spots.filter(code=request.POST.get("spot", "")[:20]).first()
        try:
            if spot is None:
                raise InputRefused(_("Pilih titik parkir."))
            counts = {
                v: _int(request.POST.get(f"count_{v}", ""), str(label), MAX_COUNT)
                for v, label in classes
            }
            survey_record(
                surveyor=user,
                spot=spot,
                started_at=_started(request.POST.get("started_at", "")),
                minutes=_int(request.POST.get("minutes", ""), _("Durasi"), 240),
                counts=counts,
                note=request.POST.get("note", ""),
            )
        except InputRefused as exc:
            messages.error(request, str(exc))
        except ParkingError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Survei tersimpan; perputaran titik diperbarui."))
        return redirect(request.path)
    return render(
        request,
        "parking/survey.html",
        {
            "spots": spots,
            "classes": classes,
            "now": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "capacities": SpotCapacity.objects.filter(spot__in=spots).select_related("spot"),
            "recent": SpotSurvey.objects.filter(spot__in=spots).select_related("spot")[:10],
            "all_scope": sees_all_parking(user),
        },
    )
