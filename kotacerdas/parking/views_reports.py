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


@access(REPORT_RULE)
def pad_recap_pdf(request: HttpRequest) -> HttpResponse:
    """The same recap as the XLSX, as a PDF to print and sign."""
    from kotacerdas.parking.report_pdf import pad_recap_pdf as build

    user = acting_user(request)
    if not sees_all_parking(user):
        raise PermissionDenied
    picked = _month(request)
    if picked is None:
        messages.error(request, _("Pilih tahun (4 angka) dan bulan (1–12) yang valid."))
        return redirect("parking:dashboard")
    year, month = picked
    regency = request_regency(request)
    response = HttpResponse(build(user, regency, year, month), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="rekap-pad-parkir-{regency.code}-{year}-{month:02d}.pdf"'
    )
    return response


MAX_CARDS = 60


@access(REPORT_RULE)
def vest_cards(request: HttpRequest) -> HttpResponse:
    """Several vest cards on A4 pages for printing (the browser's print-to-PDF makes the
    PDF): four cards a page, each QR inside its own quiet zone and a gap between cards, so
    no two codes' quiet zones touch. ``?kode=JKR-0001,JKR-0002`` picks attendants."""
    from kotacerdas.parking.models import Attendant, VehicleClass
    from kotacerdas.parking.qrimg import qris_svg, url_svg
    from kotacerdas.parking.selectors import attendant_active_spots, spot_tariffs, tariff_rules
    from kotacerdas.parking.vest import (
        merchant_name,
        normalise_code,
        public_url,
        static_qris,
        verify_path,
    )

    user = acting_user(request)
    if not sees_all_parking(user):
        raise PermissionDenied
    regency = request_regency(request)
    attendants = Attendant.objects.filter(regency=regency, is_active=True).order_by("code")
    wanted = [normalise_code(c) for c in request.GET.get("kode", "")[:2000].split(",") if c.strip()]
    if wanted:
        attendants = attendants.filter(code__in=[c for c in wanted if c])
    today = timezone.localdate()
    rules = tariff_rules(regency)
    cards = []
    for attendant in attendants[:MAX_CARDS]:
        spots = attendant_active_spots(attendant, today)
        table = spot_tariffs(spots[0], today, rules) if spots else {}
        cards.append(
            {
                "attendant": attendant,
                "spot": spots[0] if spots else None,
                "merchant": merchant_name(attendant),
                "qris_svg": qris_svg(static_qris(attendant)),
                "verify_svg": url_svg(public_url(verify_path(attendant))),
                "tariffs": [(label, table[v]) for v, label in VehicleClass.choices if v in table],
            }
        )
    from django.shortcuts import render

    return render(
        request,
        "parking/vest_cards.html",
        {"cards": cards, "regency": regency, "nmid": regency.qris_nmid, "limit": MAX_CARDS},
    )
