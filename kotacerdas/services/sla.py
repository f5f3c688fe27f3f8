"""The working-day SLA clock, in pure Python (no Django): dates in, dates out.

A working day is a weekday that is neither a national holiday (including *cuti bersama*)
nor a regional day off. Deadlines follow SP4N-LAPOR!: verification and forwarding within
3 working days of receipt, follow-up within 5 working days of forwarding, and closing 10
working days after the follow-up when the reporter does not reply. A deadline of N
working days after a day ends at the end of the N-th working day *after* that day (the
day itself never counts, as in an administrative period)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo

SATURDAY, SUNDAY = 5, 6


@dataclass(frozen=True)
class WorkCalendar:
    """National holidays and regional days off, plus the weekend days (Mon=0)."""

    holidays: frozenset[date] = frozenset()
    days_off: frozenset[date] = frozenset()
    weekend: frozenset[int] = field(default_factory=lambda: frozenset({SATURDAY, SUNDAY}))

    @classmethod
    def of(cls, holidays: Iterable[date] = (), days_off: Iterable[date] = ()) -> WorkCalendar:
        return cls(holidays=frozenset(holidays), days_off=frozenset(days_off))

    def is_working_day(self, day: date) -> bool:
        return (
            day.weekday() not in self.weekend
            and day not in self.holidays
            and day not in self.days_off
        )

    def add_working_days(self, start: date, days: int) -> date:
        """The ``days``-th working day after ``start`` (``days`` ≥ 0; 0 gives ``start``
        itself when it is a working day, else the next working day)."""
        if days < 0:
            raise ValueError("days must not be negative")
        day = start
        if days == 0:
            while not self.is_working_day(day):
                day += timedelta(days=1)
            return day
        counted = 0
        while counted < days:
            day += timedelta(days=1)
            if self.is_working_day(day):
                counted += 1
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in the half-open span (start, end]; negative when end < start."""
        if end < start:
            return -self.working_days_between(end, start)
        count = 0
        day = start
        while day < end:
            day += timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return count


@dataclass(frozen=True)
class SlaRule:
    """Working days allowed for each phase (SP4N-LAPOR! defaults)."""

    verify_days: int = 3
    followup_days: int = 5
    close_days: int = 10


LAPOR = SlaRule()


def deadline(calendar: WorkCalendar, start: datetime, days: int, tz: tzinfo) -> datetime:
    """End (23:59:59 local time) of the ``days``-th working day after ``start``'s local
    date."""
    local_day = start.astimezone(tz).date()
    due = calendar.add_working_days(local_day, days)
    return datetime.combine(due, time(23, 59, 59), tzinfo=tz)


def is_overdue(due: datetime | None, now: datetime) -> bool:
    return due is not None and now > due
