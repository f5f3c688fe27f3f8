"""Realisation against potential (*potensi vs realisasi*), read from the rollups only,
never from raw events: per spot, zone, attendant and day, with the gap in rupiah. Every
active spot in the caller's scope is listed, including spots that collected nothing."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import pairwise
from typing import Any

from django.db.models import Q, QuerySet, Sum

from kotacerdas.core.models import Regency, Role, User
from kotacerdas.core.selectors import user_roles
from kotacerdas.parking.models import (
    Assignment,
    Attendant,
    Channel,
    RollupDay,
    Spot,
    SpotCapacity,
    VehicleClass,
)
from kotacerdas.parking.potential import ClassCapacity, Gap, daily_potential, operating_hours
from kotacerdas.parking.selectors import sees_all_parking, tariff_rules
from kotacerdas.parking.tariffs import TariffRule, tariff_table

MAX_RANGE_DAYS = 366 * 2
# A spot without surveyed classes: its registry capacity at one vehicle per bay per hour.
ASSUMED_TURNOVER_X100 = 100


def scoped_rollups(user: User, regency: Regency) -> QuerySet[RollupDay]:
    qs = RollupDay.objects.filter(regency=regency)
    roles = user_roles(user)
    if sees_all_parking(user):
        return qs
    if Role.KORLAP in roles:
        return qs.filter(attendant__coordinator=user)
    if Role.JUKIR in roles:
        return qs.filter(attendant__user=user)
    return qs.none()


def scoped_spots(user: User, regency: Regency, start: date, end: date) -> QuerySet[Spot]:
    """Active spots the caller answers for: all (levy staff), the team's assigned spots
    (korlap), the attendant's own (jukir), over any part of the range."""
    spots = Spot.objects.filter(regency=regency, is_active=True).select_related("zone")
    if sees_all_parking(user):
        return spots
    overlapping = Assignment.objects.filter(regency=regency, start_date__lte=end).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=start)
    )
    roles = user_roles(user)
    if Role.KORLAP in roles:
        overlapping = overlapping.filter(attendant__coordinator=user)
    elif Role.JUKIR in roles:
        overlapping = overlapping.filter(attendant__user=user)
    else:
        return spots.none()
    return spots.filter(pk__in=overlapping.values("spot_id"))


def spot_capacities(spots: list[Spot]) -> dict[int, list[ClassCapacity]]:
    stored: dict[int, list[ClassCapacity]] = defaultdict(list)
    for row in SpotCapacity.objects.filter(spot__in=spots):
        stored[row.spot_id].append(
            ClassCapacity(row.vehicle_class, row.capacity, row.turnover_x100)
        )
    for spot in spots:
        if spot.pk not in stored:
            stored[spot.pk] = [
                ClassCapacity(
                    VehicleClass.MOTORCYCLE, spot.capacity_motorcycle, ASSUMED_TURNOVER_X100
                ),
                ClassCapacity(VehicleClass.CAR, spot.capacity_car, ASSUMED_TURNOVER_X100),
            ]
    return stored


def _segments(rules: list[TariffRule], start: date, end: date) -> list[tuple[date, int]]:
    """Split the range where any tariff starts or ends, so one tariff table holds within
    each segment: (first day, number of days)."""
    cuts = {start, end + timedelta(days=1)}
    for rule in rules:
        for edge in (rule.effective_from, (rule.effective_to or end) + timedelta(days=1)):
            if start < edge <= end:
                cuts.add(edge)
    ordered = sorted(cuts)
    return [(a, (b - a).days) for a, b in pairwise(ordered)]


def potential_by_spot(
    spots: list[Spot], start: date, end: date, regency: Regency
) -> dict[int, int]:
    rules = tariff_rules(regency)
    segments = _segments(rules, start, end)
    capacities = spot_capacities(spots)
    out: dict[int, int] = {}
    for spot in spots:
        hours = operating_hours(spot.opens_at, spot.closes_at)
        total = 0
        for first, days in segments:
            tariffs = tariff_table(
                rules, classes=VehicleClass.values, spot_id=spot.pk, zone_id=spot.zone_id, day=first
            )
            total += days * daily_potential(capacities[spot.pk], hours=hours, tariffs=tariffs)
        out[spot.pk] = total
    return out


