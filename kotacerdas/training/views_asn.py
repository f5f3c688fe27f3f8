"""ASN registry pages: the list (NIP masked except for BKPSDM and administrators), the
import with its preview and error report, and linking a record to a platform user."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kotacerdas.core.models import OPD, Role, User
from kotacerdas.core.permissions import access, roles_rule
from kotacerdas.core.tenancy import acting_user, request_regency
from kotacerdas.training import selectors
from kotacerdas.training.access import is_bkpsdm, sees_full_nip
from kotacerdas.training.services.asn import AsnRefused, asn_link_user
from kotacerdas.training.services.asn_import import (
    ImportRefused,
    asn_import_apply,
    asn_import_preview,
    error_report_csv,
)
from kotacerdas.training.tabular import MAX_FILE_BYTES, FileMalformed

STAFF_RULE = roles_rule(read=[Role.OFFICER, Role.ADMIN])
PAGE_SIZE = 100


def _require_bkpsdm(request: HttpRequest) -> None:
    if not is_bkpsdm(request.user):
        raise PermissionDenied


@access(STAFF_RULE)
def asn_list(request: HttpRequest) -> HttpResponse:
    regency = request_regency(request)
    query = request.GET.get("q", "")[:60]
    opd_text = request.GET.get("opd", "")
    opd_id = (
        int(opd_text) if opd_text.isascii() and opd_text.isdigit() and len(opd_text) < 10 else None
    )
    qs = selectors.asn_search(regency=regency, user=request.user, query=query, opd_id=opd_id)
    total = qs.count()
    return render(
        request,
        "training/asn_list.html",
        {
            "rows": list(qs[:PAGE_SIZE]),
            "total": total,
            "shown": min(total, PAGE_SIZE),
            "full_nip": sees_full_nip(request.user),
            "can_import": is_bkpsdm(request.user),
            "opds": OPD.objects.filter(regency=regency, is_active=True).order_by("short_name"),
            "params": {"q": query, "opd": opd_id},
        },
    )


@access(STAFF_RULE)
def asn_detail(request: HttpRequest, pk: int) -> HttpResponse:
    regency = request_regency(request)
    asn = selectors.asn_visible(regency=regency, user=request.user).filter(pk=pk).first()
    if asn is None:
        raise Http404
    error = ""
    if request.method == "POST":
        _require_bkpsdm(request)
        username = request.POST.get("username", "").strip()[:150]
        target = (
            User.objects.filter(regency=regency, username=username).first() if username else None
        )
        try:
            asn_link_user(asn=asn, user=target, actor=acting_user(request))
        except AsnRefused as exc:
            error = str(exc)
        else:
            messages.success(request, _("Akun pengguna ASN diperbarui."))
            return redirect("training:asn-detail", pk=asn.pk)
    return render(
        request,
        "training/asn_detail.html",
        {
            "asn": asn,
            "full_nip": sees_full_nip(request.user),
            "can_link": is_bkpsdm(request.user),
            "error": error,
        },
        status=400 if error else 200,
    )


@access(STAFF_RULE)
def import_upload(request: HttpRequest) -> HttpResponse:
    _require_bkpsdm(request)
    context: dict[str, object] = {"max_mb": MAX_FILE_BYTES // 2**20}
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            context["error"] = _("Pilih berkas CSV atau XLSX.")
            return render(request, "training/import_upload.html", context, status=400)
        if upload.size is not None and upload.size > MAX_FILE_BYTES:
            context["error"] = _("Berkas terlalu besar.")
            return render(request, "training/import_upload.html", context, status=400)
        try:
            batch = asn_import_preview(
                regency=request_regency(request),
                actor=acting_user(request),
                filename=upload.name or "berkas",
                data=upload.read(MAX_FILE_BYTES + 1),
            )
        except FileMalformed as exc:
            context["error"] = str(exc)
            return render(request, "training/import_upload.html", context, status=400)
        return redirect("training:import-preview", pk=batch.pk)
    return render(request, "training/import_upload.html", context)


@access(STAFF_RULE)
def import_preview(request: HttpRequest, pk: int) -> HttpResponse:
    _require_bkpsdm(request)
    batch = selectors.import_get(regency=request_regency(request), pk=pk)
    if batch is None:
        raise Http404
    error = ""
    if request.method == "POST":
        try:
            asn_import_apply(batch=batch, actor=acting_user(request))
        except ImportRefused as exc:
            error = str(exc)
        else:
            messages.success(request, _("Impor diterapkan."))
            return redirect("training:import-preview", pk=batch.pk)
    return render(
        request,
        "training/import_preview.html",
        {"batch": batch, "errors": batch.errors[:200], "error": error},
        status=400 if error else 200,
    )


@access(STAFF_RULE)
def import_errors(request: HttpRequest, pk: int) -> HttpResponse:
    _require_bkpsdm(request)
    batch = selectors.import_get(regency=request_regency(request), pk=pk)
    if batch is None:
        raise Http404
    response = HttpResponse(error_report_csv(batch), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="kesalahan-impor-{batch.pk}.csv"'
    return response
