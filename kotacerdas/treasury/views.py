"""Reconciliation pages for Dishub and Bapenda (auditors read): the day, the month, the
import form and one mismatch. Thin: parse, call a service or selector, render."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from kotacerdas.core.models import Role, User
from kotacerdas.core.permissions import access, roles_rule
from kotacerdas.core.tenancy import acting_user, request_regency
from kotacerdas.core.timeutil import local_date
from kotacerdas.treasury import selectors
from kotacerdas.treasury.models import ImportKind, MismatchStatus, Period
from kotacerdas.treasury.parsers import MAX_BYTES, FileRejected
from kotacerdas.treasury.services import TreasuryError
from kotacerdas.treasury.services.imports import file_import
from kotacerdas.treasury.services.recon import mismatch_resolve, signoff_create

RULE = roles_rule(read=[Role.OFFICER, Role.ADMIN, Role.AUDITOR], write=[Role.OFFICER, Role.ADMIN])


def _staff(request: HttpRequest) -> User:
    user = acting_user(request)
    if not selectors.sees_treasury(user):
        raise PermissionDenied
    return user


def _writer(request: HttpRequest) -> User:
    user = _staff(request)
    if not selectors.can_write(user):
        raise PermissionDenied
    return user


def _picked_day(raw: str, today: date) -> date | None:
    if not raw:
        return today - timedelta(days=1)
    if not raw.isascii() or len(raw) != 10:
        return None
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        return None
    return day if date(2000, 1, 1) <= day <= today else None


def _picked_month(raw: str, today: date) -> tuple[int, int] | None:
    if not raw:
        return today.year, today.month
    if not raw.isascii() or len(raw) != 7 or raw[4] != "-":
        return None
    year, month = raw[:4], raw[5:]
    if not (year.isdigit() and month.isdigit()):
        return None
    y, m = int(year), int(month)
    if not (2000 <= y <= today.year and 1 <= m <= 12) or (y, m) > (today.year, today.month):
        return None
    return y, m


def _sign(request: HttpRequest, user: User, period: str, start: date) -> None:
    try:
        signoff_create(
            regency=request_regency(request),
            period=period,
            start=start,
            actor=user,
            note=request.POST.get("note", "")[:2000],
        )
    except TreasuryError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Rekonsiliasi disahkan dan dikunci."))


@access(RULE)
def day_status(request: HttpRequest) -> HttpResponse:
    user = _staff(request)
    regency = request_regency(request)
    today = local_date(regency)
    day = _picked_day(request.GET.get("tanggal", ""), today)
    if day is None:
        messages.error(request, _("Tanggal tidak sah: pilih tanggal yang sudah lewat."))
        day = today - timedelta(days=1)
    if request.method == "POST":
        _sign(request, user, Period.DAY, day)
        return redirect(f"{reverse('treasury:day')}?tanggal={day.isoformat()}")
    row = selectors.days_table(regency, day, day)[0]
    return render(
        request,
        "treasury/day.html",
        {
            "day": day,
            "row": row,
            "mismatches": selectors.mismatches_on(regency, day),
            "lines": selectors.settlement_lines_on(regency, day),
            "credits": selectors.credits_on(regency, day),
            "signoff": row["signoff"],
            "month_signoff": selectors.signoff_for(regency, Period.MONTH, day.replace(day=1)),
            "can_sign": selectors.can_sign(user) and day < today,
            "can_write": selectors.can_write(user),
            "previous": day - timedelta(days=1),
            "next": day + timedelta(days=1) if day + timedelta(days=1) < today else None,
        },
    )


@access(RULE)
def month_status(request: HttpRequest) -> HttpResponse:
    user = _staff(request)
    regency = request_regency(request)
    today = local_date(regency)
    picked = _picked_month(request.GET.get("bulan", ""), today)
    if picked is None:
        messages.error(request, _("Bulan tidak sah: tulis TTTT-BB, paling lambat bulan ini."))
        picked = (today.year, today.month)
    start, end = selectors.month_bounds(*picked)
    if request.method == "POST":
        _sign(request, user, Period.MONTH, start)
        return redirect(f"{reverse('treasury:month')}?bulan={start:%Y-%m}")
    rows = selectors.days_table(regency, start, min(end, today))
    keys = ["paid_count", "paid_total", "gross", "fee", "net", "credited", "mismatches", "open"]
    return render(
        request,
        "treasury/month.html",
        {
            "start": start,
            "rows": rows,
            "totals": {k: sum(int(r[k]) for r in rows) for k in keys},
            "signoff": selectors.signoff_for(regency, Period.MONTH, start),
            "can_sign": selectors.can_sign(user) and end < today,
        },
    )


@access(RULE)
def import_file(request: HttpRequest) -> HttpResponse:
    user = _staff(request)
    regency = request_regency(request)
    errors: list[tuple[int, str]] = []
    if request.method == "POST":
        user = _writer(request)
        kind = request.POST.get("kind", "")[:16]
        upload = request.FILES.get("file")
        if kind not in ImportKind.values:
            messages.error(request, _("Pilih jenis berkas."))
        elif upload is None:
            messages.error(request, _("Pilih berkas yang akan diimpor."))
        elif upload.size is None or upload.size > MAX_BYTES:
            messages.error(request, _("Berkas lebih dari 5 MB."))
        else:
            try:
                outcome = file_import(
                    regency=regency,
                    kind=kind,
                    filename=(upload.name or "berkas")[:200],
                    data=upload.read(),
                    actor=user,
                )
            except FileRejected as exc:
                errors = exc.errors
                messages.error(
                    request, _("Berkas ditolak seluruhnya; tidak ada baris yang disimpan.")
                )
            else:
                if outcome.created:
                    messages.success(
                        request,
                        _("Diimpor: %(new)s baris baru, %(old)s baris sudah ada.")
                        % {"new": outcome.file.rows, "old": outcome.file.repeated},
                    )
                else:
                    messages.info(
                        request, _("Berkas ini sudah pernah diimpor; tidak ada yang berubah.")
                    )
                return redirect("treasury:import")
    return render(
        request,
        "treasury/import.html",
        {
            "kinds": ImportKind.choices,
            "errors": errors,
            "imports": selectors.recent_imports(regency),
            "can_write": selectors.can_write(user),
        },
    )


@access(RULE)
def mismatch_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _staff(request)
    regency = request_regency(request)
    mismatch = selectors.mismatch_get(regency, pk)
    if mismatch is None:
        raise Http404
    if request.method == "POST":
        user = _writer(request)
        try:
            mismatch_resolve(
                mismatch=mismatch, actor=user, note=request.POST.get("note", "")[:2000]
            )
        except TreasuryError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Selisih diselesaikan dengan catatan."))
        return redirect("treasury:mismatch", pk=pk)
    return render(
        request,
        "treasury/mismatch.html",
        {
            "m": mismatch,
            "can_resolve": selectors.can_write(user) and mismatch.status == MismatchStatus.OPEN,
        },
    )