def _money() -> dict[str, int]:
    return {"count": 0, "total": 0, "cash_total": 0, "cashless_total": 0}


@dataclass
class RangeReport:
    start: date
    end: date
    totals: dict[str, int] = field(default_factory=dict)
    by_class: dict[str, dict[str, int]] = field(default_factory=dict)
    by_spot: list[dict[str, Any]] = field(default_factory=list)
    by_zone: list[dict[str, Any]] = field(default_factory=list)
    by_attendant: list[dict[str, Any]] = field(default_factory=list)
    by_day: list[dict[str, Any]] = field(default_factory=list)

    @property
    def cashless_share(self) -> float:
        total = self.totals.get("total", 0)
        return round(100 * self.totals.get("cashless_total", 0) / total, 1) if total else 0.0

    def as_api(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            **self.totals,
            "cashless_share": self.cashless_share,
            "by_class": self.by_class,
            "by_spot": self.by_spot,
        }
        if self.start == self.end:
            body["date"] = self.start.isoformat()
        return body


def _add(target: dict[str, int], channel: str, n: int, money: int) -> None:
    target["count"] += n
    target["total"] += money
    target["cashless_total" if channel == Channel.QRIS else "cash_total"] += money


def _with_gap(row: dict[str, Any]) -> dict[str, Any]:
    gap = Gap(potential=row["potential"], realised=row["total"])
    row["gap"] = gap.gap
    row["realisation_pct"] = gap.realisation_pct
    return row


def range_report(user: User, regency: Regency, start: date, end: date) -> RangeReport:
    """Totals over [start, end] from the daily rollup, with potential and gap."""
    report = RangeReport(start=start, end=end)
    rollups = scoped_rollups(user, regency).filter(day__gte=start, day__lte=end)
    spots = list(scoped_spots(user, regency, start, end))
    potential = potential_by_spot(spots, start, end, regency)
    per_spot = {s.pk: {**_money(), "potential": potential[s.pk]} for s in spots}
    per_attendant: dict[int, dict[str, int]] = defaultdict(_money)
    totals = {
        **_money(),
        "cashless_count": 0,
        "cash_count": 0,
        "pending_count": 0,
        "expired_count": 0,
        "cancelled_count": 0,
        "created_count": 0,
    }
    rows = rollups.values("spot_id", "attendant_id", "vehicle_class", "channel").annotate(
        n=Sum("collected"),
        money=Sum("collected_rp"),
        made=Sum("events"),
        pending=Sum("pending"),
        expired=Sum("expired"),
        cancelled=Sum("cancelled"),
    )
    for row in rows:
        n, money, channel = int(row["n"] or 0), int(row["money"] or 0), row["channel"]
        _add(totals, channel, n, money)
        totals["cashless_count" if channel == Channel.QRIS else "cash_count"] += n
        for key in ("pending", "expired", "cancelled"):
            totals[f"{key}_count"] += int(row[key] or 0)
        totals["created_count"] += int(row["made"] or 0)
        cls = report.by_class.setdefault(row["vehicle_class"], {"count": 0, "total": 0})
        cls["count"] += n
        cls["total"] += money
        spot = per_spot.setdefault(row["spot_id"], {**_money(), "potential": 0})
        _add(spot, channel, n, money)
        _add(per_attendant[row["attendant_id"]], channel, n, money)
    report.totals = {**totals, "potential": sum(potential.values())}
    spot_meta = {s.pk: s for s in spots}
    missing = [pk for pk in per_spot if pk not in spot_meta]
    spot_meta.update({s.pk: s for s in Spot.objects.filter(pk__in=missing).select_related("zone")})
    report.by_spot = sorted(
        (
            _with_gap(
                {
                    "code": spot_meta[pk].code,
                    "name": spot_meta[pk].name,
                    "zone": spot_meta[pk].zone.code,
                    "lat": float(spot_meta[pk].lat),
                    "lon": float(spot_meta[pk].lon),
                    **values,
                }
            )
            for pk, values in per_spot.items()
        ),
        key=lambda r: r["code"],
    )
    zones: dict[str, dict[str, Any]] = {}
    for spot_row in report.by_spot:
        zone = zones.setdefault(
            spot_row["zone"], {"zone": spot_row["zone"], **_money(), "potential": 0}
        )
        for key in ("count", "total", "cash_total", "cashless_total", "potential"):
            zone[key] += spot_row[key]
    report.by_zone = [_with_gap(z) for z in sorted(zones.values(), key=lambda z: z["zone"])]
    report.by_attendant = _attendant_rows(user, regency, start, end, per_attendant, potential)
    report.by_day = [
        {"day": r["day"], "channel": r["channel"], "total": int(r["money"] or 0)}
        for r in rollups.values("day", "channel")
        .annotate(money=Sum("collected_rp"))
        .order_by("day")
    ]
    return report


