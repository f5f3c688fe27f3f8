"""The missing-money scan for one day, and the Dishub queue's status changes. The scan
reads rollups, assignments and deposits only (never raw events); running it again for
the same day creates nothing new (one alert per kind, subject and day)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone

from kotacerdas.core.models import Regency, User
from kotacerdas.core.services.audit import audit_record
from kotacerdas.parking import leakage
from kotacerdas.parking.errors import ParkingError
from kotacerdas.parking.inputs import InputRefused, clean_text
from kotacerdas.parking.models import (
    ALERT_TRANSITIONS,
    AlertKind,
    AlertNote,
    AlertStatus,
    Assignment,
    CashDeposit,
    Channel,
    CorrectionStatus,
    DepositCorrection,
    LeakageAlert,
    RollupDay,
    RollupHour,
    Spot,
)
from kotacerdas.parking.services.money import is_dishub_approver

BASELINE_WEEKS = 8


def deposit_deadline_days() -> int:
    """Cash of day D must be handed over by the end of day D + this many days."""
    return int(getattr(settings, "KOTACERDAS_PARKING_DEPOSIT_DEADLINE_DAYS", 1))


def _on_duty(regency: Regency, day: date) -> dict[int, list[int]]:
    duty: dict[int, list[int]] = defaultdict(list)
    rows = (
        Assignment.objects.filter(
            regency=regency, start_date__lte=day, attendant__is_active=True, spot__is_active=True
        )
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
        .values_list("spot_id", "attendant_id")
    )
    for spot_id, attendant_id in rows:
        duty[spot_id].append(attendant_id)
    return duty


def _hourly(regency: Regency, days: list[date]) -> dict[tuple[int, date], dict[int, int]]:
    out: dict[tuple[int, date], dict[int, int]] = defaultdict(dict)
    rows = (
        RollupHour.objects.filter(regency=regency, day__in=days)
        .values("spot_id", "day", "hour")
        .annotate(n=Sum("collected"))
    )
    for r in rows:
        out[(r["spot_id"], r["day"])][r["hour"]] = int(r["n"] or 0)
    return out


def _found(
    regency: Regency,
    day: date,
    finding: leakage.Finding,
    *,
    spot: int | None,
    attendant: int | None,
) -> tuple[LeakageAlert, bool]:
    subject: dict[str, Any] = {"spot_id": spot, "attendant_id": attendant}
    return LeakageAlert.objects.get_or_create(
        regency=regency,
        kind=finding.kind,
        day=day,
        **subject,
        defaults={
            "observed": finding.observed,
            "expected": finding.expected,
            "hour_from": finding.hour_from,
            "hour_to": finding.hour_to,
            "detail": finding.detail or {},
        },
    )


def alerts_scan(*, regency: Regency, day: date, now: datetime | None = None) -> list[LeakageAlert]:
    """Every alert kind for one day. Hours that have not ended yet are not judged."""
    now = now or timezone.now()
    local_now = timezone.localtime(now)
    history = [day - timedelta(weeks=k) for k in range(1, BASELINE_WEEKS + 1)]
    spots = {s.pk: s for s in Spot.objects.filter(regency=regency, is_active=True)}
    duty = _on_duty(regency, day)
    hourly = _hourly(regency, [day, *history])
    created: list[LeakageAlert] = []
    with transaction.atomic():
        for spot_id, attendants in duty.items():
            spot = spots.get(spot_id)
            if spot is None:
                continue
            last = spot.closes_at
            if day == local_now.date():
                last = min(last, local_now.hour)
            hours = range(spot.opens_at, max(spot.opens_at, last))
            baseline = leakage.hourly_baseline(
                hourly.get((spot_id, day), {}),
                [hourly.get((spot_id, d), {}) for d in history],
                hours,
            )
            finding = leakage.zero_run(baseline) or leakage.low_day(baseline)
            if finding is not None:
                who = attendants[0] if len(attendants) == 1 else None
                alert, new = _found(regency, day, finding, spot=spot_id, attendant=who)
                created += [alert] if new else []
        created += _share_drops(regency, day, history)
        created += _unpaid(regency, day, history)
        created += _outside_assignment(regency, day, spots, duty)
        if local_now.date() > day + timedelta(days=deposit_deadline_days()):
            created += _undeposited(regency, day)
    return created


def _share_drops(regency: Regency, day: date, history: list[date]) -> list[LeakageAlert]:
    per: dict[tuple[int, date], dict[str, int]] = defaultdict(lambda: {"qris": 0, "all": 0, "n": 0})
    rows = (
        RollupDay.objects.filter(regency=regency, day__in=[day, *history])
        .values("spot_id", "day", "channel")
        .annotate(money=Sum("collected_rp"), n=Sum("collected"))
    )
    for r in rows:
        bucket = per[(r["spot_id"], r["day"])]
        money = int(r["money"] or 0)
        bucket["all"] += money
        bucket["n"] += int(r["n"] or 0)
        if r["channel"] == Channel.QRIS:
            bucket["qris"] += money
    out = []
    for (spot_id, when), today in per.items():
        if when != day:
            continue
        past = [
            100.0 * per[(spot_id, d)]["qris"] / per[(spot_id, d)]["all"]
            for d in history
            if per.get((spot_id, d), {}).get("all")
        ]
        finding = leakage.share_drop(
            cashless=today["qris"], total=today["all"], count=today["n"], history=past
        )
        if finding is not None:
            alert, new = _found(regency, day, finding, spot=spot_id, attendant=None)
            out += [alert] if new else []
    return out


def _unpaid(regency: Regency, day: date, history: list[date]) -> list[LeakageAlert]:
    per: dict[tuple[int, date], dict[str, int]] = {}
    rows = (
        RollupDay.objects.filter(regency=regency, day__in=[day, *history], channel=Channel.QRIS)
        .values("attendant_id", "day")
        .annotate(made=Sum("events"), expired=Sum("expired"), cancelled=Sum("cancelled"))
    )
    for r in rows:
        per[(r["attendant_id"], r["day"])] = {
            "made": int(r["made"] or 0),
            "unpaid": int(r["expired"] or 0) + int(r["cancelled"] or 0),
        }
    out = []
    for (attendant_id, when), today in per.items():
        if when != day:
            continue
        past = [float(per.get((attendant_id, d), {}).get("unpaid", 0)) for d in history]
        finding = leakage.unpaid_charges(
            unpaid=today["unpaid"], created=today["made"], history=past
        )
        if finding is not None:
            alert, new = _found(regency, day, finding, spot=None, attendant=attendant_id)
            out += [alert] if new else []
    return out


def _outside_assignment(
    regency: Regency, day: date, spots: dict[int, Spot], duty: dict[int, list[int]]
) -> list[LeakageAlert]:
    """QRIS money recorded for an attendant at a spot they were not assigned to that day,
    or outside the spot's operating hours."""
    rows = (
        RollupHour.objects.filter(regency=regency, day=day, channel=Channel.QRIS, collected__gt=0)
        .values("spot_id", "attendant_id", "hour")
        .annotate(n=Sum("collected"), money=Sum("collected_rp"))
    )
    odd: dict[tuple[int, int], dict[str, Any]] = defaultdict(lambda: {"n": 0, "hours": []})
    for r in rows:
        spot = spots.get(r["spot_id"])
        assigned = r["attendant_id"] in duty.get(r["spot_id"], [])
        in_hours = spot is not None and spot.opens_at <= r["hour"] < spot.closes_at
        if assigned and in_hours:
            continue
        entry = odd[(r["spot_id"], r["attendant_id"])]
        entry["n"] += int(r["n"] or 0)
        entry["hours"].append(r["hour"])
    out = []
    for (spot_id, attendant_id), entry in odd.items():
        finding = leakage.Finding(
            AlertKind.OUTSIDE_ASSIGNMENT,
            observed=entry["n"],
            expected=0,
            hour_from=min(entry["hours"]),
            hour_to=max(entry["hours"]) + 1,
        )
        alert, new = _found(regency, day, finding, spot=spot_id, attendant=attendant_id)
        out += [alert] if new else []
    return out


