"""JP compliance per OPD and for the regency, with who is behind and exports (XLSX,
CSV); BKPSDM's queue of external certificates to verify."""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from kotacerdas.core.inputs import ascii_int
from kotacerdas.core.models import Role
from kotacerdas.core.permissions import access, roles_rule
from kotacerdas.core.tenancy import acting_user, request_regency
from kotacerdas.core.timeutil import WIB
from kotacerdas.training import selectors
from kotacerdas.training.access import is_bkpsdm, officer_opd_id, sees_full_nip, sees_whole_regency
from kotacerdas.training.rules import PNS_MIN_JP, PPPK_CEILING_JP
from kotacerdas.training.selectors_jp import AsnCompliance, compliance_by_opd, compliance_rows
from kotacerdas.training.services.external import certificate_storage, external_review
from kotacerdas.training.workflow import TrainingRefused

STAFF_RULE = roles_rule(read=[Role.OFFICER, Role.ADMIN])
HEADER = [
    "NIP",
    "Nama",
    "Jenis",
    "OPD",
    "Periode",
    "JP",
    "Target",
    "Memenuhi",
    "Kurang",
    "Di atas 24 JP (PPPK)",
]


def _scope(request: HttpRequest) -> tuple[int, int | None]:
    today = timezone.now().astimezone(WIB).date()
    text = request.GET.get("tahun", "")
    valid = len(text) == 4 and text.isascii() and text.isdigit() and 2000 <= int(text) <= 2100
    year = int(text) if valid else today.year
    if sees_whole_regency(request.user):
        opd_text = request.GET.get("opd", "")
        opd = (
            int(opd_text)
            if opd_text.isascii() and opd_text.isdigit() and len(opd_text) < 10
            else None
        )
        return year, opd
    opd_id = officer_opd_id(request.user)
    if opd_id is None:
        raise PermissionDenied
    return year, opd_id


def _rows(request: HttpRequest) -> tuple[int, list[AsnCompliance]]:
    year, opd_id = _scope(request)
    today = timezone.now().astimezone(WIB).date()
    return year, compliance_rows(
        regency=request_regency(request), year=year, as_of=today, opd_id=opd_id
    )


@access(STAFF_RULE)
def compliance_page(request: HttpRequest) -> HttpResponse:
    year, rows = _rows(request)
    behind = [r for r in rows if not r.result.met]
    met = len(rows) - len(behind)
    return render(
        request,
        "training/compliance.html",
        {
            "year": year,
            "total": len(rows),
            "met": met,
            "share": met * 100 // len(rows) if rows else 0,
            "opds": compliance_by_opd(rows),
            "behind": behind[:300],
            "behind_count": len(behind),
            "full_nip": sees_full_nip(request.user),
            "pns_min": PNS_MIN_JP,
            "pppk_ceiling": PPPK_CEILING_JP,
            "query": request.GET.urlencode(),
        },
    )


def _table(request: HttpRequest, rows: list[AsnCompliance]) -> list[list[object]]:
    full = sees_full_nip(request.user)
    return [
        [
            r.asn.nip if full else r.asn.masked_nip,
            r.asn.name,
            r.asn.get_kind_display(),
            r.asn.opd.short_name,
            r.result.period.label,
            r.result.jp,
            r.result.target,
            "ya" if r.result.met else "tidak",
            r.result.shortfall,
            "ya" if r.result.over_ceiling else "",
        ]
        for r in rows
    ]


@access(STAFF_RULE)
def compliance_csv(request: HttpRequest) -> HttpResponse:
    year, rows = _rows(request)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for line in _table(request, rows):
        writer.writerow([_safe(v) for v in line])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="kepatuhan-jp-{year}.csv"'
    return response


def _safe(value: object) -> object:
    """Spreadsheet formula injection: text starting with = + - @ is prefixed."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


@access(STAFF_RULE)
def compliance_xlsx(request: HttpRequest) -> HttpResponse:
    from openpyxl import Workbook

    year, rows = _rows(request)
    book = Workbook(write_only=True)
    sheet = book.create_sheet(f"JP {year}")
    sheet.append(HEADER)
    for line in _table(request, rows):
        sheet.append([_safe(v) for v in line])
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(
        out.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="kepatuhan-jp-{year}.xlsx"'
    return response


@access(STAFF_RULE)
def external_queue(request: HttpRequest) -> HttpResponse:
    if not is_bkpsdm(request.user):
        raise PermissionDenied
    regency = request_regency(request)
    error = ""
    if request.method == "POST":
        item = (
            selectors.externals_pending(regency=regency)
            .filter(pk=ascii_int(request.POST.get("item", "")[:18]) or 0)
            .first()
        )
        if item is None:
            raise Http404
        try:
            external_review(
                item=item,
                accept=request.POST.get("decision") == "verify",
                note=request.POST.get("note", ""),
                actor=acting_user(request),
            )
        except TrainingRefused as exc:
            error = str(exc)
        else:
            messages.success(request, _("Pemeriksaan disimpan."))
            return redirect("training:external-queue")
    return render(
        request,
        "training/external_queue.html",
        {"rows": list(selectors.externals_pending(regency=regency)[:200]), "error": error},
        status=400 if error else 200,
    )


@access(STAFF_RULE)
def external_file(request: HttpRequest, pk: int) -> HttpResponse:
    if not is_bkpsdm(request.user):
        raise PermissionDenied
    from kotacerdas.training.models import ExternalCertificate

    item = ExternalCertificate.objects.filter(regency=request_regency(request), pk=pk).first()
    storage = certificate_storage()
    if item is None or not storage.exists(item.file_name):
        raise Http404
    with storage.open(item.file_name, "rb") as fh:
        response = HttpResponse(fh.read(), content_type=item.content_type)
    response["Content-Disposition"] = f'inline; filename="sertifikat-eksternal-{item.pk}"'
    response["Cache-Control"] = "private, no-store"
    return response
