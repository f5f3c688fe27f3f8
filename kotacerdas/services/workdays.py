"""Builds the pure SLA calendar (``sla.WorkCalendar``) for a regency: Indonesian national
holidays and cuti bersama from the ``holidays`` package plus the regency's regional days
off from the database."""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache

import holidays

from kotacerdas.core.models import Regency
from kotacerdas.core.timeutil import zone_of
from kotacerdas.services.models import RegionalDayOff, Service
from kotacerdas.services.sla import SlaRule, WorkCalendar, deadline


@lru_cache(maxsize=32)
def national_holidays(year: int) -> frozenset[date]:
    """Public holidays and cuti bersama (``government`` category: joint leave days when
    government offices are closed)."""
    found = holidays.country_holidays("ID", years=year, categories=("public", "government"))
    return frozenset(found.keys())


def regency_calendar(regency: Regency, years: range) -> WorkCalendar:
    national: set[date] = set()
    for year in years:
        national |= national_holidays(year)
    days_off = RegionalDayOff.objects.filter(
        regency=regency, date__year__gte=years.start, date__year__lt=years.stop
    ).values_list("date", flat=True)
    return WorkCalendar.of(holidays=national, days_off=days_off)


def calendar_around(regency: Regency, moment: datetime) -> WorkCalendar:
    """Enough years for any deadline that starts at ``moment`` (a phase is ≤ 60 working
    days, so the next year is always enough)."""
    year = moment.astimezone(zone_of(regency)).year
    return regency_calendar(regency, range(year, year + 2))


def rule_of(service: Service) -> SlaRule:
    return SlaRule(
        verify_days=service.verify_days,
        followup_days=service.followup_days,
        close_days=service.close_days,
    )


def due_after(regency: Regency, start: datetime, days: int) -> datetime:
    return deadline(calendar_around(regency, start), start, days, zone_of(regency))
