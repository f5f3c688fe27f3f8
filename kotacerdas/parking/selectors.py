"""Reads for the attendant app, the API, staff dashboards and KPIs."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from kotacerdas.core.models import Regency, Role, User
from kotacerdas.core.selectors import user_roles
from kotacerdas.parking.models import (
    Assignment,
    Attendant,
    CashDeposit,
    Channel,
    ConcessionInstalment,
    CorrectionStatus,
    DepositCorrection,
    EventStatus,
    ParkingEvent,
    RevenueShareRule,
    Spot,
    Tariff,
    VehicleClass,
)
from kotacerdas.parking.tariffs import TariffRule, applicable_tariff, split_amount, tariff_table

# Who sees every attendant's figures: officers of the agencies that own the levy (Dishub
# collects it, Bapenda accounts for revenue), Diskominfo administrators and auditors.
# Korlap see their team; attendants see themselves.
PARKING_OPDS = frozenset({"dishub", "bapenda"})
ALL_SCOPE_ROLES = frozenset({Role.ADMIN, Role.AUDITOR})


def sees_all_parking(user: Any) -> bool:
    roles = user_roles(user)
    if roles & ALL_SCOPE_ROLES:
        return True
    return Role.OFFICER in roles and user.opd_id is not None and user.opd.code in PARKING_OPDS


# Money counted as collected: QRIS events with money in (paid) and recorded cash.
COLLECTED = Q(status=EventStatus.PAID) | Q(status=EventStatus.CASH)


def attendant_for(user: Any) -> Attendant | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Attendant.objects.filter(user_id=user.pk).select_related("regency").first()


def tariff_rules(regency: Regency) -> list[TariffRule]:
    return [
        TariffRule(
            id=t.pk,
            vehicle_class=t.vehicle_class,
            amount=t.amount,
            effective_from=t.effective_from,
            effective_to=t.effective_to,
            spot_id=t.spot_id,
            zone_id=t.zone_id,
            is_event=t.is_event,
        )
        for t in Tariff.objects.filter(regency=regency)
    ]


def tariff_for(spot: Spot, vehicle_class: str, day: date) -> Tariff:
    rule = applicable_tariff(
        tariff_rules(spot.regency),
        vehicle_class=vehicle_class,
        spot_id=spot.pk,
        zone_id=spot.zone_id,
        day=day,
    )
    return Tariff.objects.get(pk=rule.id)


def spot_tariffs(spot: Spot, day: date, rules: list[TariffRule] | None = None) -> dict[str, int]:
    return tariff_table(
        rules if rules is not None else tariff_rules(spot.regency),
        classes=VehicleClass.values,
        spot_id=spot.pk,
        zone_id=spot.zone_id,
        day=day,
    )


def active_assignments(attendant: Attendant, day: date) -> QuerySet[Assignment]:
    return (
        Assignment.objects.filter(attendant=attendant, start_date__lte=day, spot__is_active=True)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
        .select_related("spot", "spot__zone", "spot__kelurahan")
    )


def attendant_active_spots(attendant: Attendant, day: date) -> list[Spot]:
    if not attendant.is_active:
        return []
    return [a.spot for a in active_assignments(attendant, day)]


def scoped_events(user: User, regency: Regency) -> QuerySet[ParkingEvent]:
    """Events the user may see: all (staff), their team (korlap), their own (jukir)."""
    qs = ParkingEvent.objects.filter(regency=regency)
    roles = user_roles(user)
    if sees_all_parking(user):
        return qs
    if Role.KORLAP in roles:
        return qs.filter(attendant__coordinator=user)
    if Role.JUKIR in roles:
        return qs.filter(attendant__user=user)
    return qs.none()


@dataclass
class DaySummary:
    date: date
    count: int = 0
    total: int = 0
    cashless_total: int = 0
    cash_total: int = 0
    cashless_count: int = 0
    cash_count: int = 0
    pending_count: int = 0
    expired_count: int = 0
    by_class: dict[str, dict[str, int]] = field(default_factory=dict)
    by_spot: list[dict[str, Any]] = field(default_factory=list)

    @property
    def cashless_share(self) -> float:
        return round(100 * self.cashless_total / self.total, 1) if self.total else 0.0

    def as_api(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "count": self.count,
            "total": self.total,
            "cashless_total": self.cashless_total,
            "cash_total": self.cash_total,
            "cashless_count": self.cashless_count,
            "cash_count": self.cash_count,
            "cashless_share": self.cashless_share,
            "by_class": self.by_class,
        }


def day_summary(events: QuerySet[ParkingEvent], day: date) -> DaySummary:
    """Totals of collected money (paid QRIS at the amount the ledger recorded, plus
    recorded cash) for one WIB business day, by class, channel and spot."""
    day_events = events.filter(business_date=day)
    summary = DaySummary(date=day)
    rows = (
        day_events.filter(COLLECTED)
        .values("vehicle_class", "channel", "spot__code", "spot__name")
        .annotate(n=Count("id"), money=Sum("paid_amount"))
    )
    per_spot: dict[str, dict[str, Any]] = defaultdict(
        lambda: {"count": 0, "total": 0, "cashless_total": 0, "cash_total": 0}
    )
    for row in rows:
        n, money = int(row["n"]), int(row["money"] or 0)
        summary.count += n
        summary.total += money
        if row["channel"] == Channel.QRIS:
            summary.cashless_total += money
            summary.cashless_count += n
        else:
            summary.cash_total += money
            summary.cash_count += n
        cls = summary.by_class.setdefault(row["vehicle_class"], {"count": 0, "total": 0})
        cls["count"] += n
        cls["total"] += money
        spot = per_spot[row["spot__code"]]
        spot["code"], spot["name"] = row["spot__code"], row["spot__name"]
        spot["count"] += n
        spot["total"] += money
        spot["cashless_total" if row["channel"] == Channel.QRIS else "cash_total"] += money
    summary.by_spot = sorted(per_spot.values(), key=lambda s: s["code"])
    others = day_events.exclude(COLLECTED).values("status").annotate(n=Count("id"))
    for other in others:
        if other["status"] == EventStatus.PENDING:
            summary.pending_count = int(other["n"])
        elif other["status"] == EventStatus.EXPIRED:
            summary.expired_count = int(other["n"])
    return summary


def share_rule(
    regency: Regency, operating_model: str, channel: str, day: date
) -> RevenueShareRule | None:
    return _rule_in_force(share_rules(regency, day), operating_model, channel, day)


def share_rules(regency: Regency, day: date) -> list[RevenueShareRule]:
    """Every share rule that may apply on ``day``, loaded once (not per row)."""
    return list(
        RevenueShareRule.objects.filter(regency=regency, effective_from__lte=day).order_by(
            "-effective_from"
        )
    )


def _rule_in_force(
    rules: list[RevenueShareRule], operating_model: str, channel: str, day: date
) -> RevenueShareRule | None:
    return next(
        (
            r
            for r in rules
            if r.operating_model == operating_model
            and r.channel == channel
            and r.effective_from <= day
        ),
        None,
    )


def day_shares(events: QuerySet[ParkingEvent], regency: Regency, day: date) -> dict[str, Any]:
    """Revenue shares for a day: each (operating model, channel) total split by the rule
    in force that day. Computed from collected money, never stored, so a corrected
    ledger corrects the shares."""
    rows = (
        events.filter(COLLECTED, business_date=day)
        .values("spot__zone__operating_model", "channel", "attendant__code")
        .annotate(money=Sum("paid_amount"))
    )
    return shares_from_rows(rows, regency, day)


def rollup_day_shares(rollups: QuerySet[Any], regency: Regency, day: date) -> dict[str, Any]:
    """The same split, read from the daily rollup instead of the events."""
    rows = (
        rollups.filter(day=day)
        .values("spot__zone__operating_model", "channel", "attendant__code")
        .annotate(money=Sum("collected_rp"))
    )
    return shares_from_rows(rows, regency, day)


def shares_from_rows(rows: Any, regency: Regency, day: date) -> dict[str, Any]:
    rules = share_rules(regency, day)
    totals = {"regency": 0, "attendant": 0, "pengelola": 0}
    per_attendant: dict[str, int] = defaultdict(int)
    missing: set[str] = set()
    for row in rows:
        model, channel, money = (
            row["spot__zone__operating_model"],
            row["channel"],
            int(row["money"] or 0),
        )
        rule = _rule_in_force(rules, model, channel, day)
        if rule is None:
            missing.add(f"{model}/{channel}")
            totals["regency"] += money
            continue
        parts = split_amount(
            money,
            {
                "regency": rule.regency_pct,
                "attendant": rule.attendant_pct,
                "pengelola": rule.pengelola_pct,
            },
        )
        for party, value in parts.items():
            totals[party] += value
        per_attendant[row["attendant__code"]] += parts["attendant"]
    return {
        "date": day.isoformat(),
        "totals": totals,
        "per_attendant": dict(per_attendant),
        "missing_rules": sorted(missing),
    }


def cash_expected(attendant: Attendant, day: date) -> int:
    value = ParkingEvent.objects.filter(
        attendant=attendant, business_date=day, channel=Channel.CASH
    ).aggregate(total=Sum("amount"))["total"]
    return int(value or 0)


def deposits_for(user: User, regency: Regency) -> QuerySet[CashDeposit]:
    qs = CashDeposit.objects.filter(regency=regency).select_related("attendant", "recorded_by")
    roles = user_roles(user)
    if sees_all_parking(user):
        return qs
    if Role.KORLAP in roles:
        return qs.filter(attendant__coordinator=user)
    return qs.filter(attendant__user=user)


@dataclass
class DepositDay:
    """One attendant's cash for one day: recorded, handed over, corrected, difference."""

    attendant: Attendant
    expected: int
    deposited: int
    corrections: int
    pending_corrections: int

    @property
    def difference(self) -> int:
        return self.deposited + self.corrections - self.expected


