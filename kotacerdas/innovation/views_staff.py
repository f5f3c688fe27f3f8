"""Bapperida's review desk (decision, stage, handover), the printable BAST and the
receiving OPD's adoption milestones. Every view checks the OPD on the server."""

from __future__ import annotations

import segno
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from kotacerdas.core.models import OPD, Role
from kotacerdas.core.permissions import access, roles_rule
from kotacerdas.core.tenancy import acting_user, request_regency
from kotacerdas.innovation import selectors
from kotacerdas.innovation.elements import element_label
from kotacerdas.innovation.models import (
    AdoptionMilestone,
    Criterion,
    Innovation,
    Licence,
    ReviewStatus,
)
from kotacerdas.innovation.services.cleaning import day
from kotacerdas.innovation.services.evidence import EvidenceRejected
from kotacerdas.innovation.services.handover import handover_record, milestone_complete
from kotacerdas.innovation.services.innovations import (
    Invalid,
    innovation_review,
    innovation_stage_advance,
)
from kotacerdas.innovation.workflow import STAGE_NEXT, Actor, TransitionRefused, next_statuses

STAFF = roles_rule(read=[Role.OFFICER, Role.ADMIN])


def _reader(request: HttpRequest) -> None:
    if not selectors.can_read_staff(request.user):
        raise PermissionDenied


def _writer(request: HttpRequest) -> None:
    if request.method == "POST" and not selectors.is_reviewer(request.user):
        raise PermissionDenied


def _innovation(request: HttpRequest, slug: str) -> Innovation:
    found = selectors.innovation_get(regency=request_regency(request), slug=slug)
    if found is None:
        raise Http404
    return found


@access(STAFF)
def queue(request: HttpRequest) -> HttpResponse:
    _reader(request)
    status = str(request.GET.get("status", ""))[:20]
    status = status if status in ReviewStatus.values else ""
    return render(
        request,
        "innovation/queue.html",
        {
            "items": selectors.review_queue(regency=request_regency(request), status=status)[:300],
            "status": status,
            "statuses": ReviewStatus.choices,
        },
    )


@access(STAFF)
def review(request: HttpRequest, slug: str) -> HttpResponse:
    _reader(request)
    _writer(request)
    innovation = _innovation(request, slug)
    errors: dict[str, str] = {}
    if request.method == "POST":
        post = request.POST
        actor = acting_user(request)
        try:
            if post.get("action") == "stage":
                errors_on: dict[str, str] = {}
                on = day(post.get("on"), "on", "Tanggal mulai tahap", errors_on)
                if errors_on:
                    raise Invalid(errors_on)
                innovation_stage_advance(innovation=innovation, on=on, actor=actor)
                messages.success(request, "Tahap inovasi dinaikkan.")
            else:
                opd_raw = str(post.get("owner_opd", ""))
                opd = (
                    OPD.objects.filter(regency=innovation.regency, pk=int(opd_raw)).first()
                    if opd_raw.isascii() and opd_raw.isdigit() and len(opd_raw) < 10
                    else None
                )
                innovation_review(
                    innovation=innovation,
                    target=str(post.get("target", "")),
                    note=str(post.get("note", "")),
                    criteria=post.getlist("criteria"),
                    actor=actor,
                    owner_opd=opd,
                )
                messages.success(request, "Keputusan telaah disimpan.")
            return redirect("innovation:review", slug=slug)
        except Invalid as exc:
            errors = exc.errors
        except TransitionRefused as exc:
            errors = {"target": str(exc)}
    return render(
        request,
        "innovation/review.html",
        {
            "i": innovation,
            "errors": errors,
            "data": request.POST,
            "targets": [
                (t.value, t.label) for t in next_statuses(innovation.status, Actor.REVIEWER)
            ],
            "criteria": Criterion.choices,
            "confirmed": request.POST.getlist("criteria") or innovation.criteria_confirmed,
            "opds": OPD.objects.filter(regency=innovation.regency, is_active=True).order_by(
                "short_name"
            ),
            "next_stage": STAGE_NEXT.get(innovation.stage),  # type: ignore[call-overload]
            "events": innovation.events.order_by("created_at", "id"),
            "files": innovation.files.all(),
            "handover": selectors.handover_of(innovation),
            "elements": [(c, element_label(c)) for c in innovation.elements],
            "agreement": selectors.partner_agreement(innovation),
            "can_write": selectors.is_reviewer(request.user),
            "status_errors": status_errors(errors),
        },
        status=400 if errors else 200,
    )


