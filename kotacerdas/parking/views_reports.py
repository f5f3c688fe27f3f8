"""Downloadable reports for Bapenda and Dishub."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from kotacerdas.core.models import Role
from kotacerdas.core.permissions import access, roles_rule
from kotacerdas.core.tenancy import acting_user, request_regency
from kotacerdas.parking.reports import pad_recap_xlsx
from kotacerdas.parking.selectors import sees_all_parking

REPORT_RULE = roles_rule(read=[Role.OFFICER, Role.ADMIN, Role.AUDITOR], write=[])
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _month(request: HttpRequest) -> tuple[int, int] | None:
    today = timezone.localdate()
    raw_year = request.GET.get("tahun", str(today.year))
    raw_month = request.GET.get("bulan", str(today.month))
    if not (
        raw_year.isascii() and raw_year.isdigit() and raw_month.isascii() and raw_month.isdigit()
    ):
        return None
    if len(raw_year) != 4 or len(raw_month) > 2:
        return None
    year, month = int(raw_year), int(raw_month)
    if not (2000 <= year <= today.year + 1 and 1 <= month <= 12):
        return None
    return year, month


@access(REPORT_RULE)
def pad_recap(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    if not sees_all_parking(user):
        raise PermissionDenied
    picked = _month(request)
    if picked is None:
        messages.error(request, _("Pilih tahun (4 angka) dan bulan (1–12) yang valid."))
        return redirect("parking:dashboard")
    year, month = picked
    regency = request_regency(request)
    response = HttpResponse(pad_recap_xlsx(user, regency, year, month), content_type=XLSX)
    response["Content-Disposition"] = (
        f'attachment; filename="rekap-pad-parkir-{regency.code}-{year}-{month:02d}.xlsx"'
    )
    return response
