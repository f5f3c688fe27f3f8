"""Back-office pages of the programme (/program/). Reads are open to staff and
assessors of the same regency; writes check the finer rule in the view: the
secretariat (admins, Bapperida and Diskominfo officers) for everything, an OPD's
officers for the programmes their office leads, assessors for validation and locking."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from kotacerdas.core.models import Role
from kotacerdas.core.permissions import access, roles_rule
from kotacerdas.core.tenancy import acting_user, request_regency
from kotacerdas.programme import index as index_calc
from kotacerdas.programme.dashboard import gain_rows
from kotacerdas.programme.errors import ProgrammeInputError
from kotacerdas.programme.models import (
    Book,
    CommitmentSheet,
    Component,
    ComponentScore,
    Dimension,
    EvaluationCycle,
    KpiDefinition,
    KpiValue,
    MasterplanDocument,
    Method,
    Programme,
    ProgrammeStatus,
    ProgressUpdate,
)
from kotacerdas.programme.selectors import (
    can_report_progress,
    cycle_result,
    is_assessor,
    is_secretariat,
    kpi_series,
    pending_values,
    programmes_for,
)
from kotacerdas.programme.services.evaluation import (
    cycle_create,
    cycle_lock,
    score_self_assess,
    score_validate,
)
from kotacerdas.programme.services.files import private_storage
from kotacerdas.programme.services.kpi import kpi_value_decide, kpi_value_submit, parse_decimal
from kotacerdas.programme.services.plan import masterplan_document_add, programme_progress_report

READ = roles_rule(read=[Role.OFFICER, Role.ADMIN, Role.PENILAI])


def _date(raw: str, label: str) -> date:
    raw = (raw or "").strip()
    try:
        value = date.fromisoformat(raw) if raw.isascii() and len(raw) == 10 else None
    except ValueError:
        value = None
    if value is None:
        raise ProgrammeInputError(f"{label} harus tanggal yang sah (tttt-bb-hh).")
    return value


def _int(raw: str, label: str, low: int, high: int) -> int:
    raw = (raw or "").strip()
    if not raw.isascii() or not raw.isdigit() or len(raw) > 6 or not low <= int(raw) <= high:
        raise ProgrammeInputError(f"{label} harus bilangan bulat {low}–{high}.")
    return int(raw)


@access(READ)
def home(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    regency = request_regency(request)
    programmes = list(programmes_for(regency))
    for p in programmes:
        p.can_edit = can_report_progress(user, p)  # type: ignore[attr-defined]
    return render(
        request,
        "programme/staff_home.html",
        {"programmes": programmes, "secretariat": is_secretariat(user)},
    )


def _programme(request: HttpRequest, code: str) -> Programme:
    found = programmes_for(request_regency(request)).filter(code=code).first()
    if found is None:
        raise Http404
    return found


@access(READ)
def programme_detail(request: HttpRequest, code: str) -> HttpResponse:
    user = acting_user(request)
    programme = _programme(request, code)
    allowed = can_report_progress(user, programme)
    if request.method == "POST":
        if not allowed:
            raise PermissionDenied
        try:
            programme_progress_report(
                programme=programme,
                reported_on=_date(request.POST.get("reported_on", ""), "Tanggal"),
                progress_pct=_int(request.POST.get("progress_pct", ""), "Kemajuan", 0, 100),
                status=request.POST.get("status", ""),
                note=request.POST.get("note", ""),
                evidence=request.FILES.get("evidence"),
                actor=user,
            )
        except ProgrammeInputError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "Laporan kemajuan tersimpan.")
            return redirect("programme:programme", code=programme.code)
    return render(
        request,
        "programme/programme.html",
        {
            "p": programme,
            "can_edit": allowed,
            "updates": ProgressUpdate.objects.filter(programme=programme).select_related(
                "created_by"
            )[:20],
            "budgets": programme.budgets.order_by("year"),
            "statuses": ProgrammeStatus.choices,
            "today": timezone.localdate().isoformat(),
            "data": request.POST,
        },
    )


def _can_enter(user: Any, definition: KpiDefinition) -> bool:
    return is_secretariat(user) or (
        Role.OFFICER in _roles(user) and user.opd_id == definition.producer_id
    )


def _roles(user: Any) -> frozenset[str]:
    from kotacerdas.core.selectors import user_roles

    return user_roles(user)


@access(READ)
def kpis(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    regency = request_regency(request)
    if request.method == "POST":
        definition = KpiDefinition.objects.filter(
            regency=regency, code=request.POST.get("code", "")[:60], method=Method.MANUAL
        ).first()
        if definition is None:
            raise Http404
        if not _can_enter(user, definition):
            raise PermissionDenied
        try:
            kpi_value_submit(
                definition=definition,
                period_start=_date(request.POST.get("period_start", ""), "Awal periode"),
                period_end=_date(request.POST.get("period_end", ""), "Akhir periode"),
                value=parse_decimal(request.POST.get("value"), label="Nilai"),
                note=request.POST.get("note", ""),
                evidence=request.FILES.get("evidence"),
                actor=user,
            )
        except ProgrammeInputError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "Nilai tersimpan dan menunggu persetujuan orang kedua.")
            return redirect("programme:kpis")
    return render(
        request,
        "programme/kpis.html",
        {
            "series": kpi_series(regency, published_only=False, points=1),
            "pending": pending_values(regency),
            "manual": KpiDefinition.objects.filter(regency=regency, method=Method.MANUAL),
            "secretariat": is_secretariat(user),
            "me": user.pk,
            "data": request.POST,
        },
    )


def _value(request: HttpRequest, value_id: int) -> KpiValue:
    found = (
        KpiValue.objects.filter(regency=request_regency(request), pk=value_id)
        .select_related("definition", "regency")
        .first()
    )
    if found is None:
        raise Http404
    return found


@access(READ)
def kpi_decide(request: HttpRequest, value_id: int) -> HttpResponse:
    """POST only: the secretariat approves or rejects a submitted value."""
    user = acting_user(request)
    item = _value(request, value_id)
    if request.method != "POST":
        return redirect("programme:kpis")
    if not is_secretariat(user):
        raise PermissionDenied
    try:
        kpi_value_decide(
            item=item,
            approve=request.POST.get("decision") == "approve",
            actor=user,
            note=request.POST.get("note", "")[:200],
        )
    except ProgrammeInputError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Keputusan tersimpan.")
    return redirect("programme:kpis")


@access(READ)
def kpi_correct(request: HttpRequest, value_id: int) -> HttpResponse:
    user = acting_user(request)
    item = _value(request, value_id)
    if request.method == "POST":
        if not _can_enter(user, item.definition):
            raise PermissionDenied
        try:
            kpi_value_submit(
                definition=item.definition,
                period_start=item.period_start,
                period_end=item.period_end,
                value=parse_decimal(request.POST.get("value"), label="Nilai"),
                note=request.POST.get("note", ""),
                evidence=request.FILES.get("evidence"),
                actor=user,
                corrects=item,
                correction_reason=request.POST.get("reason", ""),
            )
        except ProgrammeInputError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "Koreksi tersimpan dan menunggu persetujuan.")
            return redirect("programme:kpis")
    return render(request, "programme/kpi_correct.html", {"item": item, "data": request.POST})


@access(READ)
def evaluations(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    regency = request_regency(request)
    if request.method == "POST":
        if not is_secretariat(user):
            raise PermissionDenied
        try:
            weights = {
                key: _int(request.POST.get(f"w_{key}", ""), "Bobot", 0, 100)
                for key in index_calc.COMPONENTS
            }
            cycle = cycle_create(
                regency=regency,
                year=_int(request.POST.get("year", ""), "Tahun", 2017, 2100),
                stage=_int(request.POST.get("stage", ""), "Tahap", 1, 2),
                weights=weights,
                letter_number=request.POST.get("letter_number", ""),
                letter=request.FILES.get("letter"),
                actor=user,
            )
        except ProgrammeInputError as exc:
            messages.error(request, str(exc))
        else:
            return redirect("programme:evaluation", cycle_id=cycle.pk)
    cycles = [(c, cycle_result(c)) for c in EvaluationCycle.objects.filter(regency=regency)]
    return render(
        request,
        "programme/evaluations.html",
        {
            "cycles": cycles,
            "secretariat": is_secretariat(user),
            "defaults": [
                (key, Component(key).label, weight)
                for key, weight in index_calc.DEFAULT_WEIGHTS.items()
            ],
            "data": request.POST,
        },
    )


@access(READ)
def evaluation(request: HttpRequest, cycle_id: int) -> HttpResponse:
    user = acting_user(request)
    regency = request_regency(request)
    cycle = EvaluationCycle.objects.filter(regency=regency, pk=cycle_id).first()
    if cycle is None:
        raise Http404
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "self":
                if not is_secretariat(user):
                    raise PermissionDenied
                dim_code = request.POST.get("dimension", "")[:2]
                score_self_assess(
                    cycle=cycle,
                    component=request.POST.get("component", "")[:12],
                    dimension=Dimension.objects.filter(code=dim_code).first() if dim_code else None,
                    score=parse_decimal(request.POST.get("score"), label="Nilai"),
                    note=request.POST.get("note", ""),
                    evidence=request.FILES.get("evidence"),
                    actor=user,
                )
            elif action in {"validate", "lock"}:
                if not is_assessor(user):
                    raise PermissionDenied
                if action == "lock":
                    cycle_lock(cycle=cycle, actor=user)
                else:
                    item = ComponentScore.objects.filter(
                        cycle=cycle, pk=_int(request.POST.get("score_id", ""), "Nilai", 1, 10**9)
                    ).first()
                    if item is None:
                        raise Http404
                    score_validate(
                        item=item,
                        score=parse_decimal(request.POST.get("score"), label="Nilai"),
                        note=request.POST.get("note", ""),
                        actor=user,
                    )
            else:
                raise Http404
        except ProgrammeInputError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "Tersimpan.")
            return redirect("programme:evaluation", cycle_id=cycle.pk)
    result = cycle_result(cycle)
    gains = gain_rows(result)
    return render(
        request,
        "programme/evaluation.html",
        {
            "cycle": cycle,
            "result": result,
            "gains": gains,
            "scores": ComponentScore.objects.filter(cycle=cycle).select_related("dimension"),
            "components": Component.choices,
            "dimensions": Dimension.objects.order_by("order"),
            "secretariat": is_secretariat(user),
            "assessor": is_assessor(user),
        },
    )


EVIDENCE_SOURCES: dict[str, tuple[Any, str]] = {
    "kemajuan": (ProgressUpdate, "evidence_name"),
    "nilai": (KpiValue, "evidence_name"),
    "komponen": (ComponentScore, "evidence_name"),
    "surat": (EvaluationCycle, "letter_name"),
    "dokumen": (MasterplanDocument, "file_name"),
    "komitmen": (CommitmentSheet, "scan_name"),
}


@access(READ)
def evidence(request: HttpRequest, kind: str, item_id: int) -> HttpResponse:
    """Private evidence files, for staff and assessors of the same regency only."""
    source = EVIDENCE_SOURCES.get(kind)
    if source is None:
        raise Http404
    model, field = source
    item = model.objects.filter(regency=request_regency(request), pk=item_id).first()
    name = getattr(item, field, "") if item is not None else ""
    if not name:
        raise Http404
    storage = private_storage()
    if not storage.exists(name):
        raise Http404
    response = FileResponse(storage.open(name, "rb"), as_attachment=True)
    response["X-Content-Type-Options"] = "nosniff"
    return response  # type: ignore[return-value]  # a streaming response, served as is


@access(READ)
def documents(request: HttpRequest) -> HttpResponse:
    """Buku 1–4 with their versions; the secretariat uploads a new version."""
    user = acting_user(request)
    regency = request_regency(request)
    if request.method == "POST":
        if not is_secretariat(user):
            raise PermissionDenied
        try:
            issued = request.POST.get("issued_on", "").strip()
            masterplan_document_add(
                regency=regency,
                book=_int(request.POST.get("book", ""), "Buku", 1, 4),
                title=request.POST.get("title", ""),
                public_summary=request.POST.get("public_summary", ""),
                issued_on=_date(issued, "Tanggal terbit") if issued else None,
                file=request.FILES.get("file"),
                actor=user,
            )
        except ProgrammeInputError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "Dokumen tersimpan.")
            return redirect("programme:documents")
    return render(
        request,
        "programme/documents.html",
        {
            "documents": MasterplanDocument.objects.filter(regency=regency),
            "books": Book.choices,
            "secretariat": is_secretariat(user),
            "data": request.POST,
        },
    )
