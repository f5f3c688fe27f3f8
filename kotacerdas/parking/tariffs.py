"""Which tariff applies to a vehicle at a spot on a day. Pure logic: no Django, so the
rule that decides what a driver pays can be read and tested on its own.

Rules: an event (insidentil) tariff for the spot, or for the spot's zone, covering the
date wins over the regular Perda tariff; among regular tariffs the one with the latest
``effective_from`` not after the date, and not ended before it, applies. A charge stores
the amount it was created with, so a later tariff never changes it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class TariffRule:
    id: int
    vehicle_class: str
    amount: int
    effective_from: date
    effective_to: date | None = None  # inclusive last day; None = open-ended
    spot_id: int | None = None  # event tariffs only
    zone_id: int | None = None  # event tariffs only
    is_event: bool = False

    def covers(self, day: date) -> bool:
        return self.effective_from <= day and (
            self.effective_to is None or day <= self.effective_to
        )


class NoTariff(LookupError):
    """No rule covers this vehicle class at this spot on this day."""


def _specificity(rule: TariffRule, spot_id: int) -> int:
    if rule.is_event and rule.spot_id == spot_id:
        return 3
    if rule.is_event and rule.spot_id is None:
        return 2  # zone-wide (or regency-wide) event
    return 1


def applicable_tariff(
    rules: Iterable[TariffRule], *, vehicle_class: str, spot_id: int, zone_id: int, day: date
) -> TariffRule:
    candidates = [
        rule
        for rule in rules
        if rule.vehicle_class == vehicle_class
        and rule.covers(day)
        and (
            not rule.is_event
            or rule.spot_id == spot_id
            or (rule.spot_id is None and rule.zone_id in (None, zone_id))
        )
    ]
    if not candidates:
        raise NoTariff(f"no tariff for {vehicle_class} at spot {spot_id} on {day.isoformat()}")
    return max(candidates, key=lambda r: (_specificity(r, spot_id), r.effective_from, r.id))


def tariff_table(
    rules: Iterable[TariffRule], *, classes: Iterable[str], spot_id: int, zone_id: int, day: date
) -> dict[str, int]:
    """Amount per vehicle class that applies today; classes without a tariff are left out."""
    materialised = list(rules)
    table: dict[str, int] = {}
    for vehicle_class in classes:
        try:
            rule = applicable_tariff(
                materialised, vehicle_class=vehicle_class, spot_id=spot_id, zone_id=zone_id, day=day
            )
        except NoTariff:
            continue
        table[vehicle_class] = rule.amount
    return table


def split_amount(amount: int, shares: dict[str, int]) -> dict[str, int]:
    """Split integer rupiah by percentages that add up to 100. Rounding remainders go to
    the first party (the regency), so the parts always add up to the whole."""
    if sum(shares.values()) != 100 or any(v < 0 for v in shares.values()):
        raise ValueError(f"shares must be non-negative and add up to 100, got {shares}")
    parts = {party: amount * pct // 100 for party, pct in shares.items()}
    first = next(iter(shares))
    parts[first] += amount - sum(parts.values())
    return parts
