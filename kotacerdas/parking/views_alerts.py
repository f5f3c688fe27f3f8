"""Dishub's missing-money queue: open alerts first, each with its evidence (the day's
hours against the weekday baseline, links to the day's records) and an audited note."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from kotacerdas.core.models import Role, User
from kotacerdas.core.permissions import access, roles_rule
from kotacerdas.core.tenancy import acting_user, request_regency
from kotacerdas.parking import leakage
from kotacerdas.parking.charts import bar_chart
from kotacerdas.parking.errors import ParkingError
from kotacerdas.parking.models import (
    ALERT_TRANSITIONS,
    AlertKind,
    AlertStatus,
    LeakageAlert,
    Spot,
)
from kotacerdas.parking.selectors import sees_all_parking
from kotacerdas.parking.services.alerts import BASELINE_WEEKS, _hourly, alert_move
from kotacerdas.parking.services.money import is_dishub_approver

ALERT_RULE = roles_rule(
    read=[Role.OFFICER, Role.ADMIN, Role.AUDITOR], write=[Role.OFFICER, Role.ADMIN]
)


def _staff(request: HttpRequest) -> User:
    user = acting_user(request)
    if not sees_all_parking(user):
        raise PermissionDenied
    return user


@access(ALERT_RULE)
def alert_list(request: HttpRequest) -> HttpResponse:
    _staff(request)
    regency = request_regency(request)
    status = request.GET.get("status", AlertStatus.OPEN)
    qs = LeakageAlert.objects.filter(regency=regency).select_related("spot", "attendant")
    if status in AlertStatus.values:
        qs = qs.filter(status=status)
    return render(
        request,
        "parking/alerts.html",
        {
            "alerts": qs.order_by("-day", "kind")[:200],
            "status": status,
            "statuses": AlertStatus.choices,
            "all_scope": True,
        },
    )


@access(ALERT_RULE)
def alert_detail(request: HttpRequest, alert_id: int) -> HttpResponse:
    user = _staff(request)
    regency = request_regency(request)
    alert = get_object_or_404(
        LeakageAlert.objects.select_related("spot", "attendant"), regency=regency, pk=alert_id
    )
    if request.method == "POST":
        try:
            alert_move(
                alert=alert,
                actor=user,
                to=request.POST.get("status", "")[:20],
                note=request.POST.get("note", ""),
                evidence_url=request.POST.get("evidence_url", ""),
            )
        except ParkingError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Status peringatan diperbarui."))
        return redirect(request.path)
    hours, chart = _evidence(alert)
    moves = [
        (value, label)
        for value, label in AlertStatus.choices
        if value in ALERT_TRANSITIONS[alert.status]
    ]
    return render(
        request,
        "parking/alert_detail.html",
        {
            "alert": alert,
            "hours": hours,
            "chart": chart,
            "moves": moves,
            "can_move": is_dishub_approver(user) and bool(moves),
            "notes": alert.notes.select_related("author"),
            "weeks": BASELINE_WEEKS,
            "is_cash": alert.kind == AlertKind.CASH_NOT_DEPOSITED,
            "all_scope": True,
        },
    )


def _evidence(alert: LeakageAlert) -> tuple[list[leakage.HourBaseline], object]:
    """The day's hours at the spot against the median of the same weekday."""
    spot: Spot | None = alert.spot
    if spot is None:
        return [], None
    from datetime import timedelta

    history = [alert.day - timedelta(weeks=k) for k in range(1, BASELINE_WEEKS + 1)]
    hourly = _hourly(alert.regency, [alert.day, *history])
    hours = leakage.hourly_baseline(
        hourly.get((spot.pk, alert.day), {}),
        [hourly.get((spot.pk, d), {}) for d in history],
        range(spot.opens_at, spot.closes_at),
    )
    chart = bar_chart([(f"{h.hour:02d}", h.observed, 0) for h in hours])
    return hours, chart
