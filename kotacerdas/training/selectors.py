"""Reads for pages, the API, exports and KPIs, always scoped by regency and, for OPD
officers, by their office."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from kotacerdas.core.models import Regency
from kotacerdas.training.access import officer_opd_id, sees_whole_regency
from kotacerdas.training.models import (
    Asn,
    AsnImport,
    Credential,
    Enrolment,
    EnrolmentStatus,
    ExternalCertificate,
    ExternalStatus,
    NominationQuota,
    TrainingClass,
    TrainingSession,
)


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


def classes_visible(*, regency: Regency, user: Any) -> QuerySet[TrainingClass]:
    """Staff see every class of the regency; a lecturer sees the classes they teach."""
    qs = TrainingClass.objects.filter(regency=regency).select_related("course", "course__provider")
    if sees_whole_regency(user) or officer_opd_id(user) is not None:
        return qs.order_by("-year", "course__title", "code")
    return qs.filter(lecturer_id=user.pk).order_by("-year", "course__title", "code")


def class_get(*, regency: Regency, user: Any, pk: int) -> TrainingClass | None:
    return classes_visible(regency=regency, user=user).filter(pk=pk).first()


def session_get(*, regency: Regency, pk: int) -> TrainingSession | None:
    return (
        TrainingSession.objects.filter(regency=regency, pk=pk)
        .select_related("training_class", "training_class__course")
        .first()
    )


def class_enrolments(
    *, training_class: TrainingClass, opd_id: int | None = None
) -> list[Enrolment]:
    qs = (
        Enrolment.objects.filter(training_class=training_class)
        .select_related("asn", "opd")
        .annotate(attended=Count("attendance"))
        .order_by("asn__name")
    )
    if opd_id is not None:
        qs = qs.filter(opd_id=opd_id)
    return list(qs)


def quota_use(*, training_class: TrainingClass) -> list[tuple[NominationQuota, int]]:
    used = dict(
        Enrolment.objects.filter(
            training_class=training_class,
            status__in=[EnrolmentStatus.NOMINATED, EnrolmentStatus.ENROLLED],
        )
        .values_list("opd_id")
        .annotate(n=Count("id"))
        .values_list("opd_id", "n")
    )
    quotas = training_class.quotas.select_related("opd").order_by("opd__short_name")
    return [(q, used.get(q.opd_id, 0)) for q in quotas]


def credential_public(*, public_id: str) -> Credential | None:
    if not public_id.isascii() or len(public_id) > 32:
        return None
    return Credential.objects.filter(public_id=public_id).select_related("regency").first()


def credentials_list(*, regency: Regency, status: str = "") -> QuerySet[Credential]:
    qs = (
        Credential.objects.filter(regency=regency)
        .select_related("asn")
        .order_by("-issued_at", "-id")
    )
    if status:
        qs = qs.filter(status=status)
    return qs


def credentials_of(*, asn: Asn) -> QuerySet[Credential]:
    return Credential.objects.filter(regency_id=asn.regency_id, asn=asn).order_by("-issued_at")


def externals_pending(*, regency: Regency) -> QuerySet[ExternalCertificate]:
    return (
        ExternalCertificate.objects.filter(regency=regency, status=ExternalStatus.PENDING)
        .select_related("asn", "asn__opd")
        .order_by("uploaded_at")
    )
