"""Staff pages: the daily dashboard (Dishub, Bapenda, Diskominfo, auditors; korlap for
their team), CSV export, map, attendants with their vest cards, cash deposits and
concessions."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from kotacerdas.core.models import Role, User
from kotacerdas.core.permissions import access, roles_rule
from kotacerdas.core.selectors import user_roles
from kotacerdas.core.tenancy import acting_user, request_regency
from kotacerdas.parking.charts import bar_chart, bucket_rows
from kotacerdas.parking.errors import ParkingError
from kotacerdas.parking.inputs import (
    InputRefused,
    check_not_future,
    parse_day,
    parse_rupiah,
    parse_signed_rupiah,
)
from kotacerdas.parking.models import (
    Attendant,
    CashDeposit,
    Channel,
    CorrectionStatus,
    DepositCorrection,
    EventStatus,
    Spot,
    VehicleClass,
)
from kotacerdas.parking.potential import Gap
from kotacerdas.parking.qrimg import qris_svg, url_svg
from kotacerdas.parking.realisation import (
    MAX_RANGE_DAYS,
    range_report,
    scoped_rollups,
    target_for_range,
)
from kotacerdas.parking.selectors import (
    attendant_active_spots,
    concession_arrears,
    corrections_for,
    deposit_day_rows,
    deposits_for,
    rollup_day_shares,
    scoped_events,
    sees_all_parking,
    spot_tariffs,
    tariff_rules,
)
from kotacerdas.parking.services.money import (
    correction_decide,
    correction_request,
    deposit_maximum,
    deposit_record,
    is_dishub_approver,
)
from kotacerdas.parking.vest import merchant_name, public_url, static_qris, verify_path

STAFF_READ = roles_rule(read=[Role.OFFICER, Role.ADMIN, Role.AUDITOR, Role.KORLAP], write=[])
DEPOSIT_RULE = roles_rule(
    read=[Role.OFFICER, Role.ADMIN, Role.AUDITOR, Role.KORLAP],
    write=[Role.KORLAP, Role.OFFICER, Role.ADMIN],
)
ALL_ONLY = roles_rule(read=[Role.OFFICER, Role.ADMIN, Role.AUDITOR], write=[])


def _viewer(request: HttpRequest, *, team_ok: bool = True) -> User:
    user = acting_user(request)
    if sees_all_parking(user) or (team_ok and Role.KORLAP in user_roles(user)):
        return user
    raise PermissionDenied


def _day(request: HttpRequest) -> date:
    try:
        return date.fromisoformat(request.GET.get("date", ""))
    except ValueError:
        return timezone.localdate()


def _range(request: HttpRequest) -> tuple[date, date, str]:
    """``from``/``to`` (inclusive) or ``date``; bad or oversized input falls back to today
    with a message instead of an error page."""
    today = timezone.localdate()
    raw_from = request.GET.get("from", "") or request.GET.get("date", "")
    raw_to = request.GET.get("to", "") or raw_from
    if not raw_from:
        return today, today, ""
    try:
        start = parse_day(raw_from, label=_("Tanggal awal"))
        end = parse_day(raw_to, label=_("Tanggal akhir"))
    except InputRefused as exc:
        return today, today, str(exc)
    if end < start:
        return today, today, _("Tanggal akhir tidak boleh sebelum tanggal awal.")
    if (end - start).days + 1 > MAX_RANGE_DAYS:
        return today, today, _("Rentang tanggal terlalu panjang.")
    return start, end, ""


@access(STAFF_READ)
def dashboard(request: HttpRequest) -> HttpResponse:
    user = _viewer(request)
    regency = request_regency(request)
    start, end, problem = _range(request)
    if problem:
        messages.error(request, problem)
    report = range_report(user, regency, start, end)
    labels = dict(VehicleClass.choices)
    by_class = [
        (labels.get(k, k), v["count"], v["total"]) for k, v in sorted(report.by_class.items())
    ]
    buckets = bucket_rows(report.by_day, start, end)
    potential = report.totals["potential"]
    target, target_complete = target_for_range(regency, start, end)
    today = timezone.localdate()
    shares = None
    if start == end:
        shares = rollup_day_shares(scoped_rollups(user, regency), regency, start)
    return render(
        request,
        "parking/dashboard.html",
        {
            "start": start,
            "end": end,
            "report": report,
            "totals": report.totals,
            "by_class": by_class,
            "gap": Gap(potential=potential, realised=report.totals["total"]),
            "target": target,
            "target_complete": target_complete,
            "target_pct": round(100 * report.totals["total"] / target, 1) if target else None,
            "chart": bar_chart(
                buckets, potential_per_bucket=potential // len(buckets) if buckets else 0
            ),
            "shares": shares,
            "all_scope": sees_all_parking(user),
            "presets": [
                (_("Hari ini"), today, today),
                (_("7 hari"), today - timedelta(days=6), today),
                (_("Bulan ini"), today.replace(day=1), today),
                (_("Tahun ini"), today.replace(month=1, day=1), today),
            ],
        },
    )


EXPORT_MAX_DAYS = 92
EXPORT_HEADERS = [
    _l("Nomor order"),
    _l("Waktu (WIB)"),
    _l("Titik"),
    _l("Jukir"),
    _l("Golongan"),
    _l("Nomor polisi"),
    _l("Kanal"),
    _l("Status"),
    _l("Tarif (Rp)"),
    _l("Dibayar (Rp)"),
    _l("Tanda"),
]


def csv_writer(response: HttpResponse, request: HttpRequest) -> Any:
    """Semicolons by default (Excel in Indonesian settings reads ``,`` as the decimal
    mark); ``?pemisah=koma`` keeps commas. A BOM makes Excel read UTF-8."""
    response.write("\ufeff")
    delimiter = "," if request.GET.get("pemisah") == "koma" else ";"
    return csv.writer(response, delimiter=delimiter)


@access(STAFF_READ)
def export_csv(request: HttpRequest) -> HttpResponse:
    user = _viewer(request)
    regency = request_regency(request)
    start, end, problem = _range(request)
    if problem or (end - start).days + 1 > EXPORT_MAX_DAYS:
        messages.error(
            request,
            problem
            or _("Unduhan per transaksi paling panjang %(n)s hari.") % {"n": EXPORT_MAX_DAYS},
        )
        return redirect("parking:dashboard")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="parkir-{regency.code}-{start.isoformat()}-{end.isoformat()}.csv"'
    )
    writer = csv_writer(response, request)
    writer.writerow([str(h) for h in EXPORT_HEADERS])
    classes, channels = dict(VehicleClass.choices), dict(Channel.choices)
    statuses = dict(EventStatus.choices)
    rows = (
        scoped_events(user, regency)
        .filter(business_date__gte=start, business_date__lte=end)
        .select_related("spot", "attendant")
        .order_by("created_at", "pk")
    )
    for event in rows.iterator(chunk_size=2000):
        writer.writerow(
            [
                event.order_id,
                timezone.localtime(event.created_at).strftime("%d-%m-%Y %H:%M:%S"),
                event.spot.code,
                event.attendant.code,
                classes.get(event.vehicle_class, event.vehicle_class),
                event.plate,
                channels.get(event.channel, event.channel),
                statuses.get(event.status, event.status),
                event.amount,
                event.paid_amount,
                " ".join(event.flags),
            ]
        )
    return response


@access(ALL_ONLY)
def spot_map(request: HttpRequest) -> HttpResponse:
    _viewer(request, team_ok=False)
    regency = request_regency(request)
    today = timezone.localdate()
    rules = tariff_rules(regency)
    spots = Spot.objects.filter(regency=regency).select_related("zone")
    start, end, problem = _range(request)
    if problem:
        messages.error(request, problem)
    if "from" not in request.GET and "date" not in request.GET:
        start = today.replace(day=1)  # the map shows month-to-date by default
    realised = {
        row["code"]: row for row in range_report(acting_user(request), regency, start, end).by_spot
    }
    features = [
        {
            "code": s.code,
            "name": s.name,
            "street": s.street,
            "zone": s.zone.name,
            "model": s.zone.get_operating_model_display(),
            "legal": s.legal_basis,
            "active": s.is_active,
            "lat": float(s.lat),
            "lon": float(s.lon),
            "tariffs": spot_tariffs(s, today, rules),
            "realised": realised.get(s.code, {}).get("total", 0),
            "potential": realised.get(s.code, {}).get("potential", 0),
            "pct": realised.get(s.code, {}).get("realisation_pct"),
        }
        for s in spots
    ]
    return render(
        request,
        "parking/map.html",
        {
            "spots": spots,
            "features": features,
            "tile_url": settings.KOTACERDAS_MAP_TILE_URL,
            "attribution": settings.KOTACERDAS_MAP_ATTRIBUTION,
            "centre": [float(regency.centre_lat), float(regency.centre_lon)],
            "start": start,
            "end": end,
        },
    )


@access(STAFF_READ)
def attendants(request: HttpRequest) -> HttpResponse:
    user = _viewer(request)
    regency = request_regency(request)
    qs = Attendant.objects.filter(regency=regency).select_related("coordinator")
    if not sees_all_parking(user):
        qs = qs.filter(coordinator=user)
    today = timezone.localdate()
    rows = [(a, attendant_active_spots(a, today)) for a in qs]
    return render(request, "parking/attendants.html", {"rows": rows})


@access(STAFF_READ)
def vest_card(request: HttpRequest, code: str) -> HttpResponse:
    """A print-ready SVG card: static QRIS to pay, plain QR to verify, tariffs."""
    user = _viewer(request)
    regency = request_regency(request)
    attendant = get_object_or_404(Attendant, regency=regency, code=code.upper())
    if not sees_all_parking(user) and attendant.coordinator_id != user.pk:
        raise PermissionDenied
    today = timezone.localdate()
    spots = attendant_active_spots(attendant, today)
    table = spot_tariffs(spots[0], today, tariff_rules(regency)) if spots else {}
    tariffs = [(label, table[value]) for value, label in VehicleClass.choices if value in table]
    verify = public_url(verify_path(attendant))
    response = render(
        request,
        "parking/vest_card.svg",
        {
            "attendant": attendant,
            "regency": regency,
            "merchant": merchant_name(attendant),
            "qris_svg": qris_svg(static_qris(attendant)),
            "verify_svg": url_svg(verify),
            "verify_url": verify,
            "spot": spots[0] if spots else None,
            "tariffs": tariffs,
        },
        content_type="image/svg+xml",
    )
    if request.GET.get("download"):
        response["Content-Disposition"] = f'attachment; filename="kartu-{attendant.code}.svg"'
    return response


def _deposit_post(request: HttpRequest, user: User, team: QuerySet[Attendant]) -> str:
    """One of three actions; returns the date to show next. Every field is parsed with
    the bounded parsers, so bad input becomes a message, never a server error."""
    action = request.POST.get("action", "deposit")
    limit = deposit_maximum()
    if action == "deposit":
        attendant = get_object_or_404(team, code=request.POST.get("attendant", "")[:16])
        business_date = check_not_future(
            parse_day(request.POST.get("business_date", "")), today=timezone.localdate()
        )
        amount = parse_rupiah(
            request.POST.get("deposited_amount", ""), maximum=limit, label=_("Jumlah setoran")
        )
        deposit = deposit_record(
            recorded_by=user,
            attendant=attendant,
            business_date=business_date,
            deposited_amount=amount,
            note=request.POST.get("note", ""),
        )
        messages.success(
            request, _("Setoran %(code)s tercatat.") % {"code": deposit.attendant.code}
        )
        return business_date.isoformat()
    deposits = CashDeposit.objects.filter(regency=request_regency(request), attendant__in=team)
    if action == "correct":
        deposit = get_object_or_404(deposits, pk=_int_id(request.POST.get("deposit", "")))
        amount = parse_signed_rupiah(request.POST.get("amount", ""), maximum=limit)
        correction_request(
            requested_by=user, deposit=deposit, amount=amount, reason=request.POST.get("reason", "")
        )
        messages.success(request, _("Koreksi diajukan; menunggu persetujuan Dishub."))
        return deposit.business_date.isoformat()
    if action in ("approve", "reject"):
        correction = get_object_or_404(
            DepositCorrection.objects.filter(deposit__in=deposits),
            pk=_int_id(request.POST.get("correction", "")),
        )
        correction_decide(
            decided_by=user,
            correction=correction,
            approve=action == "approve",
            note=request.POST.get("note", ""),
        )
        messages.success(request, _("Keputusan koreksi tersimpan."))
        return correction.deposit.business_date.isoformat()
    raise InputRefused(_("Tindakan tidak dikenal."))


def _int_id(text: str) -> int:
    if not text.isascii() or not text.isdigit() or len(text) > 12:
        raise Http404
    return int(text)


@access(DEPOSIT_RULE)
def deposits(request: HttpRequest) -> HttpResponse:
    user = _viewer(request)
    regency = request_regency(request)
    day = _day(request)
    team = Attendant.objects.filter(regency=regency, is_active=True)
    if not sees_all_parking(user):
        team = team.filter(coordinator=user)
    if request.method == "POST":
        shown = day.isoformat()
        try:
            shown = _deposit_post(request, user, team)
        except InputRefused as exc:
            messages.error(request, str(exc))
        except ParkingError as exc:
            messages.error(request, exc.message)
        return redirect(f"{request.path}?date={shown}")
    return render(
        request,
        "parking/deposits.html",
        {
            "day": day,
            "rows": deposit_day_rows(team, day),
            "deposits": deposits_for(user, regency).prefetch_related("corrections")[:100],
            "corrections": corrections_for(user, regency).filter(status=CorrectionStatus.PENDING)[
                :100
            ],
            "can_approve": is_dishub_approver(user),
            "all_scope": sees_all_parking(user),
        },
    )


@access(ALL_ONLY)
def concessions(request: HttpRequest) -> HttpResponse:
    _viewer(request, team_ok=False)
    regency = request_regency(request)
    return render(
        request,
        "parking/concessions.html",
        {"rows": concession_arrears(regency, timezone.localdate())},
    )
