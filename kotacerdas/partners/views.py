"""The public list of active cooperation and the staff register of agreements (expiry
alerts, obligations, private scans)."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from kotacerdas.core.models import Role
from kotacerdas.core.permissions import PUBLIC, access, roles_rule
from kotacerdas.core.selectors import user_roles
from kotacerdas.core.tenancy import acting_user, request_regency
from kotacerdas.core.timeutil import WIB
from kotacerdas.partners import selectors
from kotacerdas.partners.models import AgreementKind, ObligationStatus
from kotacerdas.partners.services.agreements import (
    AgreementInvalid,
    agreement_attach_scan,
    agreement_create,
    obligation_add,
    obligation_set_status,
    scan_storage,
)
from kotacerdas.training.access import is_programme_staff

STAFF_RULE = roles_rule(read=[Role.OFFICER, Role.ADMIN])


def _today() -> date:
    return timezone.now().astimezone(WIB).date()


def _date(value: str, label: str) -> date:
    try:
        parsed = date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise AgreementInvalid(_("%(label)s harus berupa tanggal.") % {"label": label}) from None
    return parsed


def _require_programme(request: HttpRequest) -> None:
    if not is_programme_staff(request.user):
        raise PermissionDenied


@access(PUBLIC)
def public_list(request: HttpRequest) -> HttpResponse:
    regency = request_regency(request)
    rows = list(selectors.agreements_public(regency=regency, on=_today()))
    return render(request, "partners/public_list.html", {"rows": rows, "regency": regency})


@access(STAFF_RULE)
def register(request: HttpRequest) -> HttpResponse:
    regency = request_regency(request)
    today = _today()
    return render(
        request,
        "partners/register.html",
        {
            "warnings": selectors.expiring(regency=regency, on=today),
            "rows": list(selectors.agreements_all(regency=regency)),
            "obligations": list(selectors.obligations_open(regency=regency)[:50]),
            "today": today,
            "can_edit": is_programme_staff(request.user),
        },
    )


@access(STAFF_RULE)
def agreement_new(request: HttpRequest) -> HttpResponse:
    _require_programme(request)
    regency = request_regency(request)
    partners = list(selectors.partners_all(regency=regency))
    mous = list(selectors.agreements_all(regency=regency).filter(kind=AgreementKind.MOU))
    context: dict[str, object] = {
        "partners": partners,
        "mous": mous,
        "kinds": AgreementKind.choices,
        "data": request.POST,
    }
    if request.method == "POST":
        post = request.POST
        partner = next((p for p in partners if str(p.pk) == post.get("partner")), None)
        parent = next((m for m in mous if str(m.pk) == post.get("parent")), None)
        try:
            if partner is None:
                raise AgreementInvalid(_("Pilih mitra."))
            agreement = agreement_create(
                regency=regency,
                partner=partner,
                parent=parent,
                kind=post.get("kind", ""),
                number=post.get("number", ""),
                title=post.get("title", ""),
                parties=post.get("parties", ""),
                signatories=post.get("signatories", ""),
                signed_on=_date(post.get("signed_on", ""), _("Tanggal tanda tangan")),
                valid_until=_date(post.get("valid_until", ""), _("Berlaku sampai")),
                scope=post.get("scope", ""),
                is_public=post.get("is_public") == "1",
                actor=acting_user(request),
            )
        except AgreementInvalid as exc:
            context["error"] = str(exc)
            return render(request, "partners/agreement_new.html", context, status=400)
        messages.success(request, _("Perjanjian dicatat."))
        return redirect("partners:agreement", pk=agreement.pk)
    return render(request, "partners/agreement_new.html", context)


@access(STAFF_RULE)
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    regency = request_regency(request)
    agreement = selectors.agreement_get(regency=regency, pk=pk)
    if agreement is None:
        raise Http404
    error = ""
    if request.method == "POST":
        _require_programme(request)
        post = request.POST
        actor = acting_user(request)
        try:
            action = post.get("action", "")
            if action == "scan":
                upload = request.FILES.get("scan")
                if upload is None:
                    raise AgreementInvalid(_("Pilih berkas PDF."))
                agreement_attach_scan(agreement=agreement, upload=upload, actor=actor)
            elif action == "obligation":
                obligation_add(
                    agreement=agreement,
                    party=post.get("party", ""),
                    description=post.get("description", ""),
                    due_on=_date(post.get("due_on", ""), _("Tenggat")),
                    actor=actor,
                )
            elif action == "status":
                item = agreement.obligations.filter(pk=post.get("obligation", "")[:18] or 0).first()
                if item is None:
                    raise Http404
                obligation_set_status(
                    obligation=item,
                    status=post.get("status", ""),
                    evidence=post.get("evidence", ""),
                    actor=actor,
                )
            else:
                raise AgreementInvalid(_("Aksi tidak dikenal."))
        except AgreementInvalid as exc:
            error = str(exc)
        else:
            messages.success(request, _("Tersimpan."))
            return redirect("partners:agreement", pk=agreement.pk)
    return render(
        request,
        "partners/agreement_detail.html",
        {
            "a": agreement,
            "obligations": list(agreement.obligations.order_by("due_on")),
            "statuses": ObligationStatus.choices,
            "children": list(agreement.children.order_by("signed_on")),
            "can_edit": is_programme_staff(request.user),
            "can_scan": is_programme_staff(request.user)
            or Role.AUDITOR in user_roles(request.user),
            "error": error,
            "today": _today(),
        },
        status=400 if error else 200,
    )


@access(STAFF_RULE)
def agreement_scan(request: HttpRequest, pk: int) -> HttpResponse:
    if not (is_programme_staff(request.user) or Role.AUDITOR in user_roles(request.user)):
        raise PermissionDenied
    agreement = selectors.agreement_get(regency=request_regency(request), pk=pk)
    if agreement is None or not agreement.scan_name:
        raise Http404
    storage = scan_storage()
    if not storage.exists(agreement.scan_name):
        raise Http404
    with storage.open(agreement.scan_name, "rb") as fh:
        response = HttpResponse(fh.read(), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="perjanjian-{agreement.pk}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