def status_errors(errors: dict[str, str]) -> list[str]:
    return list(errors.values())


@access(STAFF)
def handover(request: HttpRequest, slug: str) -> HttpResponse:
    _reader(request)
    _writer(request)
    innovation = _innovation(request, slug)
    existing = selectors.handover_of(innovation)
    if existing is not None:
        return redirect("innovation:bast", slug=slug)
    errors: dict[str, str] = {}
    if request.method == "POST":
        post = request.POST
        pairs = list(zip(post.getlist("m_title"), post.getlist("m_due"), strict=False))[:20]
        try:
            handover_record(
                innovation=innovation, data=post, milestones=pairs, actor=acting_user(request)
            )
        except Invalid as exc:
            errors = exc.errors
        else:
            messages.success(request, "Penyerahan dicatat; BAST siap dicetak.")
            return redirect("innovation:bast", slug=slug)
    return render(
        request,
        "innovation/handover.html",
        {
            "i": innovation,
            "errors": errors,
            "data": request.POST,
            "licences": Licence.choices,
            "opds": OPD.objects.filter(regency=innovation.regency, is_active=True).order_by(
                "short_name"
            ),
            "rows": range(3),
        },
        status=400 if errors else 200,
    )


@access(roles_rule(read=list(Role)))
def bast(request: HttpRequest, slug: str) -> HttpResponse:
    """The printable berita acara serah terima, with a QR code to verify it online."""
    innovation = _innovation(request, slug)
    record = selectors.handover_of(innovation)
    if record is None:
        raise Http404
    user = request.user
    if not (
        selectors.can_read_staff(user)
        or selectors.can_adopt(user, record)
        or innovation.innovator_id == user.pk
    ):
        raise PermissionDenied
    verify_url = request.build_absolute_uri(
        reverse("innovation:verify", kwargs={"code": record.verify_code})
    )
    qr = segno.make(verify_url, error="m").svg_inline(
        scale=4, omitsize=True, title="QR verifikasi BAST"
    )
    return render(
        request,
        "innovation/bast.html",
        {"i": innovation, "h": record, "qr": qr, "verify_url": verify_url},
    )


@access(STAFF)
def adoptions(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "innovation/adoptions.html",
        {"items": selectors.adoptions_for(user=request.user).prefetch_related("milestones")},
    )


@access(STAFF)
def milestone(request: HttpRequest, milestone_id: int) -> HttpResponse:
    item = get_object_or_404(
        AdoptionMilestone.objects.select_related("handover__receiver_opd", "handover__innovation"),
        regency=request_regency(request),
        pk=milestone_id,
    )
    user = request.user
    writer = selectors.can_adopt(user, item.handover)
    if not (writer or Role.AUDITOR in selectors.user_roles(user)):
        raise PermissionDenied
    errors: dict[str, str] = {}
    if request.method == "POST":
        if not writer:
            raise PermissionDenied
        try:
            milestone_complete(
                milestone=item,
                done_on=str(request.POST.get("done_on", "")),
                note=str(request.POST.get("note", "")),
                upload=request.FILES.get("evidence"),
                actor=acting_user(request),
            )
        except Invalid as exc:
            errors = exc.errors
        except EvidenceRejected as exc:
            errors = {"evidence": str(exc)}
        else:
            messages.success(request, "Tonggak adopsi dicatat tercapai.")
            return redirect("innovation:adoptions")
    return render(
        request,
        "innovation/milestone.html",
        {"m": item, "errors": errors, "data": request.POST, "can_write": writer},
        status=400 if errors else 200,
    )
