"""Attendance: by the rotating session QR (the ASN, signed in, opens the code's link)
or recorded by the lecturer as a fallback. Either way only inside the session window,
once per person and session."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction

from kotacerdas.core.models import User
from kotacerdas.core.services.audit import audit_record
from kotacerdas.training.attendance_code import code_is_fresh, session_code, window_of
from kotacerdas.training.models import (
    Attendance,
    AttendanceMethod,
    ClassStatus,
    Enrolment,
    EnrolmentStatus,
    TrainingSession,
)
from kotacerdas.training.workflow import TrainingRefused

# Check-in opens this long before a session starts (people arrive early) and closes
# when it ends.
EARLY = timedelta(minutes=30)


def qr_key() -> bytes:
    """Derived from SECRET_KEY: a copy of the database alone cannot mint codes."""
    return hashlib.sha256(f"kotacerdas.training.qr:{settings.SECRET_KEY}".encode()).digest()


def current_code(session: TrainingSession, now: datetime) -> str:
    return session_code(qr_key(), session.pk, session.qr_salt, window_of(now.timestamp()))


def _check_window(session: TrainingSession, now: datetime) -> None:
    if now < session.starts_at - EARLY:
        raise TrainingRefused("Presensi sesi ini belum dibuka.")
    if now > session.ends_at:
        raise TrainingRefused("Sesi ini sudah berakhir; presensi ditutup.")


def _record(
    *, session: TrainingSession, enrolment: Enrolment, method: str, actor: User
) -> tuple[Attendance, bool]:
    try:
        with transaction.atomic():
            row = Attendance.objects.create(
                regency=session.regency,
                session=session,
                enrolment=enrolment,
                method=method,
                recorded_by=actor,
            )
            audit_record(
                regency=session.regency,
                actor=actor,
                action=f"training.attendance.{method}",
                obj=row,
                after={"session": session.pk, "enrolment": enrolment.pk},
            )
    except IntegrityError:
        return Attendance.objects.get(session=session, enrolment=enrolment), False
    return row, True


def attendance_by_qr(
    *, session: TrainingSession, code: str, user: User, now: datetime
) -> tuple[Attendance, bool]:
    """Returns the attendance and whether it is new. Refuses a stale or wrong code, a
    person not enrolled in the class, and a time outside the session window."""
    if not code_is_fresh(qr_key(), session.pk, session.qr_salt, code[:40], now.timestamp()):
        raise TrainingRefused(
            "Kode QR sudah kedaluwarsa atau tidak sah. "
            "Pindai kode yang sedang tampil di layar pengajar."
        )
    _check_window(session, now)
    enrolment = (
        Enrolment.objects.filter(
            training_class_id=session.training_class_id,
            asn__user=user,
            status=EnrolmentStatus.ENROLLED,
        )
        .select_related("asn")
        .first()
    )
    if enrolment is None:
        raise TrainingRefused("Anda tidak terdaftar sebagai peserta angkatan ini.")
    return _record(session=session, enrolment=enrolment, method=AttendanceMethod.QR, actor=user)


def attendance_manual(
    *, session: TrainingSession, enrolment: Enrolment, actor: User, now: datetime
) -> tuple[Attendance, bool]:
    """The lecturer's fallback (no phone, no signal). Allowed during the session and until
    the class is closed, for people enrolled in it."""
    if enrolment.training_class_id != session.training_class_id:
        raise TrainingRefused("Peserta itu bukan anggota angkatan ini.")
    if enrolment.status != EnrolmentStatus.ENROLLED:
        raise TrainingRefused("Hanya peserta terdaftar yang dapat dicatat hadir.")
    if session.training_class.status == ClassStatus.FINISHED:
        raise TrainingRefused("Angkatan sudah selesai.")
    if now < session.starts_at - EARLY:
        raise TrainingRefused("Sesi ini belum dimulai.")
    return _record(
        session=session, enrolment=enrolment, method=AttendanceMethod.MANUAL, actor=actor
    )
