"""Public gallery, open data and BAST verification; the innovator's own pages (propose,
follow the review, fix and resubmit). Thin: parse, call a service or selector, render.
Evidence files never appear on public pages."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from kotacerdas.core.models import OPD, Kecamatan, Role
from kotacerdas.core.permissions import PUBLIC, access, roles_rule
from kotacerdas.core.tenancy import acting_user, host_regency, request_regency
from kotacerdas.innovation import selectors
from kotacerdas.innovation.elements import ELEMENTS, element_label
from kotacerdas.innovation.models import (
    Criterion,
    EvidenceFile,
    Form,
    Handover,
    Initiator,
    Innovation,
    ReviewStatus,
    Stage,
)
from kotacerdas.innovation.services.evidence import EvidenceRejected, private_storage
from kotacerdas.innovation.services.innovations import (
    Invalid,
    draft_from_data,
    innovation_revise,
    innovation_submit,
)
from kotacerdas.innovation.workflow import TransitionRefused

SIGNED_IN = roles_rule(read=list(Role))
OPEN_DATA_FIELDS = [
    "slug",
    "title",
    "problem",
    "solution",
    "form",
    "is_digital",
    "initiator_type",
    "urusan",
    "owner_opd",
    "credit_name",
    "stage",
    "trial_started_on",
    "implemented_on",
    "location",
    "lat",
    "lon",
    "elements",
    "video_url",
    "repository_url",
    "handed_over_on",
]


def _filters(request: HttpRequest) -> dict[str, str]:
    get = request.GET
    return {
        k: str(get.get(k, ""))[:100] for k in ("q", "stage", "form", "opd", "element", "digital")
    }


@access(PUBLIC)
def gallery(request: HttpRequest) -> HttpResponse:
    regency = request_regency(request)
    filters = _filters(request)
    items = list(selectors.gallery(regency=regency, **filters)[:200])
    handed = set(
        Handover.objects.filter(regency=regency, innovation__in=items).values_list(
            "innovation_id", flat=True
        )
    )
    return render(
        request,
        "innovation/gallery.html",
        {
            "items": items,
            "handed": handed,
            "filters": filters,
            "stages": Stage.choices,
            "forms": Form.choices,
            "elements": sorted(ELEMENTS.items()),
            "opds": OPD.objects.filter(regency=regency, is_active=True).order_by("short_name"),
        },
    )


@access(PUBLIC)
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    regency = request_regency(request)
    innovation = selectors.public_innovation(regency=regency, slug=slug)
    if innovation is None:
        raise Http404
    return render(
        request,
        "innovation/detail.html",
        {
            "i": innovation,
            "elements": [(c, element_label(c)) for c in innovation.elements],
            "events": innovation.events.filter(public=True).order_by("happened_on", "id"),
            "handover": selectors.handover_of(innovation),
            "agreement": selectors.partner_agreement(innovation),
        },
    )


def _open_rows(request: HttpRequest) -> list[dict[str, Any]]:
    regency = request_regency(request)
    items = list(selectors.gallery(regency=regency))
    handed = dict(
        Handover.objects.filter(regency=regency, innovation__in=items).values_list(
            "innovation_id", "handed_on"
        )
    )
    return [
        {
            "slug": i.slug,
            "title": i.title,
            "problem": i.problem,
            "solution": i.solution,
            "form": i.form,
            "is_digital": i.is_digital,
            "initiator_type": i.initiator_type,
            "urusan": i.urusan,
            "owner_opd": i.owner_opd.short_name if i.owner_opd else "",
            "credit_name": i.credit_name,
            "stage": i.stage,
            "trial_started_on": i.trial_started_on.isoformat() if i.trial_started_on else "",
            "implemented_on": i.implemented_on.isoformat() if i.implemented_on else "",
            "location": i.location,
            "lat": str(i.lat) if i.lat is not None else "",
            "lon": str(i.lon) if i.lon is not None else "",
            "elements": i.elements,
            "video_url": i.video_url,
            "repository_url": i.repository_url,
            "handed_over_on": handed[i.pk].isoformat() if i.pk in handed else "",
        }
        for i in items
    ]


@access(PUBLIC)
def open_data_json(request: HttpRequest) -> HttpResponse:
    body = json.dumps({"fields": OPEN_DATA_FIELDS, "innovations": _open_rows(request)})
    return HttpResponse(body, content_type="application/json; charset=utf-8")


def _cell(value: object) -> str:
    text = " ".join(value) if isinstance(value, list) else str(value)
    # A leading = + - @ would run as a formula when the file is opened in a spreadsheet.
    return "'" + text if text[:1] in ("=", "+", "-", "@") and not _is_number(text) else text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


@access(PUBLIC)
def open_data_csv(request: HttpRequest) -> HttpResponse:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(OPEN_DATA_FIELDS)
    for row in _open_rows(request):
        writer.writerow([_cell(row[k]) for k in OPEN_DATA_FIELDS])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="inovasi-daerah.csv"'
    return response


@access(PUBLIC)
def bast_verify(request: HttpRequest, code: str) -> HttpResponse:
    handover = (
        Handover.objects.filter(regency=host_regency(request), verify_code=code[:40])
        .select_related("innovation", "receiver_opd", "regency")
        .first()
    )
    return render(
        request, "innovation/verify.html", {"h": handover}, status=200 if handover else 404
    )


def _form_context(request: HttpRequest, data: Any, innovation: Innovation | None) -> dict[str, Any]:
    regency = request_regency(request)
    chosen_elements = (
        data.getlist("elements") if hasattr(data, "getlist") else (data or {}).get("elements", [])
    )
    chosen_criteria = (
        data.getlist("criteria")
        if hasattr(data, "getlist")
        else (data or {}).get("criteria_claimed", [])
    )
    return {
        "data": data,
        "innovation": innovation,
        "forms": Form.choices,
        "initiators": Initiator.choices,
        "criteria": Criterion.choices,
        "elements": sorted(ELEMENTS.items()),
        "chosen_elements": chosen_elements,
        "chosen_criteria": chosen_criteria,
        "kecamatan": Kecamatan.objects.filter(regency=regency).order_by("name"),
    }


def _initial(i: Innovation) -> dict[str, Any]:
    """The form's values for an existing record (what a POST would carry)."""
    return {
        "title": i.title,
        "problem": i.problem,
        "solution": i.solution,
        "form": i.form,
        "is_digital": "1" if i.is_digital else "0",
        "initiator_type": i.initiator_type,
        "urusan": i.urusan,
        "credit_name": i.credit_name,
        "location": i.location,
        "kecamatan": str(i.kecamatan_id or ""),
        "lat": "" if i.lat is None else str(i.lat),
        "lon": "" if i.lon is None else str(i.lon),
        "elements": i.elements,
        "programme_refs": " ".join(i.programme_refs),
        "partner_agreement_number": i.partner_agreement_number,
        "video_url": i.video_url,
        "repository_url": i.repository_url,
        "criteria_claimed": i.criteria_claimed,
    }


