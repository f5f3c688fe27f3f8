"""Reads for pages, the API, exports and KPIs, always scoped by regency and, for OPD
officers, by their office."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from kotacerdas.core.models import Regency
from kotacerdas.training.access import officer_opd_id, sees_whole_regency
from kotacerdas.training.models import Asn, AsnImport


def asn_visible(*, regency: Regency, user: Any) -> QuerySet[Asn]:
    """Programme staff and auditors see the regency; an OPD officer sees their OPD."""
    qs = Asn.objects.filter(regency=regency).select_related("opd")
    if sees_whole_regency(user):
        return qs
    opd_id = officer_opd_id(user)
    if opd_id is None:
        return qs.none()
    return qs.filter(opd_id=opd_id)


def asn_search(
    *, regency: Regency, user: Any, query: str = "", opd_id: int | None = None
) -> QuerySet[Asn]:
    qs = asn_visible(regency=regency, user=user)
    query = query.strip()[:60]
    if query:
        digits = "".join(ch for ch in query if ch in "0123456789")
        cond = Q(name__icontains=query) | Q(position__icontains=query)
        if len(digits) == 18:
            cond |= Q(nip=digits)
        qs = qs.filter(cond)
    if opd_id:
        qs = qs.filter(opd_id=opd_id)
    return qs.order_by("opd__short_name", "name")


def asn_for_user(*, user: Any) -> Asn | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        Asn.objects.filter(user_id=user.pk, regency_id=user.regency_id)
        .select_related("opd")
        .first()
    )


def asn_by_nip(*, regency: Regency, nip: str) -> Asn | None:
    return Asn.objects.filter(regency=regency, nip=nip).first()


def import_get(*, regency: Regency, pk: int) -> AsnImport | None:
    return AsnImport.objects.filter(regency=regency, pk=pk).first()
