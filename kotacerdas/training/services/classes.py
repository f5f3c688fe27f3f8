"""Nomination by an OPD, enrolment by BKPSDM/Diskominfo, scores and the end of a class
with its completion decisions and JP. Each call: one transaction, audit records."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone

from kotacerdas.core.models import User
from kotacerdas.core.services.audit import audit_record
from kotacerdas.core.timeutil import WIB
from kotacerdas.training.models import (
    Asn,
    ClassStatus,
    Enrolment,
    EnrolmentStatus,
    JpEntry,
    JpSource,
    NominationQuota,
    TrainingClass,
)
from kotacerdas.training.rules import CompletionRule, decide_completion
from kotacerdas.training.workflow import TrainingRefused, check_class, check_enrolment

ACTIVE = (EnrolmentStatus.NOMINATED, EnrolmentStatus.ENROLLED)


def enrolment_nominate(*, training_class: TrainingClass, asn: Asn, actor: User) -> Enrolment:
    """Quota per OPD counts nominated and enrolled people; the class row is locked so two
    heads nominating at once cannot both take the last place."""
    if asn.regency_id != training_class.regency_id:
        raise TrainingRefused("ASN itu tidak terdaftar di kabupaten ini.")
    if not asn.is_active:
        raise TrainingRefused("ASN itu tidak aktif.")
    with transaction.atomic():
        klass = TrainingClass.objects.select_for_update().get(pk=training_class.pk)
        if klass.status != ClassStatus.OPEN:
            raise TrainingRefused("Pendaftaran angkatan ini sudah ditutup.")
        if Enrolment.objects.filter(training_class=klass, asn=asn).exists():
            raise TrainingRefused("ASN itu sudah diusulkan di angkatan ini.")
        quota = NominationQuota.objects.filter(training_class=klass, opd_id=asn.opd_id).first()
        if quota is None or quota.quota == 0:
            raise TrainingRefused("OPD ini tidak mendapat kuota di angkatan ini.")
        used = Enrolment.objects.filter(
            training_class=klass, opd_id=asn.opd_id, status__in=ACTIVE
        ).count()
        if used >= quota.quota:
            raise TrainingRefused(
                f"Kuota OPD sudah penuh ({used} dari {quota.quota} orang diusulkan)."
            )
        try:
            with transaction.atomic():
                enrolment = Enrolment.objects.create(
                    regency=klass.regency,
                    training_class=klass,
                    asn=asn,
                    opd_id=asn.opd_id,
                    nominated_by=actor,
                )
        except IntegrityError:
            raise TrainingRefused("ASN itu sudah diusulkan di angkatan ini.") from None
        audit_record(
            regency=klass.regency,
            actor=actor,
            action="training.enrolment.nominate",
            obj=enrolment,
            after={"class": klass.pk, "asn": asn.pk, "opd": asn.opd_id},
        )
    return enrolment


def enrolment_decide(
    *, enrolment: Enrolment, accept: bool, actor: User, note: str = ""
) -> Enrolment:
    target = EnrolmentStatus.ENROLLED if accept else EnrolmentStatus.REJECTED
    note = note.strip()[:300]
    with transaction.atomic():
        locked = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
        check_enrolment(locked.status, target)
        klass = TrainingClass.objects.select_for_update().get(pk=locked.training_class_id)
        if accept:
            taken = Enrolment.objects.filter(
                training_class=klass, status=EnrolmentStatus.ENROLLED
            ).count()
            if taken >= klass.capacity:
                raise TrainingRefused(f"Kapasitas angkatan ({klass.capacity} orang) sudah penuh.")
        before = {"status": locked.status}
        locked.status = target
        locked.decided_at = timezone.now()
        locked.decision_note = note
        locked.save(update_fields=["status", "decided_at", "decision_note"])
        audit_record(
            regency=locked.regency,
            actor=actor,
            action="training.enrolment.decide",
            obj=locked,
            before=before,
            after={"status": target, "note": note},
        )
    return locked


def _score(value: object, label: str) -> int | None:
    if value is None or value == "":
        return None
    text = str(value).strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 3:
        raise TrainingRefused(f"{label} harus bilangan bulat 0–100.")
    number = int(text)
    if number > 100:
        raise TrainingRefused(f"{label} harus bilangan bulat 0–100.")
    return number


def scores_set(
    *, training_class: TrainingClass, scores: Mapping[int, tuple[object, object]], actor: User
) -> int:
    """``scores``: enrolment id -> (pre, post). All rows are checked before any is
    saved, so one bad value leaves every score as it was."""
    if training_class.status == ClassStatus.FINISHED:
        raise TrainingRefused("Angkatan sudah selesai; nilai tidak dapat diubah.")
    enrolments = {
        e.pk: e
        for e in Enrolment.objects.filter(
            training_class=training_class, status=EnrolmentStatus.ENROLLED
        ).select_related("asn")
    }
    parsed: dict[int, tuple[int | None, int | None]] = {}
    for pk, (pre, post) in scores.items():
        enrolment = enrolments.get(pk)
        if enrolment is None:
            raise TrainingRefused("Peserta tidak terdaftar di angkatan ini.")
        name = enrolment.asn.name
        parsed[pk] = (_score(pre, f"Pre-test {name}"), _score(post, f"Post-test {name}"))
    changed = 0
    with transaction.atomic():
        for pk, (pre, post) in parsed.items():
            enrolment = enrolments[pk]
            if (enrolment.pre_score, enrolment.post_score) == (pre, post):
                continue
            before = {"pre": enrolment.pre_score, "post": enrolment.post_score}
            enrolment.pre_score, enrolment.post_score = pre, post
            enrolment.save(update_fields=["pre_score", "post_score"])
            audit_record(
                regency=enrolment.regency,
                actor=actor,
                action="training.enrolment.scores",
                obj=enrolment,
                before=before,
                after={"pre": pre, "post": post},
            )
            changed += 1
    return changed


def class_start(*, training_class: TrainingClass, actor: User) -> TrainingClass:
    with transaction.atomic():
        klass = TrainingClass.objects.select_for_update().get(pk=training_class.pk)
        check_class(klass.status, ClassStatus.RUNNING)
        klass.status = ClassStatus.RUNNING
        klass.save(update_fields=["status"])
        audit_record(
            regency=klass.regency,
            actor=actor,
            action="training.class.start",
            obj=klass,
            after={"status": klass.status},
        )
    return klass


def class_finish(
    *, training_class: TrainingClass, actor: User, today: date | None = None
) -> list[Enrolment]:
    """Decides every enrolled participant by the course's rule, books the JP of those
    who completed and issues their credentials, all in one transaction."""
    from kotacerdas.training.services.credentials import credentials_issue

    today = today or timezone.now().astimezone(WIB).date()
    decided: list[Enrolment] = []
    completed: list[Enrolment] = []
    with transaction.atomic():
        klass = (
            TrainingClass.objects.select_for_update()
            .select_related("course", "regency")
            .get(pk=training_class.pk)
        )
        check_class(klass.status, ClassStatus.FINISHED)
        course = klass.course
        rule = CompletionRule(course.min_attendance_pct, course.min_post_score)
        sessions = klass.sessions.count()
        rows = (
            Enrolment.objects.filter(training_class=klass, status=EnrolmentStatus.ENROLLED)
            .select_related("asn")
            .annotate(
                attended=Count("attendance", filter=Q(attendance__session__training_class=klass))
            )
        )
        for enrolment in rows:
            decision = decide_completion(
                rule=rule,
                sessions=sessions,
                attended=enrolment.attended,
                post_score=enrolment.post_score,
            )
            target = (
                EnrolmentStatus.COMPLETED if decision.completed else EnrolmentStatus.NOT_COMPLETED
            )
            check_enrolment(enrolment.status, target)
            enrolment.status = target
            enrolment.decided_at = timezone.now()
            enrolment.decision_note = " ".join(decision.reasons)[:300]
            enrolment.save(update_fields=["status", "decided_at", "decision_note"])
            audit_record(
                regency=klass.regency,
                actor=actor,
                action="training.enrolment.complete"
                if decision.completed
                else "training.enrolment.fail",
                obj=enrolment,
                after={"attendance_pct": decision.attendance_pct, "post": enrolment.post_score},
            )
            if decision.completed:
                JpEntry.objects.create(
                    regency=klass.regency,
                    asn=enrolment.asn,
                    source=JpSource.CLASS,
                    enrolment=enrolment,
                    jp=course.jp,
                    earned_on=today,
                    title=course.title[:160],
                )
                enrolment.training_class = klass
                enrolment.regency = klass.regency
                completed.append(enrolment)
            decided.append(enrolment)
        credentials_issue(enrolments=completed, actor=actor)
        klass.status = ClassStatus.FINISHED
        klass.save(update_fields=["status"])
        audit_record(
            regency=klass.regency,
            actor=actor,
            action="training.class.finish",
            obj=klass,
            after={"decided": len(decided), "sessions": sessions},
        )
    return decided
