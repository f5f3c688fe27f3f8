"""Classes (*angkatan*): the list, one class with its nominations, enrolments,
attendance and scores, the lecturer's rotating session QR and the ASN's check-in."""

from __future__ import annotations

from typing import Any

import segno
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from kotacerdas.core.models import Role
from kotacerdas.core.permissions import access, roles_rule
from kotacerdas.core.selectors import user_roles
from kotacerdas.core.tenancy import acting_user, request_regency
from kotacerdas.training import selectors
from kotacerdas.training.access import (
    is_programme_staff,
    officer_opd_id,
    runs_class,
)
from kotacerdas.training.attendance_code import seconds_left
from kotacerdas.training.models import (
    Asn,
    ClassStatus,
    EnrolmentStatus,
    TrainingClass,
    TrainingSession,
)
from kotacerdas.training.openbadges import base_url
from kotacerdas.training.services.attendance import (
    attendance_by_qr,
    attendance_manual,
    current_code,
)
from kotacerdas.training.services.classes import (
    class_finish,
    class_start,
    enrolment_decide,
    enrolment_nominate,
    scores_set,
)
from kotacerdas.training.workflow import TrainingRefused

CLASS_RULE = roles_rule(read=[Role.OFFICER, Role.ADMIN, Role.DOSEN])
LECTURER_RULE = roles_rule(
    read=[Role.OFFICER, Role.ADMIN, Role.DOSEN], write=[Role.OFFICER, Role.ADMIN, Role.DOSEN]
)
ASN_RULE = roles_rule(read=[Role.ASN])


@access(CLASS_RULE)
def class_list(request: HttpRequest) -> HttpResponse:
    rows = list(selectors.classes_visible(regency=request_regency(request), user=request.user))
    return render(request, "training/class_list.html", {"rows": rows})


def _class(request: HttpRequest, pk: int) -> TrainingClass:
    klass = selectors.class_get(regency=request_regency(request), user=request.user, pk=pk)
    if klass is None:
        if Role.DOSEN in user_roles(request.user):
            raise PermissionDenied
        raise Http404
    return klass


def _post_action(request: HttpRequest, klass: TrainingClass) -> str:
    """Runs one POSTed action; returns the success message or raises."""
    post = request.POST
    actor = acting_user(request)
    action = post.get("action", "")
    runner = runs_class(request.user, klass)
    if action == "nominate":
        opd_id = officer_opd_id(request.user)
        asn = Asn.objects.filter(regency=klass.regency, pk=post.get("asn", "")[:18] or 0).first()
        if asn is None:
            raise TrainingRefused(_("Pilih ASN yang diusulkan."))
        if not is_programme_staff(request.user) and asn.opd_id != opd_id:
            raise PermissionDenied
        enrolment_nominate(training_class=klass, asn=asn, actor=actor)
        return _("%(name)s diusulkan.") % {"name": asn.name}
    if action in {"accept", "reject"}:
        if not is_programme_staff(request.user):
            raise PermissionDenied
        enrolment = klass.enrolments.filter(pk=post.get("enrolment", "")[:18] or 0).first()
        if enrolment is None:
            raise Http404
        enrolment_decide(
            enrolment=enrolment, accept=action == "accept", actor=actor, note=post.get("note", "")
        )
        return _("Keputusan disimpan.")
    if not runner:
        raise PermissionDenied
    if action == "start":
        class_start(training_class=klass, actor=actor)
        return _("Angkatan dimulai.")
    if action == "present":
        session = klass.sessions.filter(pk=post.get("session", "")[:18] or 0).first()
        enrolment = klass.enrolments.filter(pk=post.get("enrolment", "")[:18] or 0).first()
        if session is None or enrolment is None:
            raise Http404
        attendance_manual(session=session, enrolment=enrolment, actor=actor, now=timezone.now())
        return _("Kehadiran dicatat.")
    if action == "scores":
        scores: dict[int, tuple[object, object]] = {}
        for key in post:
            if key.startswith("pre_") and key[4:].isascii() and key[4:].isdigit() and len(key) < 24:
                pk = int(key[4:])
                scores[pk] = (post.get(f"pre_{pk}", ""), post.get(f"post_{pk}", ""))
        scores_set(training_class=klass, scores=scores, actor=actor)
        return _("Nilai disimpan.")
    if action == "finish":
        decided = class_finish(training_class=klass, actor=actor)
        passed = sum(1 for e in decided if e.status == EnrolmentStatus.COMPLETED)
        return _("Angkatan ditutup: %(passed)s dari %(total)s peserta lulus.") % {
            "passed": passed,
            "total": len(decided),
        }
    raise TrainingRefused(_("Aksi tidak dikenal."))


