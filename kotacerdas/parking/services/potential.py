"""Korlap spot surveys (*uji petik*) and the turnover they recalibrate."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from kotacerdas.core.models import Role, User
from kotacerdas.core.selectors import user_roles
from kotacerdas.core.services.audit import audit_record
from kotacerdas.parking.errors import ParkingError
from kotacerdas.parking.inputs import InputRefused, clean_text
from kotacerdas.parking.models import (
    Assignment,
    Spot,
    SpotCapacity,
    SpotSurvey,
    TurnoverSource,
    VehicleClass,
)
from kotacerdas.parking.potential import (
    MAX_SURVEY_MINUTES,
    SURVEYS_IN_MEAN,
    measured_turnover_x100,
    recalibrated_turnover_x100,
)
from kotacerdas.parking.selectors import sees_all_parking

MAX_COUNT = 5000
SURVEY_MAX_AGE = timedelta(days=7)


class SurveyRefused(ParkingError):
    code = "survey_refused"
    status = 403


def may_survey(user: User, spot: Spot) -> bool:
    """Levy staff anywhere in the regency; a korlap at spots where their team works."""
    roles = user_roles(user)
    if sees_all_parking(user) and Role.AUDITOR not in roles:
        return True
    return (
        Role.KORLAP in roles
        and Assignment.objects.filter(spot=spot, attendant__coordinator=user).exists()
    )


def survey_record(
    *,
    surveyor: User,
    spot: Spot,
    started_at: datetime,
    minutes: int,
    counts: dict[str, int],
    note: str = "",
) -> SpotSurvey:
    """Stores the count and recalibrates each counted class's turnover to the mean of the
    spot's latest surveys. Classes with no capacity registered are stored, not used."""
    if not may_survey(surveyor, spot):
        raise SurveyRefused("Anda tidak berhak mensurvei titik ini.")
    if not 1 <= minutes <= MAX_SURVEY_MINUTES:
        raise ParkingError(f"Durasi survei 1 sampai {MAX_SURVEY_MINUTES} menit.", code="invalid")
    now = timezone.now()
    if started_at > now or started_at < now - SURVEY_MAX_AGE:
        raise ParkingError("Waktu mulai survei harus dalam 7 hari terakhir.", code="invalid")
    clean: dict[str, int] = {}
    for vehicle_class, n in counts.items():
        if vehicle_class not in VehicleClass.values:
            raise ParkingError("Golongan kendaraan tidak dikenal.", code="invalid")
        if isinstance(n, bool) or not isinstance(n, int) or not 0 <= n <= MAX_COUNT:
            raise ParkingError(f"Jumlah kendaraan 0 sampai {MAX_COUNT}.", code="invalid")
        clean[vehicle_class] = n
    try:
        clean_note = clean_text(note, max_length=200, label="Catatan")
    except InputRefused as exc:
        raise ParkingError(str(exc), code="invalid") from exc
    with transaction.atomic():
        capacities = {
            c.vehicle_class: c for c in SpotCapacity.objects.select_for_update().filter(spot=spot)
        }
        measured = {
            cls: measured_turnover_x100(
                counted=n, capacity=capacities[cls].capacity, minutes=minutes
            )
            for cls, n in clean.items()
            if cls in capacities and capacities[cls].capacity > 0
        }
        survey = SpotSurvey.objects.create(
            regency=spot.regency,
            spot=spot,
            surveyor=surveyor,
            started_at=started_at,
            minutes=minutes,
            counts=clean,
            measured=measured,
            note=clean_note,
        )
        recent = list(
            SpotSurvey.objects.filter(spot=spot).order_by("-started_at", "-pk")[
                : SURVEYS_IN_MEAN * 4
            ]
        )
        changes = {}
        for cls in measured:
            history = [s.measured[cls] for s in recent if cls in s.measured]
            capacity = capacities[cls]
            before = capacity.turnover_x100
            capacity.turnover_x100 = recalibrated_turnover_x100(history)
            capacity.source = TurnoverSource.SURVEY
            capacity.save(update_fields=["turnover_x100", "source", "updated_at"])
            changes[cls] = [before, capacity.turnover_x100]
        audit_record(
            regency=spot.regency,
            actor=surveyor,
            action="parking.survey.record",
            obj=survey,
            after={"spot": spot.code, "minutes": minutes, "counts": clean, "turnover": changes},
        )
        return survey
