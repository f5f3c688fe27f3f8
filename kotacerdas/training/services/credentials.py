"""Issuing credentials for completed classes and changing their status. The document
and its signature are made once and never change; revocation and suspension flip the
credential's bit in the regency's status lists, which are served signed."""

from __future__ import annotations

import base64
import secrets
from datetime import date, datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from kotacerdas.core.models import Regency, User
from kotacerdas.core.services.audit import audit_record
from kotacerdas.training import openbadges
from kotacerdas.training.keys import sign_compact, signing_key
from kotacerdas.training.models import (
    Credential,
    CredentialStatus,
    Enrolment,
    EnrolmentStatus,
)
from kotacerdas.training.statuslist import LIST_BITS, StatusListFull, encode
from kotacerdas.training.workflow import TrainingRefused

JWT_HEADER = {"typ": "vc+jwt", "cty": "vc"}
STATUS_TRANSITIONS: dict[str, frozenset[str]] = {
    CredentialStatus.VALID: frozenset({CredentialStatus.SUSPENDED, CredentialStatus.REVOKED}),
    CredentialStatus.SUSPENDED: frozenset({CredentialStatus.VALID, CredentialStatus.REVOKED}),
    CredentialStatus.REVOKED: frozenset(),
}
_rng = secrets.SystemRandom()


def new_public_id() -> str:
    return base64.b32encode(secrets.token_bytes(10)).decode().lower()


def _free_index(regency_id: int) -> int:
    """A random free position: sequential indices would let anyone who sees two
    certificates guess when others were issued."""
    for _attempt in range(64):
        index = _rng.randrange(LIST_BITS)
        if not Credential.objects.filter(regency_id=regency_id, status_index=index).exists():
            return index
    raise StatusListFull("status list nearly full; add a second list before issuing more")


def _criteria(min_attendance: int, min_post: int) -> str:
    return (
        f"Hadir sekurang-kurangnya {min_attendance}% sesi dan memperoleh nilai post-test "
        f"sekurang-kurangnya {min_post} (skala 0–100)."
    )


def credential_issue(
    *,
    enrolment: Enrolment,
    actor: User | None,
    issued_on: date | None = None,
    now: datetime | None = None,
) -> Credential:
    """Called inside the completion transaction; issuing twice for one enrolment
    returns the first credential."""
    existing = Credential.objects.filter(enrolment=enrolment).first()
    if existing is not None:
        return existing
    if enrolment.status != EnrolmentStatus.COMPLETED:
        raise TrainingRefused("Sertifikat hanya untuk peserta yang lulus.")
    klass = enrolment.training_class
    course = klass.course
    regency: Regency = enrolment.regency
    asn = enrolment.asn
    moment = now or timezone.now()
    provider = course.provider
    facts = openbadges.CourseFacts(
        regency_code=regency.code,
        regency_name=regency.name,
        code=course.code,
        title=course.title,
        description=course.description,
        criteria=_criteria(course.min_attendance_pct, course.min_post_score),
        jp=course.jp,
        competency_type=course.get_competency_type_display(),
        competency_code=course.competency_code,
        elements=course.elements,
        mode=course.mode,
        provider_name=provider.name if provider else None,
        provider_url=provider.website if provider else "",
    )
    subject = openbadges.SubjectFacts(name=asn.name, nip=asn.nip, salt=secrets.token_hex(8))
    public_id = new_public_id()
    index = _free_index(regency.pk)
    document = openbadges.open_badge_credential(
        public_id=public_id, course=facts, subject=subject, valid_from=moment, status_index=index
    )
    token = sign_compact(JWT_HEADER, openbadges.jwt_claims(document, moment))
    try:
        with transaction.atomic():
            credential = Credential.objects.create(
                regency=regency,
                public_id=public_id,
                enrolment=enrolment,
                asn=asn,
                title=course.title[:160],
                jp=course.jp,
                issued_at=moment,
                status_index=index,
                payload=document,
                jwt=token,
                kid=signing_key().kid,
            )
    except IntegrityError:  # the random index was taken between the check and the insert
        return credential_issue(enrolment=enrolment, actor=actor, issued_on=issued_on, now=now)
    audit_record(
        regency=regency,
        actor=actor,
        action="training.credential.issue",
        obj=credential,
        after={"public_id": public_id, "enrolment": enrolment.pk, "status_index": index},
    )
    return credential


def credential_set_status(
    *, credential: Credential, status: str, reason: str, actor: User
) -> Credential:
    reason = reason.strip()
    if "\x00" in reason or len(reason) > 300:
        raise TrainingRefused("Alasan tidak sah atau lebih dari 300 karakter.")
    if status not in CredentialStatus.values:
        raise TrainingRefused("Status sertifikat tidak dikenal.")
    if status != CredentialStatus.VALID and not reason:
        raise TrainingRefused("Alasan pencabutan atau penangguhan wajib diisi.")
    with transaction.atomic():
        locked = Credential.objects.select_for_update().get(pk=credential.pk)
        if status not in STATUS_TRANSITIONS[locked.status]:
            raise TrainingRefused(
                f"Sertifikat berstatus '{locked.get_status_display()}' tidak dapat diubah ke "
                f"'{CredentialStatus(status).label}'."
            )
        before = {"status": locked.status, "reason": locked.status_reason}
        locked.status = status
        locked.status_reason = reason
        locked.status_changed_at = timezone.now()
        locked.status_changed_by = actor
        locked.save(
            update_fields=["status", "status_reason", "status_changed_at", "status_changed_by"]
        )
        audit_record(
            regency=locked.regency,
            actor=actor,
            action="training.credential.status",
            obj=locked,
            before=before,
            after={"status": status, "reason": reason},
        )
    return locked


def status_list_jwt(*, regency: Regency, purpose: str, now: datetime | None = None) -> str:
    """The signed status list of a purpose, built from the current statuses."""
    wanted = CredentialStatus.REVOKED if purpose == "revocation" else CredentialStatus.SUSPENDED
    indices = Credential.objects.filter(regency=regency, status=wanted).values_list(
        "status_index", flat=True
    )
    moment = now or timezone.now()
    document: dict[str, Any] = openbadges.status_list_credential(
        regency_code=regency.code, purpose=purpose, encoded_list=encode(indices), valid_from=moment
    )
    return sign_compact(JWT_HEADER, openbadges.jwt_claims(document, moment))
