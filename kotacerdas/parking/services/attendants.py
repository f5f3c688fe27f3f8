from __future__ import annotations

import re
from datetime import date

from django.db import transaction
from django.utils import timezone

from kotacerdas.core.models import Regency, User
from kotacerdas.core.services.audit import audit_record, snapshot
from kotacerdas.core.timeutil import local_date
from kotacerdas.parking.models import Assignment, Attendant, Spot

_NIK = re.compile(r"^\d{16}$")


def mask_nik(nik: str) -> str:
    """Keep the region code (first 4) and the last 4 digits: enough for a person to
    recognise their card, useless to anyone copying it."""
    digits = nik.strip()
    if not _NIK.fullmatch(digits):
        raise ValueError("NIK must be exactly 16 digits")
    return digits[:4] + "*" * 8 + digits[-4:]


def attendant_create(
    *,
    regency: Regency,
    user: User,
    code: str,
    name: str,
    nik: str = "",
    coordinator: User | None = None,
    actor: User | None,
) -> Attendant:
    with transaction.atomic():
        attendant = Attendant(
            regency=regency,
            user=user,
            code=code.strip().upper(),
            name=name.strip(),
            nik_masked=mask_nik(nik) if nik else "",
            coordinator=coordinator,
        )
        attendant.full_clean(exclude=["photo"])
        attendant.save()
        audit_record(
            regency=regency,
            actor=actor,
            action="parking.attendant.create",
            obj=attendant,
            after=snapshot(attendant, ["code", "name", "nik_masked", "coordinator", "user"]),
        )
        return attendant


def assignment_create(
    *,
    attendant: Attendant,
    spot: Spot,
    start_date: date,
    end_date: date | None = None,
    actor: User | None,
) -> Assignment:
    with transaction.atomic():
        if spot.regency_id != attendant.regency_id:
            raise ValueError("spot and attendant belong to different regencies")
        assignment = Assignment.objects.create(
            regency=attendant.regency,
            attendant=attendant,
            spot=spot,
            start_date=start_date,
            end_date=end_date,
        )
        audit_record(
            regency=attendant.regency,
            actor=actor,
            action="parking.assignment.create",
            obj=assignment,
            after=snapshot(assignment, ["attendant", "spot", "start_date", "end_date"]),
        )
        return assignment


def attendant_deactivate(*, attendant: Attendant, reason: str, actor: User | None) -> Attendant:
    """Stops the attendant from issuing charges at once and ends open assignments today;
    the public verification page then shows the card as no longer valid."""
    with transaction.atomic():
        locked = Attendant.objects.select_for_update().get(pk=attendant.pk)
        if not locked.is_active:
            return locked
        before = snapshot(locked, ["is_active", "deactivation_reason"])
        now = timezone.now()
        locked.is_active = False
        locked.deactivated_at = now
        locked.deactivation_reason = reason[:200]
        locked.save(update_fields=["is_active", "deactivated_at", "deactivation_reason"])
        today = local_date(locked.regency, now)
        Assignment.objects.filter(
            attendant=locked, end_date__isnull=True, start_date__lte=today
        ).update(end_date=today)
        audit_record(
            regency=locked.regency,
            actor=actor,
            action="parking.attendant.deactivate",
            obj=locked,
            before=before,
            after=snapshot(locked, ["is_active", "deactivation_reason"]),
        )
        return locked