def deposit_day_rows(team: QuerySet[Attendant], day: date) -> list[DepositDay]:
    """Three grouped queries for the whole team, whatever its size."""
    ids = list(team.values_list("pk", flat=True))
    cash = dict(
        ParkingEvent.objects.filter(attendant_id__in=ids, business_date=day, channel=Channel.CASH)
        .values_list("attendant_id")
        .annotate(total=Sum("amount"))
    )
    handed = dict(
        CashDeposit.objects.filter(attendant_id__in=ids, business_date=day)
        .values_list("attendant_id")
        .annotate(total=Sum("deposited_amount"))
    )
    fixes = (
        DepositCorrection.objects.filter(deposit__attendant_id__in=ids, deposit__business_date=day)
        .values("deposit__attendant_id", "status")
        .annotate(total=Sum("amount"), n=Count("id"))
    )
    approved: dict[int, int] = defaultdict(int)
    pending: dict[int, int] = defaultdict(int)
    for row in fixes:
        if row["status"] == CorrectionStatus.APPROVED:
            approved[row["deposit__attendant_id"]] += int(row["total"] or 0)
        elif row["status"] == CorrectionStatus.PENDING:
            pending[row["deposit__attendant_id"]] += int(row["n"])
    return [
        DepositDay(
            attendant=a,
            expected=int(cash.get(a.pk) or 0),
            deposited=int(handed.get(a.pk) or 0),
            corrections=approved[a.pk],
            pending_corrections=pending[a.pk],
        )
        for a in team
    ]


