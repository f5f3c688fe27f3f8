"""Bapperida's IID desk: rule sets, reporting years, indicator levels with evidence, the
score with contributions and disclaimer, the what-if ranking and the XLSX report."""

from __future__ import annotations

from collections.abc import Hashable
from datetime import date
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from kotacerdas.core.permissions import access
from kotacerdas.core.tenancy import acting_user, request_regency
from kotacerdas.core.timeutil import WIB
from kotacerdas.innovation import selectors
from kotacerdas.innovation.export import year_workbook
from kotacerdas.innovation.models import IidRuleSet, IidYear, Innovation, ReviewStatus
from kotacerdas.innovation.rules import RuleSetInvalid
from kotacerdas.innovation.services.cleaning import day
from kotacerdas.innovation.services.evidence import EvidenceRejected
from kotacerdas.innovation.services.iid import (
    entry_record,
    ruleset_import,
    year_finalise,
    year_open,
)
from kotacerdas.innovation.services.innovations import Invalid
from kotacerdas.innovation.views_staff import STAFF, _reader, _writer

WHAT_IF_ROWS = 60


def countdown(deadline: date, today: date) -> dict[str, Any]:
    days = (deadline - today).days
    if days > 0:
        text = f"{days} hari lagi"
    elif days == 0:
        text = "hari ini batas akhir"
    else:
        text = f"lewat {-days} hari"
    return {"days": days, "text": text, "urgent": 0 <= days <= 14, "late": days < 0}


class YearMissing(Exception):
    pass


def _year(request: HttpRequest, year: int) -> IidYear:
    found = selectors.year_get(regency=request_regency(request), year=year)
    if found is None:
        raise YearMissing
    return found


def _missing(request: HttpRequest, year: int) -> HttpResponse:
    return render(request, "innovation/iid_missing.html", {"year": year}, status=404)


@access(STAFF)
def home(request: HttpRequest) -> HttpResponse:
    _reader(request)
    _writer(request)
    regency = request_regency(request)
    errors: list[str] = []
    if request.method == "POST":
        actor = acting_user(request)
        try:
            if request.POST.get("action") == "import":
                upload = request.FILES.get("file")
                if upload is None:
                    raise RuleSetInvalid(["Pilih berkas aturan (.json, .yaml atau .yml)."])
                if upload.size and upload.size > 512 * 1024:
                    raise RuleSetInvalid(["Berkas terlalu besar (maks. 512 KB)."])
                made = ruleset_import(
                    regency=regency, raw=upload.read(), filename=upload.name or "", actor=actor
                )
                messages.success(request, f"Aturan {made.code} diimpor.")
            else:
                raw_year = str(request.POST.get("year", ""))
                if not (raw_year.isascii() and raw_year.isdigit() and len(raw_year) == 4):
                    raise Invalid({"year": "Tahun harus 4 angka."})
                code = str(request.POST.get("ruleset", ""))[:40]
                ruleset = IidRuleSet.objects.filter(regency=regency, code=code).first()
                e: dict[str, str] = {}
                deadline = day(request.POST.get("deadline"), "deadline", "Batas pelaporan", e)
                if e:
                    raise Invalid(e)
                opened = year_open(
                    regency=regency,
                    year=int(raw_year),
                    ruleset=ruleset,
                    deadline=deadline,
                    actor=actor,
                )
                return redirect("innovation:iid-year", year=opened.year)
            return redirect("innovation:iid")
        except RuleSetInvalid as exc:
            errors = exc.errors
        except Invalid as exc:
            errors = list(exc.errors.values())
    today = timezone.now().astimezone(WIB).date()
    years = [
        (y, countdown(y.deadline, today))
        for y in IidYear.objects.filter(regency=regency).select_related("ruleset")
    ]
    return render(
        request,
        "innovation/iid_home.html",
        {
            "rulesets": IidRuleSet.objects.filter(regency=regency),
            "years": years,
            "errors": errors,
            "can_write": selectors.is_reviewer(request.user),
        },
        status=400 if errors else 200,
    )


@access(STAFF)
def year_page(request: HttpRequest, year: int) -> HttpResponse:
    try:
        return _year_page(request, year)
    except YearMissing:
        return _missing(request, year)


def _year_page(request: HttpRequest, year: int) -> HttpResponse:
    _reader(request)
    _writer(request)
    record = _year(request, year)
    if request.method == "POST":
        try:
            year_finalise(year=record, actor=acting_user(request))
            messages.success(request, f"Penilaian {year} difinalkan; aturannya kini terkunci.")
        except Invalid as exc:
            messages.error(request, " ".join(exc.errors.values()))
        return redirect("innovation:iid-year", year=year)
    view = selectors.year_view(record)
    today = timezone.now().astimezone(WIB).date()
    rows = sorted(
        ((view.titles.get(key, "?"), row) for key, row in view.score.innovations.items()),
        key=lambda pair: -pair[1].score,
    )
    slugs: dict[Hashable, str] = dict(
        Innovation.objects.filter(regency=record.regency, pk__in=list(view.titles)).values_list(
            "pk", "slug"
        )
    )
    candidates = (
        Innovation.objects.filter(regency=record.regency, status=ReviewStatus.DITERIMA)
        .exclude(pk__in=list(view.titles))
        .order_by("title")
    )
    return render(
        request,
        "innovation/iid_year.html",
        {
            "y": record,
            "v": view,
            "s": view.score,
            "rows": [(title, row, slugs.get(row.key, "")) for title, row in rows],
            "candidates": candidates,
            "countdown": countdown(record.deadline, today),
            "can_write": selectors.is_reviewer(request.user) and record.finalised_at is None,
        },
    )


