"""*Laporan saya*: a signed-in citizen's own reports, with status, timeline, comments,
extra photos, the rating and the notification choice."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kotacerdas.core.models import Role
from kotacerdas.core.permissions import access, roles_rule
from kotacerdas.core.tenancy import acting_user
from kotacerdas.services.models import (
    DEFAULT_NOTIFY,
    NOTIFIABLE_STATUSES,
    ServiceRequest,
    Status,
)
from kotacerdas.services.selectors import public_timeline
from kotacerdas.services.services.citizen import request_notify_set, request_reporter_add
from kotacerdas.services.services.handling import request_rate
from kotacerdas.services.services.photos import PhotoRejected
from kotacerdas.services.services.requests import RequestInvalid
from kotacerdas.services.workflow import TransitionRefused

WARGA_RULE = roles_rule(read=[Role.WARGA])


def _own_or_404(request: HttpRequest, tracking: str) -> ServiceRequest:
    user = acting_user(request)
    item = (
        ServiceRequest.objects.filter(regency=user.regency, reporter=user, tracking_number=tracking)
        .select_related("service", "opd", "kecamatan")
        .first()
    )
    if item is None:
        raise Http404
    return item


@access(WARGA_RULE)
def my_reports(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    rows = (
        ServiceRequest.objects.filter(regency=user.regency, reporter=user)
        .select_related("service", "kecamatan")
        .order_by("-requested_at", "-id")[:200]
    )
    return render(request, "services/my_reports.html", {"rows": rows})


@access(WARGA_RULE)
def my_report(request: HttpRequest, tracking: str) -> HttpResponse:
    item = _own_or_404(request, tracking)
    user = acting_user(request)
    timeline = list(public_timeline(request=item)) + list(
        item.updates.filter(is_public=False, actor=user)
    )
    timeline.sort(key=lambda u: (u.created_at, u.id))
    chosen = set(item.notify_statuses or [str(s) for s in DEFAULT_NOTIFY])
    context: dict[str, Any] = {
        "item": item,
        "timeline": timeline,
        "photos": {
            "report": list(item.photos.filter(kind="report").order_by("id")),
            "after": list(item.photos.filter(kind="after").order_by("id")),
        },
        "notify_choices": [(str(s), s.label, str(s) in chosen) for s in NOTIFIABLE_STATUSES],
        "can_rate": item.status in (Status.SELESAI, Status.DITUTUP),
    }
    return render(request, "services/my_report.html", context)


@access(roles_rule(read=[Role.WARGA]))
def my_report_add(request: HttpRequest, tracking: str) -> HttpResponse:
    item = _own_or_404(request, tracking)
    if request.method == "POST":
        try:
            request_reporter_add(
                request=item,
                user=acting_user(request),
                comment=request.POST.get("comment", ""),
                photo=request.FILES.get("photo"),
            )
            messages.success(request, _("Tambahan terkirim ke petugas."))
        except (RequestInvalid, PhotoRejected) as exc:
            messages.error(request, str(exc))
        except PermissionDenied:
            raise Http404 from None
    return redirect("services:my-report", tracking=item.tracking_number)


@access(roles_rule(read=[Role.WARGA]))
def my_report_notify(request: HttpRequest, tracking: str) -> HttpResponse:
    item = _own_or_404(request, tracking)
    if request.method == "POST":
        request_notify_set(
            request=item, user=acting_user(request), statuses=request.POST.getlist("status")
        )
        messages.success(request, _("Pilihan pemberitahuan disimpan."))
    return redirect("services:my-report", tracking=item.tracking_number)


@access(roles_rule(read=[Role.WARGA]))
def my_report_rate(request: HttpRequest, tracking: str) -> HttpResponse:
    item = _own_or_404(request, tracking)
    if request.method == "POST":
        try:
            request_rate(
                request=item,
                rating=int(request.POST.get("rating", "0") or 0),
                comment=request.POST.get("comment", ""),
            )
            messages.success(request, _("Terima kasih atas penilaian Anda."))
        except (RequestInvalid, TransitionRefused, ValueError) as exc:
            messages.error(request, str(exc))
    return redirect("services:my-report", tracking=item.tracking_number)
