"""Back-office pages: recent charges, open flags, one charge's ledger, flag resolution."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from kotacerdas.core.models import Role
from kotacerdas.core.permissions import access, roles_rule
from kotacerdas.core.selectors import user_roles
from kotacerdas.core.tenancy import acting_user, request_regency
from kotacerdas.payments.models import Charge, ChargeFlag, ChargeStatus
from kotacerdas.payments.selectors import (
    charge_deliveries,
    charge_events,
    charge_list,
    flag_list,
)
from kotacerdas.payments.services.flags import FlagAlreadyResolved, flag_resolve

# Officers of these agencies handle payments; other agencies' officers see nothing.
PAYMENT_OPDS = frozenset({"dishub", "bapenda"})
RULE = roles_rule(read=[Role.OFFICER, Role.ADMIN, Role.AUDITOR], write=[Role.OFFICER, Role.ADMIN])


def _check_opd(request: HttpRequest) -> None:
    roles = user_roles(request.user)
    if roles & {Role.ADMIN, Role.AUDITOR}:
        return
    opd = getattr(request.user, "opd", None)
    if opd is None or opd.code not in PAYMENT_OPDS:
        raise PermissionDenied


@access(RULE)
@require_http_methods(["GET"])
def dashboard(request: HttpRequest) -> HttpResponse:
    _check_opd(request)
    regency = request_regency(request)
    status = request.GET.get("status", "")
    if status not in ChargeStatus.values:
        status = ""
    page = Paginator(charge_list(regency=regency, status=status), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "payments/dashboard.html",
        {
            "page": page,
            "flags": flag_list(regency=regency)[:100],
            "status": status,
            "statuses": ChargeStatus.choices,
        },
    )


@access(RULE)
@require_http_methods(["GET"])
def charge_detail(request: HttpRequest, charge_id: int) -> HttpResponse:
    _check_opd(request)
    charge = get_object_or_404(Charge, pk=charge_id, regency=request_regency(request))
    return render(
        request,
        "payments/charge_detail.html",
        {
            "charge": charge,
            "events": charge_events(charge=charge),
            "deliveries": charge_deliveries(charge=charge)[:50],
            "flags": charge.flags.order_by("-created_at"),
        },
    )


@access(RULE)
@require_POST
def flag_resolve_view(request: HttpRequest, flag_id: int) -> HttpResponse:
    _check_opd(request)
    flag = get_object_or_404(ChargeFlag, pk=flag_id, regency=request_regency(request))
    note = request.POST.get("note", "")
    try:
        flag_resolve(flag=flag, actor=acting_user(request), note=note)
    except ValueError:
        messages.error(request, "Tulis catatan penyelesaian.")
        return HttpResponseRedirect(reverse("payments:dashboard"), status=303)
    except FlagAlreadyResolved:
        messages.info(request, "Tanda ini sudah diselesaikan.")
    else:
        messages.success(request, "Tanda diselesaikan dan dicatat di jejak audit.")
    return HttpResponseRedirect(reverse("payments:dashboard"), status=303)
