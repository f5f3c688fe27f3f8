"""Cash the attendant recorded on the phone without signal, arriving later in a batch.

Each record carries the phone's idempotency key and the time it was taken. A record is
either booked as a cash event at that time (its key is the event's ``client_ref``, so the
same DB unique constraint that stops a double tap stops a double sync) or refused with a
reason that is stored, so the attendant and the korlap both still see the money."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format

from kotacerdas.core.services.audit import audit_record
from kotacerdas.core.timeutil import zone_label, zone_of
from kotacerdas.parking.errors import ParkingError
from kotacerdas.parking.models import Attendant, OfflineRefusal, ParkingEvent, Spot
from kotacerdas.parking.offline_window import TOO_OLD, capture_verdict
from kotacerdas.parking.selectors import tariff_for
from kotacerdas.parking.services.events import cash_record
from kotacerdas.parking.tariffs import NoTariff


@dataclass(frozen=True)
class OfflineCash:
    """One record as the phone sent it (already bounded by the API schema)."""

    key: str
    spot: str
    vehicle_class: str
    plate: str
    captured_at: datetime
    # False when the phone sent the record at once (it was online when cash was taken):
    # the server's clock is then the capture time, and no window applies.
    waited: bool = True


@dataclass(frozen=True)
class SyncOutcome:
    key: str
    event: ParkingEvent | None = None
    refusal: OfflineRefusal | None = None

    @property
    def status(self) -> str:
        return "synced" if self.event is not None else "refused"


def _window() -> tuple[timedelta, timedelta]:
    return (
        timedelta(hours=settings.KOTACERDAS_OFFLINE_MAX_AGE_HOURS),
        timedelta(seconds=settings.KOTACERDAS_OFFLINE_CLOCK_SKEW_SECONDS),
    )


def _when(attendant: Attendant, moment: datetime) -> str:
    zone = zone_of(attendant.regency)
    local = moment.astimezone(zone)
    return f"{date_format(local, 'j M Y')} {local:%H:%M} {zone_label(zone)}"


def _window_reason(code: str, attendant: Attendant, record: OfflineCash) -> str:
    when = _when(attendant, record.captured_at)
    if code == TOO_OLD:
        hours = settings.KOTACERDAS_OFFLINE_MAX_AGE_HOURS
        return (
            f"Dicatat {when}, lebih dari {hours} jam sebelum terkirim, sehingga tidak bisa "
            "dibukukan otomatis. Serahkan uangnya ke korlap; korlap melihat catatan ini."
        )
    return (
        f"Jam ponsel menunjukkan {when}, lebih maju dari jam server. Periksa jam ponsel; "
        "catatan ini diteruskan ke korlap."
    )


def _amount(attendant: Attendant, record: OfflineCash) -> int:
    """The tariff the driver should have paid, for the korlap's list (0 if unknown)."""
    spot = Spot.objects.filter(regency=attendant.regency, code=record.spot).first()
    if spot is None:
        return 0
    try:
        day = record.captured_at.astimezone(zone_of(attendant.regency)).date()
        return int(tariff_for(spot, record.vehicle_class, day).amount)
    except (NoTariff, ValueError):
        return 0


def _refuse(attendant: Attendant, record: OfflineCash, code: str, reason: str) -> OfflineRefusal:
    lookup = {"regency": attendant.regency, "attendant": attendant, "client_ref": record.key}
    try:
        with transaction.atomic():
            refusal = OfflineRefusal.objects.create(
                **lookup,
                spot_code=record.spot,
                vehicle_class=record.vehicle_class,
                plate=record.plate.upper()[:12],
                amount=_amount(attendant, record),
                captured_at=record.captured_at,
                code=code[:32],
                reason=reason[:300],
            )
            audit_record(
                regency=attendant.regency,
                actor=attendant.user,
                action="parking.cash.offline_refused",
                obj=refusal,
                after={"spot": record.spot, "code": code, "amount": refusal.amount},
            )
    except IntegrityError:
        # The same record sent twice at once: the first refusal stands.
        return OfflineRefusal.objects.get(**lookup)
    return refusal


def _one(attendant: Attendant, record: OfflineCash, now: datetime) -> SyncOutcome:
    known = OfflineRefusal.objects.filter(
        regency=attendant.regency, attendant=attendant, client_ref=record.key
    ).first()
    if known is not None:
        return SyncOutcome(record.key, refusal=known)
    already = ParkingEvent.objects.filter(
        regency=attendant.regency, attendant=attendant, client_ref=record.key
    ).exists()
    if not already and record.waited:
        # A replay of a booked record is answered below whatever its age; only new
        # records are held to the window.
        max_age, skew = _window()
        verdict = capture_verdict(record.captured_at, now, max_age=max_age, skew=skew)
        if verdict is not None:
            reason = _window_reason(verdict, attendant, record)
            return SyncOutcome(record.key, refusal=_refuse(attendant, record, verdict, reason))
    spot = Spot.objects.filter(regency=attendant.regency, code=record.spot).first()
    if spot is None:
        reason = f"Titik parkir {record.spot} tidak dikenal."
        return SyncOutcome(record.key, refusal=_refuse(attendant, record, "unknown_spot", reason))
    try:
        event = cash_record(
            attendant=attendant,
            spot=spot,
            vehicle_class=record.vehicle_class,
            plate=record.plate,
            client_ref=record.key,
            captured_at=record.captured_at if record.waited else None,
        )
    except ParkingError as exc:
        return SyncOutcome(record.key, refusal=_refuse(attendant, record, exc.code, exc.message))
    return SyncOutcome(record.key, event=event)


def offline_cash_sync(
    *, attendant: Attendant, records: list[OfflineCash], now: datetime | None = None
) -> list[SyncOutcome]:
    """Book or refuse each record, in order. Safe to repeat: a record already booked
    answers with its event, one already refused with its stored refusal."""
    moment = now or timezone.now()
    return [_one(attendant, record, moment) for record in records]
