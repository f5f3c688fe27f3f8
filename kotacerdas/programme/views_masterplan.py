"""Back-office pages for the masterplan's supporting records: commitment sheets,
the readiness assessment and the Bimtek stages. Staff and assessors of the regency
read them; the secretariat (admins, Bapperida and Diskominfo officers) edits them,
the same rule as the masterplan documents."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from kotacerdas.core.models import OPD, Regency
from kotacerdas.core.permissions import access
from kotacerdas.core.tenancy import acting_user, request_regency
from kotacerdas.programme import readiness
from kotacerdas.programme.errors import ProgrammeInputError
from kotacerdas.programme.models import (
    BimtekStage,
    CommitmentSheet,
    ReadinessAssessment,
    ReadinessComponent,
)
from kotacerdas.programme.selectors import is_secretariat
from kotacerdas.programme.services.masterplan import (
    FIRST_YEAR,
    bimtek_stage_update,
    commitment_create,
    commitment_update,
    readiness_set,
)
from kotacerdas.programme.views_staff import READ, _date, _int

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
CONDITIONS = (("good", "baik"), ("moderate", "sedang"), ("poor", "kurang"))


def _opd(regency: Regency, raw: str) -> OPD | None:
    raw = (raw or "").strip()
    if not raw:
        return None
    found = OPD.objects.filter(regency=regency, pk=_int(raw, "OPD", 1, 10**9)).first()
    if found is None:
        raise ProgrammeInputError("OPD tidak dikenal.")
    return found


def _sheet_fields(request: HttpRequest, regency: Regency) -> dict[str, Any]:
    return {
        "signatory": request.POST.get("signatory", ""),
        "opd": _opd(regency, request.POST.get("opd", "")),
        "signed_on": _date(request.POST.get("signed_on", ""), "Tanggal tanda tangan"),
        "scan": request.FILES.get("scan"),
        "is_illustrative": request.POST.get("is_illustrative") == "1",
    }


def _opds(regency: Regency) -> Any:
    return OPD.objects.filter(regency=regency).order_by("short_name")


@access(READ)
def commitments(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    regency = request_regency(request)
    if request.method == "POST":
        if not is_secretariat(user):
            raise PermissionDenied
        try:
            commitment_create(regency=regency, actor=user, **_sheet_fields(request, regency))
        except ProgrammeInputError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "Lembar komitmen tersimpan.")
            return redirect("programme:commitments")
    return render(
        request,
        "programme/commitments.html",
        {
            "sheets": CommitmentSheet.objects.filter(regency=regency).select_related("opd"),
            "opds": _opds(regency),
            "secretariat": is_secretariat(user),
            "today": timezone.localdate().isoformat(),
            "data": request.POST,
        },
    )


@access(READ)
def commitment(request: HttpRequest, sheet_id: int) -> HttpResponse:
    user = acting_user(request)
    regency = request_regency(request)
    sheet = (
        CommitmentSheet.objects.filter(regency=regency, pk=sheet_id).select_related("opd").first()
    )
    if sheet is None:
        raise Http404
    if request.method == "POST":
        if not is_secretariat(user):
            raise PermissionDenied
        try:
            commitment_update(sheet=sheet, actor=user, **_sheet_fields(request, regency))
        except ProgrammeInputError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "Lembar komitmen diperbarui.")
            return redirect("programme:commitments")
    return render(
        request,
        "programme/commitment.html",
        {
            "sheet": sheet,
            "opds": _opds(regency),
            "secretariat": is_secretariat(user),
            "today": timezone.localdate().isoformat(),
            "data": request.POST,
        },
    )


def _year_rows(regency: Regency) -> list[dict[str, Any]]:
    """Per year: each component's counts and shares, and the shares over all items."""
    years: dict[int, list[ReadinessAssessment]] = {}
    for row in ReadinessAssessment.objects.filter(regency=regency).order_by("-year", "component"):
        years.setdefault(row.year, []).append(row)
    order = list(ReadinessComponent.values)
    out = []
    for year, rows in years.items():
        rows.sort(key=lambda r: order.index(r.component))
        out.append(
            {
                "year": year,
                "components": [(r, readiness.shares(r.good, r.moderate, r.poor)) for r in rows],
                "overall": readiness.overall([(r.good, r.moderate, r.poor) for r in rows]),
                "illustrative": any(r.is_illustrative for r in rows),
            }
        )
    return out


@access(READ)
def readiness_page(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    regency = request_regency(request)
    this_year = timezone.localdate().year
    if request.method == "POST":
        if not is_secretariat(user):
            raise PermissionDenied
        try:
            year = _int(request.POST.get("year", ""), "Tahun", FIRST_YEAR, this_year)
            counts: dict[str, tuple[int, int, int]] = {}
            for component, label in ReadinessComponent.choices:
                good, moderate, poor = (
                    _int(
                        request.POST.get(f"{component}_{cond}", ""),
                        f"Jumlah butir {label} ({cond_label})",
                        0,
                        readiness.MAX_ITEMS,
                    )
                    for cond, cond_label in CONDITIONS
                )
                counts[component] = (good, moderate, poor)
            readiness_set(
                regency=regency,
                year=year,
                counts=counts,
                is_illustrative=request.POST.get("is_illustrative") == "1",
                actor=user,
            )
        except ProgrammeInputError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "Penilaian kesiapan tersimpan.")
            return redirect("programme:readiness")
    return render(
        request,
        "programme/readiness.html",
        {
            "years": _year_rows(regency),
            "components": ReadinessComponent.choices,
            "secretariat": is_secretariat(user),
            "first_year": FIRST_YEAR,
            "this_year": this_year,
            "data": request.POST,
        },
    )


@access(READ)
def bimtek(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    regency = request_regency(request)
    if request.method == "POST":
        if not is_secretariat(user):
            raise PermissionDenied
        try:
            start = request.POST.get("start_date", "").strip()
            end = request.POST.get("end_date", "").strip()
            bimtek_stage_update(
                regency=regency,
                stage=_int(request.POST.get("stage", ""), "Tahap", 1, 4),
                start_date=_date(start, "Tanggal mulai") if start else None,
                end_date=_date(end, "Tanggal selesai") if end else None,
                mentors=request.POST.get("mentors", ""),
                outputs=request.POST.get("outputs", ""),
                is_done=request.POST.get("is_done") == "1",
                actor=user,
            )
        except ProgrammeInputError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "Tahap Bimtek tersimpan.")
            return redirect("programme:bimtek")
    stored = {s.stage: s for s in BimtekStage.objects.filter(regency=regency)}
    stages = [(n, ROMAN[n], stored.get(n)) for n in (1, 2, 3, 4)]
    return render(
        request,
        "programme/bimtek.html",
        {"stages": stages, "secretariat": is_secretariat(user)},
    )