def corrections_for(user: User, regency: Regency) -> QuerySet[DepositCorrection]:
    qs = DepositCorrection.objects.filter(regency=regency).select_related(
        "deposit__attendant", "requested_by", "decided_by"
    )
    if sees_all_parking(user):
        return qs
    if Role.KORLAP in user_roles(user):
        return qs.filter(deposit__attendant__coordinator=user)
    return qs.none()


def concession_arrears(regency: Regency, today: date) -> list[dict[str, Any]]:
    """Per contract: instalments due so far, paid, and outstanding (tunggakan)."""
    rows = (
        ConcessionInstalment.objects.filter(regency=regency, due_date__lte=today)
        .values(
            "contract__number",
            "contract__zone__code",
            "contract__pengelola__name",
            "contract__bid_amount",
        )
        .annotate(due=Sum("amount"), paid=Sum("paid_amount"))
        .order_by("contract__number")
    )
    return [
        {
            "contract": r["contract__number"],
            "zone": r["contract__zone__code"],
            "pengelola": r["contract__pengelola__name"],
            "bid": int(r["contract__bid_amount"]),
            "due": int(r["due"] or 0),
            "paid": int(r["paid"] or 0),
            "arrears": int(r["due"] or 0) - int(r["paid"] or 0),
        }
        for r in rows
    ]
