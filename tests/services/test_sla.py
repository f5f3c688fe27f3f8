"""The pure working-day calculator over the real 2026–2027 Indonesian calendar.

Expected dates are worked out by hand from the holiday list below (the official SKB
3 Menteri list as carried by the ``holidays`` package, categories public + government =
cuti bersama), not computed with the code under test."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from kotacerdas.services.sla import WorkCalendar, deadline, is_overdue
from kotacerdas.services.workdays import national_holidays

WIB = ZoneInfo("Asia/Jakarta")

# Days off around the periods tested (Mon=0). 2026: Nyepi Thu 19 Mar with cuti bersama
# Wed 18; Idul Fitri Sat 21 + Sun 22 Mar with cuti bersama Fri 20, Mon 23, Tue 24;
# Christmas Fri 25 Dec with cuti bersama Thu 24. 2027: New Year Fri 1 Jan, Isra Mi'raj
# Tue 5 Jan; Nyepi Mon 8 Mar, cuti Tue 9, Idul Fitri Wed 10 + Thu 11, cuti Fri 12 and
# Mon 15 Mar.
HOLIDAYS = {
    date(2026, 3, 18),
    date(2026, 3, 19),
    date(2026, 3, 20),
    date(2026, 3, 21),
    date(2026, 3, 22),
    date(2026, 3, 23),
    date(2026, 3, 24),
    date(2026, 12, 24),
    date(2026, 12, 25),
    date(2027, 1, 1),
    date(2027, 1, 5),
    date(2027, 3, 8),
    date(2027, 3, 9),
    date(2027, 3, 10),
    date(2027, 3, 11),
    date(2027, 3, 12),
    date(2027, 3, 15),
}
CAL = WorkCalendar.of(holidays=HOLIDAYS)


def test_the_holidays_package_carries_these_days_including_cuti_bersama() -> None:
    national = national_holidays(2026) | national_holidays(2027)
    assert national >= HOLIDAYS
    # Saturdays/Sundays are weekends anyway; the weekday ones matter for the clock.
    assert date(2026, 3, 20) in national  # cuti bersama Idul Fitri (government category)
    assert date(2026, 12, 24) in national  # cuti bersama Natal
    assert date(2026, 3, 25) not in national


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        # Verify within 3 working days across Nyepi + Idul Fitri 2026:
        # 18–24 Mar off → 25 (1), 26 (2), 27 (3).
        (date(2026, 3, 17), 3, date(2026, 3, 27)),
        # Follow-up 5 days from Mon 16 Mar: 17 (1), 25 (2), 26 (3), 27 (4), Mon 30 (5).
        (date(2026, 3, 16), 5, date(2026, 3, 30)),
        # Christmas 2026: 24–27 Dec off → Mon 28 (1), 29 (2), 30 (3).
        (date(2026, 12, 23), 3, date(2026, 12, 30)),
        # Close 10 days over New Year 2027: 30 (1), 31 (2), [1 Jan, weekend], 4 (3),
        # [5 Jan Isra Mi'raj], 6 (4), 7 (5), 8 (6), 11 (7), 12 (8), 13 (9), 14 (10).
        (date(2026, 12, 29), 10, date(2027, 1, 14)),
        # Idul Fitri 2027: 8–15 Mar off → 16 (1), 17 (2), 18 (3).
        (date(2027, 3, 5), 3, date(2027, 3, 18)),
        # A plain week: Fri → Mon, Tue, Wed.
        (date(2026, 11, 27), 3, date(2026, 12, 2)),
        # Zero days on a holiday rolls forward to the next working day.
        (date(2026, 3, 20), 0, date(2026, 3, 25)),
    ],
)
def test_add_working_days(start: date, days: int, expected: date) -> None:
    assert CAL.add_working_days(start, days) == expected


def test_regional_day_off_pushes_the_deadline() -> None:
    with_day_off = WorkCalendar.of(holidays=HOLIDAYS, days_off=[date(2026, 3, 25)])
    assert with_day_off.add_working_days(date(2026, 3, 17), 3) == date(2026, 3, 30)
    assert not with_day_off.is_working_day(date(2026, 3, 25))
    assert CAL.is_working_day(date(2026, 3, 25))


def test_working_days_between() -> None:
    assert CAL.working_days_between(date(2026, 3, 17), date(2026, 3, 27)) == 3
    assert CAL.working_days_between(date(2026, 3, 27), date(2026, 3, 17)) == -3
    assert CAL.working_days_between(date(2026, 12, 29), date(2027, 1, 14)) == 10


def test_negative_days_are_refused() -> None:
    with pytest.raises(ValueError):
        CAL.add_working_days(date(2026, 3, 17), -1)


def test_deadline_uses_the_local_wib_date_and_ends_the_day() -> None:
    # 20:00 UTC on 16 March is 03:00 WIB on 17 March: the clock starts on the 17th.
    start = datetime(2026, 3, 16, 20, 0, tzinfo=UTC)
    due = deadline(CAL, start, 3, WIB)
    assert due == datetime(2026, 3, 27, 23, 59, 59, tzinfo=WIB)
    assert due.astimezone(UTC) == datetime(2026, 3, 27, 16, 59, 59, tzinfo=UTC)
    assert not is_overdue(due, datetime(2026, 3, 27, 16, 0, tzinfo=UTC))
    assert is_overdue(due, datetime(2026, 3, 27, 17, 0, tzinfo=UTC))
    assert not is_overdue(None, datetime(2030, 1, 1, tzinfo=UTC))
