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
from kotacerdas.core.services.audit import audit_record, audit_record_many
from kotacerdas.training import openbadges
from kotacerdas.training.keys import SigningKey, sign_compact, signing_key
from kotacerdas.training.models import (
    Course,
    Credential,
    CredentialStatus,
    Enrolment,
    EnrolmentStatus,
)
from kotacerdas.training.partner_keys import partner_signing_key
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


def _free_indices(regency_id: int, count: int) -> list[int]:
    """``count`` distinct random free positions, found with one query. Random so that
    indices do not reveal issue order; the unique constraint on (regency, index) still
    guards against a concurrent issuer taking the same one (the batch is then retried)."""
    taken = set(
        Credential.objects.filter(regency_id=regency_id).values_list("status_index", flat=True)
    )
    # Keep the list at most three quarters full: beyond that a second list is needed.
    if len(taken) + count > LIST_BITS * 3 // 4:
        raise StatusListFull("status list nearly full; add a second list before issuing more")
    chosen: set[int] = set()
    while len(chosen) < count:
        index = _rng.randrange(LIST_BITS)
        if index not in taken:
            chosen.add(index)
    indices = list(chosen)
    _rng.shuffle(indices)
    return indices


def _criteria(min_attendance: int, min_post: int) -> str:
    return (
        f"Hadir sekurang-kurangnya {min_attendance}% sesi dan memperoleh nilai post-test "
        f"sekurang-kurangnya {min_post} (skala 0–100)."
    )


def _course_facts(course: Course, regency: Regency) -> openbadges.CourseFacts:
    provider = course.provider
    return openbadges.CourseFacts(
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
        provider_code=provider.code if provider else "",
    )


def _partner_key(facts: openbadges.CourseFacts) -> SigningKey | None:
    if not facts.provider_code:
        return None
    key = partner_signing_key(regency_code=facts.regency_code, partner_code=facts.provider_code)
    if key is None:
        raise TrainingRefused(
            f"Kunci tanda tangan mitra {facts.provider_name} belum dipasang; sertifikat "
            "kelas mitra harus ditandatangani bersama. Hubungi administrator."
        )
    return key


def _build(enrolments: list[Enrolment], indices: list[int], moment: datetime) -> list[Credential]:
    """Builds and signs every document in Python; nothing touches the database."""
    issuer_kid = signing_key().kid
    facts_of: dict[int, openbadges.CourseFacts] = {}
    partner_of: dict[int, SigningKey | None] = {}
    built = []
    for enrolment, index in zip(enrolments, indices, strict=True):
        course = enrolment.training_class.course
        if course.pk not in facts_of:
            facts_of[course.pk] = _course_facts(course, enrolment.regency)
            partner_of[course.pk] = _partner_key(facts_of[course.pk])
        facts, partner = facts_of[course.pk], partner_of[course.pk]
        asn = enrolment.asn
        subject = openbadges.SubjectFacts(name=asn.name, nip=asn.nip, salt=secrets.token_hex(8))
        public_id = new_public_id()
        endorsement = ""
        if partner is not None:
            statement = openbadges.partner_endorsement(
                public_id=public_id, course=facts, valid_from=moment
            )
            endorsement = sign_compact(
                JWT_HEADER, openbadges.jwt_claims(statement, moment), key=partner
            )
        document = openbadges.open_badge_credential(
            public_id=public_id,
            course=facts,
            subject=subject,
            valid_from=moment,
            status_index=index,
            endorsement_jwt=endorsement,
        )
        built.append(
            Credential(
                regency=enrolment.regency,
                public_id=public_id,
                enrolment=enrolment,
                asn=asn,
                title=course.title[:160],
                jp=course.jp,
                issued_at=moment,
                status_index=index,
                payload=document,
                jwt=sign_compact(JWT_HEADER, openbadges.jwt_claims(document, moment)),
                kid=issuer_kid,
            )
        )
    return built


def credentials_issue(
    *,
    enrolments: list[Enrolment],
    actor: User | None,
    now: datetime | None = None,
) -> list[Credential]:
    """Issues the credentials of completed enrolments of one regency in one batch: one
    query for those already issued (returned as they are), one for the free status
    indices, documents built and signed in Python, one bulk insert of credentials and
    one of their audit rows. Called inside the completion transaction."""
    if not enrolments:
        return []
    regency: Regency = enrolments[0].regency
    if any(e.regency_id != regency.pk for e in enrolments):
        raise TrainingRefused("Sertifikat diterbitkan per kabupaten.")
    if any(e.status != EnrolmentStatus.COMPLETED for e in enrolments):
        raise TrainingRefused("Sertifikat hanya untuk peserta yang lulus.")
    moment = now or timezone.now()
    for _attempt in range(5):
        existing = {
            c.enrolment_id: c
            for c in Credential.objects.filter(enrolment__in=[e.pk for e in enrolments])
        }
        todo = [e for e in enrolments if e.pk not in existing]
        if not todo:
            return [existing[e.pk] for e in enrolments]
        built = _build(todo, _free_indices(regency.pk, len(todo)), moment)
        try:
            with transaction.atomic():
                created = Credential.objects.bulk_create(built, batch_size=500)
                audit_record_many(
                    regency=regency,
                    actor=actor,
                    action="training.credential.issue",
                    entries=[
                        (
                            c,
                            {
                                "public_id": c.public_id,
                                "enrolment": c.enrolment_id,
                                "status_index": c.status_index,
                                "cosigned": "endorsementJwt" in c.payload,
                            },
                        )
                        for c in created
                    ],
                )
        except IntegrityError:  # an index or enrolment was taken concurrently: redo
            continue
        fresh = {c.enrolment_id: c for c in created}
        return [existing.get(e.pk) or fresh[e.pk] for e in enrolments]
    raise TrainingRefused("Sertifikat gagal diterbitkan karena bentrok; coba lagi.")


def credential_issue(
    *,
    enrolment: Enrolment,
    actor: User | None,
    issued_on: date | None = None,
    now: datetime | None = None,
) -> Credential:
    """One credential, through the same batch path; issuing twice for one enrolment
    returns the first credential."""
    return credentials_issue(enrolments=[enrolment], actor=actor, now=now)[0]


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