def _undeposited(regency: Regency, day: date) -> list[LeakageAlert]:
    cash = dict(
        RollupDay.objects.filter(regency=regency, day=day, channel=Channel.CASH)
        .values_list("attendant_id")
        .annotate(total=Sum("collected_rp"))
    )
    handed = dict(
        CashDeposit.objects.filter(regency=regency, business_date=day)
        .values_list("attendant_id")
        .annotate(total=Sum("deposited_amount"))
    )
    fixed = dict(
        DepositCorrection.objects.filter(
            regency=regency, deposit__business_date=day, status=CorrectionStatus.APPROVED
        )
        .values_list("deposit__attendant_id")
        .annotate(total=Sum("amount"))
    )
    out = []
    for attendant_id, total in cash.items():
        received = int(handed.get(attendant_id) or 0) + int(fixed.get(attendant_id) or 0)
        if int(total or 0) > received:
            finding = leakage.Finding(
                AlertKind.CASH_NOT_DEPOSITED, observed=received, expected=int(total or 0)
            )
            alert, new = _found(regency, day, finding, spot=None, attendant=attendant_id)
            out += [alert] if new else []
    return out


def alert_move(
    *, alert: LeakageAlert, actor: User, to: str, note: str, evidence_url: str = ""
) -> LeakageAlert:
    """A Dishub officer (or admin) moves an alert along the queue with a note."""
    if not is_dishub_approver(actor):
        raise ParkingError(
            "Hanya petugas Dishub yang menindaklanjuti peringatan.", code="forbidden"
        )
    try:
        clean_note = clean_text(note, max_length=1000, label="Catatan", required=True)
        clean_url = clean_text(evidence_url, max_length=300, label="Tautan bukti")
    except InputRefused as exc:
        raise ParkingError(str(exc), code="invalid") from exc
    if clean_url and not clean_url.startswith(("https://", "http://", "/")):
        raise ParkingError("Tautan bukti harus alamat web (https://…).", code="invalid")
    with transaction.atomic():
        locked = LeakageAlert.objects.select_for_update().get(pk=alert.pk)
        if to not in ALERT_TRANSITIONS.get(locked.status, frozenset()):
            raise ParkingError("Status peringatan tidak dapat diubah ke sana.", code="invalid")
        before = locked.status
        locked.status = to
        locked.save(update_fields=["status"])
        AlertNote.objects.create(
            regency=locked.regency,
            alert=locked,
            author=actor,
            from_status=before,
            to_status=to,
            note=clean_note,
            evidence_url=clean_url,
        )
        audit_record(
            regency=locked.regency,
            actor=actor,
            action="parking.alert.move",
            obj=locked,
            before={"status": before},
            after={"status": to, "note": clean_note},
        )
        return locked


__all__ = ["AlertStatus", "alert_move", "alerts_scan"]