@access(LECTURER_RULE)
def class_detail(request: HttpRequest, pk: int) -> HttpResponse:
    klass = _class(request, pk)
    error = ""
    if request.method == "POST":
        try:
            done = _post_action(request, klass)
        except TrainingRefused as exc:
            error = str(exc)
        else:
            messages.success(request, done)
            return redirect("training:class", pk=klass.pk)
        klass.refresh_from_db()
    programme = is_programme_staff(request.user)
    opd_id = officer_opd_id(request.user)
    runner = runs_class(request.user, klass)
    sees_all = programme or runner or Role.AUDITOR in user_roles(request.user)
    enrolments = selectors.class_enrolments(
        training_class=klass, opd_id=None if sees_all else opd_id or -1
    )
    candidates: list[Asn] = []
    if klass.status == ClassStatus.OPEN and (programme or opd_id):
        taken = {e.asn_id for e in enrolments}
        pool = Asn.objects.filter(regency=klass.regency, is_active=True).order_by("name")
        if not programme and opd_id is not None:
            pool = pool.filter(opd_id=opd_id)
        candidates = [a for a in pool[:500] if a.pk not in taken]
    context: dict[str, Any] = {
        "klass": klass,
        "course": klass.course,
        "sessions": list(klass.sessions.order_by("number")),
        "quotas": selectors.quota_use(training_class=klass),
        "enrolments": enrolments,
        "enrolled": [e for e in enrolments if e.status == EnrolmentStatus.ENROLLED],
        "candidates": candidates,
        "programme": programme,
        "runner": runner,
        "error": error,
    }
    return render(request, "training/class_detail.html", context, status=400 if error else 200)


def _runner_session(request: HttpRequest, pk: int) -> TrainingSession:
    session = selectors.session_get(regency=request_regency(request), pk=pk)
    if session is None:
        raise Http404
    if not runs_class(request.user, session.training_class):
        raise PermissionDenied
    return session


def _qr_payload(session: TrainingSession) -> dict[str, Any]:
    now = timezone.now()
    url = f"{base_url()}/hadir/{session.pk}/{current_code(session, now)}"
    svg = segno.make(url, error="m").svg_inline(scale=6, border=2)
    return {"url": url, "svg": svg, "seconds_left": seconds_left(now.timestamp())}


@access(LECTURER_RULE)
def session_qr(request: HttpRequest, pk: int) -> HttpResponse:
    session = _runner_session(request, pk)
    return render(request, "training/session_qr.html", {"session": session, **_qr_payload(session)})


@access(LECTURER_RULE)
def session_qr_json(request: HttpRequest, pk: int) -> JsonResponse:
    session = _runner_session(request, pk)
    response = JsonResponse(_qr_payload(session))
    response["Cache-Control"] = "no-store"
    return response


@access(ASN_RULE)
def check_in(request: HttpRequest, session_pk: int, code: str) -> HttpResponse:
    session = selectors.session_get(regency=request_regency(request), pk=session_pk)
    if session is None:
        raise Http404
    context: dict[str, Any] = {"session": session, "code": code[:40]}
    if request.method == "POST":
        try:
            _row, created = attendance_by_qr(
                session=session, code=code, user=acting_user(request), now=timezone.now()
            )
        except TrainingRefused as exc:
            context["error"] = str(exc)
            return render(request, "training/check_in.html", context, status=400)
        context["done"] = True
        context["created"] = created
    return render(request, "training/check_in.html", context)