@access(SIGNED_IN)
def submit(request: HttpRequest) -> HttpResponse:
    regency = request_regency(request)
    if request.method != "POST":
        return render(request, "innovation/submit.html", _form_context(request, {}, None))
    try:
        draft = draft_from_data(
            regency=regency,
            data=request.POST,
            lists={
                "elements": request.POST.getlist("elements"),
                "criteria": request.POST.getlist("criteria"),
            },
        )
        made = innovation_submit(
            regency=regency,
            draft=draft,
            actor=acting_user(request),
            files=request.FILES.getlist("files"),
        )
    except (Invalid, EvidenceRejected) as exc:
        context = _form_context(request, request.POST, None)
        context["errors"] = exc.errors if isinstance(exc, Invalid) else {"files": str(exc)}
        return render(request, "innovation/submit.html", context, status=400)
    messages.success(request, "Usulan inovasi terkirim dan menunggu telaah Bapperida.")
    return redirect("innovation:mine-detail", slug=made.slug)


@access(SIGNED_IN)
def mine(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "innovation/mine.html",
        {"items": selectors.mine(user=request.user).order_by("-submitted_at")},
    )


@access(SIGNED_IN)
def mine_detail(request: HttpRequest, slug: str) -> HttpResponse:
    regency = request_regency(request)
    innovation = selectors.innovation_get(regency=regency, slug=slug)
    if innovation is None or innovation.innovator_id != request.user.pk:
        raise Http404
    context = _form_context(request, _initial(innovation), innovation)
    context["events"] = innovation.events.order_by("created_at", "id")
    context["can_revise"] = innovation.status == ReviewStatus.PERLU_REVISI
    context["files"] = innovation.files.all()
    if request.method == "POST":
        try:
            draft = draft_from_data(
                regency=regency,
                data=request.POST,
                lists={
                    "elements": request.POST.getlist("elements"),
                    "criteria": request.POST.getlist("criteria"),
                },
            )
            innovation_revise(
                innovation=innovation,
                draft=draft,
                actor=acting_user(request),
                files=request.FILES.getlist("files"),
            )
        except (Invalid, EvidenceRejected, TransitionRefused) as exc:
            context.update(_form_context(request, request.POST, innovation))
            context["errors"] = exc.errors if isinstance(exc, Invalid) else {"status": str(exc)}
            return render(request, "innovation/mine_detail.html", context, status=400)
        messages.success(request, "Perbaikan terkirim; usulan kembali ditelaah.")
        return redirect("innovation:mine-detail", slug=slug)
    return render(request, "innovation/mine_detail.html", context)


@access(SIGNED_IN)
def evidence_file(request: HttpRequest, file_id: int) -> HttpResponse:
    """A private evidence file, for its innovator, Bapperida, auditors and the receiving
    OPD only."""
    regency = request_regency(request)
    item = get_object_or_404(EvidenceFile, regency=regency, pk=file_id)
    user = request.user
    innovation = item.innovation
    allowed = selectors.can_read_staff(user)
    if innovation is not None and not allowed:
        handover = selectors.handover_of(innovation)
        allowed = innovation.innovator_id == user.pk or (
            handover is not None and selectors.can_adopt(user, handover)
        )
    if not allowed:
        raise PermissionDenied
    try:
        with private_storage().open(item.storage_name, "rb") as handle:
            response = HttpResponse(handle.read(), content_type=item.content_type)
    except FileNotFoundError as exc:
        raise Http404 from exc
    response["Content-Disposition"] = "attachment"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
