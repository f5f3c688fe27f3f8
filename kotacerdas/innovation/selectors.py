"""Reads for the innovation pages, scoped by regency and, for staff, by OPD."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db.models import Q, QuerySet

from kotacerdas.core.models import Regency, Role, RoleAssignment
from kotacerdas.core.selectors import user_roles
from kotacerdas.innovation.models import (
    Handover,
    IidYear,
    IndicatorEntry,
    Innovation,
    ReviewStatus,
)
from kotacerdas.innovation.rules import RuleSet
from kotacerdas.innovation.scoring import Entry, YearScore, year_score
from kotacerdas.innovation.services.iid import rules_of

BAPPERIDA = "bapperida"


def officer_opd_codes(user: Any) -> set[str]:
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(
        RoleAssignment.objects.filter(
            user_id=user.pk, regency_id=user.regency_id, role=Role.OFFICER
        ).values_list("opd__code", flat=True)
    )


def is_reviewer(user: Any) -> bool:
    """Bapperida officers and administrators review, score and record handovers."""
    return Role.ADMIN in user_roles(user) or BAPPERIDA in officer_opd_codes(user)


def can_read_staff(user: Any) -> bool:
    return is_reviewer(user) or Role.AUDITOR in user_roles(user)


def can_adopt(user: Any, handover: Handover) -> bool:
    """Officers of the receiving OPD record adoption; administrators too."""
    if Role.ADMIN in user_roles(user):
        return True
    return handover.receiver_opd.code in officer_opd_codes(user)


def gallery(
    *,
    regency: Regency,
    q: str = "",
    stage: str = "",
    form: str = "",
    opd: str = "",
    element: str = "",
    digital: str = "",
) -> QuerySet[Innovation]:
    qs = Innovation.objects.filter(regency=regency, status=ReviewStatus.DITERIMA).select_related(
        "owner_opd"
    )
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(solution__icontains=q) | Q(urusan__icontains=q))
    if stage:
        qs = qs.filter(stage=stage)
    if form:
        qs = qs.filter(form=form)
    if opd:
        qs = qs.filter(owner_opd__code=opd)
    if digital in ("1", "0"):
        qs = qs.filter(is_digital=digital == "1")
    if element:
        # JSON containment is not portable to SQLite; the list is short, so filter rows.
        ids = [pk for pk, codes in qs.values_list("pk", "elements") if element in (codes or [])]
        qs = qs.filter(pk__in=ids)
    return qs.order_by("title")


def public_innovation(*, regency: Regency, slug: str) -> Innovation | None:
    return (
        Innovation.objects.filter(regency=regency, slug=slug, status=ReviewStatus.DITERIMA)
        .select_related("owner_opd", "kecamatan")
        .first()
    )


def innovation_get(*, regency: Regency, slug: str) -> Innovation | None:
    return (
        Innovation.objects.filter(regency=regency, slug=slug)
        .select_related("owner_opd", "kecamatan", "innovator")
        .first()
    )


def mine(*, user: Any) -> QuerySet[Innovation]:
    return Innovation.objects.filter(regency_id=user.regency_id, innovator_id=user.pk)


def review_queue(*, regency: Regency, status: str = "") -> QuerySet[Innovation]:
    qs = Innovation.objects.filter(regency=regency).select_related("owner_opd")
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("status", "-submitted_at")


def handover_of(innovation: Innovation) -> Handover | None:
    return (
        Handover.objects.filter(regency=innovation.regency, innovation=innovation)
        .select_related("receiver_opd")
        .prefetch_related("milestones")
        .first()
    )


def adoptions_for(*, user: Any) -> QuerySet[Handover]:
    qs = Handover.objects.filter(regency_id=user.regency_id).select_related(
        "innovation", "receiver_opd"
    )
    if Role.ADMIN in user_roles(user) or Role.AUDITOR in user_roles(user):
        return qs
    return qs.filter(receiver_opd__code__in=officer_opd_codes(user))


def partner_agreement(innovation: Innovation) -> Any | None:
    """The partner MoU behind an innovation, when the partners module is installed."""
    number = innovation.partner_agreement_number
    if not number or not apps.is_installed("kotacerdas.partners"):
        return None
    from importlib import import_module

    selectors = import_module("kotacerdas.partners.selectors")
    return selectors.agreement_by_number(regency=innovation.regency, number=number)


@dataclass
class YearView:
    year: IidYear
    rules: RuleSet
    score: YearScore
    titles: dict[Hashable, str]
    entries: dict[tuple[int | None, str], dict[str, Any]]


def year_get(*, regency: Regency, year: int) -> IidYear | None:
    return IidYear.objects.filter(regency=regency, year=year).select_related("ruleset").first()


def year_view(year: IidYear) -> YearView:
    """Everything a year's pages need, in two queries."""
    rules = rules_of(year.ruleset)
    region: dict[str, Entry] = {}
    innovations: dict[Hashable, dict[str, Entry]] = {}
    entries: dict[tuple[int | None, str], dict[str, Any]] = {}
    rows = IndicatorEntry.objects.filter(regency_id=year.regency_id, year=year).values_list(
        "innovation_id", "indicator", "level", "evidence_id", "evidence_url"
    )
    for inn, code, level, evidence_id, evidence_url in rows:
        entry = Entry(level, bool(evidence_id or evidence_url))
        entries[(inn, code)] = {"level": level, "evidence": evidence_id, "url": evidence_url}
        if inn is None:
            region[code] = entry
        else:
            innovations.setdefault(inn, {})[code] = entry
    titles: dict[Hashable, str] = dict(
        Innovation.objects.filter(regency_id=year.regency_id, pk__in=list(innovations)).values_list(
            "pk", "title"
        )
    )
    return YearView(year, rules, year_score(rules, region, innovations), titles, entries)