@access(STAFF)
def entries(request: HttpRequest, year: int) -> HttpResponse:
    try:
        return _entries(request, year)
    except YearMissing:
        return _missing(request, year)


def _entries(request: HttpRequest, year: int) -> HttpResponse:
    """Levels and evidence of one innovation (``?inovasi=<slug>``) or of the region."""
    _reader(request)
    _writer(request)
    record = _year(request, year)
    slug = str(request.GET.get("inovasi", ""))[:80]
    innovation = None
    if slug:
        innovation = selectors.innovation_get(regency=record.regency, slug=slug)
        if innovation is None:
            raise Http404
    view = selectors.year_view(record)
    scope = "innovation" if innovation else "region"
    indicators = view.rules.scoped(scope)
    key = innovation.pk if innovation else None
    errors: dict[str, str] = {}
    if request.method == "POST":
        post = request.POST
        actor = acting_user(request)
        try:
            with transaction.atomic():
                for ind in indicators:
                    level = str(post.get(f"level_{ind.code}", ""))
                    url = str(post.get(f"url_{ind.code}", ""))
                    upload = request.FILES.get(f"file_{ind.code}")
                    if not (level or url or upload or (key, ind.code) in view.entries):
                        continue
                    try:
                        entry_record(
                            year=record,
                            innovation=innovation,
                            indicator=ind.code,
                            level=level,
                            evidence_url=url,
                            upload=upload,
                            actor=actor,
                        )
                    except Invalid as exc:
                        errors.update({f"{ind.name}": m for m in exc.errors.values()})
                    except EvidenceRejected as exc:
                        errors[ind.name] = str(exc)
                if errors:
                    raise Invalid(errors)
        except Invalid:
            pass
        else:
            messages.success(request, "Level dan bukti disimpan.")
            target = reverse("innovation:iid-entries", kwargs={"year": year})
            return redirect(target + (f"?inovasi={slug}" if slug else ""))
    rows = []
    for ind in indicators:
        entry = view.entries.get((key, ind.code), {})
        rows.append(
            {
                "ind": ind,
                "level": str(request.POST.get(f"level_{ind.code}", entry.get("level") or "")),
                "url": request.POST.get(f"url_{ind.code}", entry.get("url", "")),
                "evidence": entry.get("evidence"),
                "mandatory": ind.code in view.rules.mandatory,
            }
        )
    return render(
        request,
        "innovation/iid_entries.html",
        {
            "y": record,
            "innovation": innovation,
            "rows": rows,
            "errors": errors,
            "can_write": selectors.is_reviewer(request.user) and record.finalised_at is None,
        },
        status=400 if errors else 200,
    )


@access(STAFF)
def what_if(request: HttpRequest, year: int) -> HttpResponse:
    try:
        return _what_if(request, year)
    except YearMissing:
        return _missing(request, year)


def _what_if(request: HttpRequest, year: int) -> HttpResponse:
    _reader(request)
    record = _year(request, year)
    view = selectors.year_view(record)
    indicators = view.rules.indicators
    slugs: dict[Hashable, str] = dict(
        Innovation.objects.filter(regency=record.regency, pk__in=list(view.titles)).values_list(
            "pk", "slug"
        )
    )
    ranked = []
    for gap in view.score.missing[:WHAT_IF_ROWS]:
        ind = indicators[gap.indicator]
        level_label = next(
            (lv.label for lv in ind.levels if lv.level == gap.claimed_level), ind.levels[-1].label
        )
        ranked.append(
            {
                "gap": gap,
                "ind": ind,
                "who": view.titles.get(gap.innovation, "") if gap.innovation else "",
                "slug": slugs.get(gap.innovation, "") if gap.innovation else "",
                "level_label": level_label,
            }
        )
    today = timezone.now().astimezone(WIB).date()
    return render(
        request,
        "innovation/iid_whatif.html",
        {
            "y": record,
            "s": view.score,
            "ranked": ranked,
            "total": len(view.score.missing),
            "countdown": countdown(record.deadline, today),
        },
    )


@access(STAFF)
def report_xlsx(request: HttpRequest, year: int) -> HttpResponse:
    try:
        return _report_xlsx(request, year)
    except YearMissing:
        return _missing(request, year)


def _report_xlsx(request: HttpRequest, year: int) -> HttpResponse:
    _reader(request)
    record = _year(request, year)
    view = selectors.year_view(record)

    def link(file_id: int) -> str:
        return request.build_absolute_uri(
            reverse("innovation:evidence", kwargs={"file_id": file_id})
        )

    body = year_workbook(view, link)
    response = HttpResponse(
        body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="laporan-iid-{year}.xlsx"'
    return response