def _attendant_rows(
    user: User,
    regency: Regency,
    start: date,
    end: date,
    per_attendant: dict[int, dict[str, int]],
    spot_potential: dict[int, int],
) -> list[dict[str, Any]]:
    """Every attendant assigned in the range (zero-revenue included). An attendant's
    potential is that of the spots assigned to them, shared equally among the attendants
    of a spot; partial assignments count by the days they overlap the range."""
    days = (end - start).days + 1
    assignments = (
        Assignment.objects.filter(
            regency=regency, start_date__lte=end, attendant__in=_team(user, regency)
        )
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=start))
        .select_related("attendant")
    )
    sharing: dict[int, int] = defaultdict(int)
    listed = list(assignments)
    for a in listed:
        sharing[a.spot_id] += 1
    potential: dict[int, int] = defaultdict(int)
    attendants: dict[int, Attendant] = {}
    for a in listed:
        first, last = max(start, a.start_date), min(end, a.end_date or end)
        overlap = (last - first).days + 1
        share = spot_potential.get(a.spot_id, 0) * overlap // (days * sharing[a.spot_id])
        potential[a.attendant_id] += share
        attendants[a.attendant_id] = a.attendant
    missing = [pk for pk in per_attendant if pk not in attendants]
    attendants.update(Attendant.objects.in_bulk(missing))
    rows = [
        _with_gap(
            {
                "code": attendants[pk].code,
                "name": attendants[pk].name,
                **per_attendant.get(pk, _money()),
                "potential": potential.get(pk, 0),
            }
        )
        for pk in set(attendants) | set(per_attendant)
    ]
    return sorted(rows, key=lambda r: r["code"])


def _team(user: User, regency: Regency) -> QuerySet[Attendant]:
    qs = Attendant.objects.filter(regency=regency)
    if sees_all_parking(user):
        return qs
    roles = user_roles(user)
    if Role.KORLAP in roles:
        return qs.filter(coordinator=user)
    if Role.JUKIR in roles:
        return qs.filter(user=user)
    return qs.none()


def target_for_range(regency: Regency, start: date, end: date) -> tuple[int, bool]:
    """The APBD target over the range: each month's target pro-rated by the days of the
    range that fall in it (exact when the range covers whole months). Returns the rupiah
    and whether every month in the range has a target set."""
    from calendar import monthrange

    from kotacerdas.parking.models import RevenueTarget

    targets = {
        (t.year, t.month): t.amount
        for t in RevenueTarget.objects.filter(
            regency=regency, year__gte=start.year, year__lte=end.year
        )
    }
    total, complete = 0, True
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        days_in = monthrange(year, month)[1]
        first = max(start, date(year, month, 1))
        last = min(end, date(year, month, days_in))
        amount = targets.get((year, month))
        if amount is None:
            complete = False
        else:
            total += amount * ((last - first).days + 1) // days_in
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return total, complete
