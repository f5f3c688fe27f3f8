from __future__ import annotations

from datetime import date

import pytest

from kotacerdas.training.attendance_code import (
    PERIOD_SECONDS,
    code_is_fresh,
    session_code,
    window_of,
)
from kotacerdas.training.rules import (
    CompletionRule,
    calendar_year,
    compliance,
    contract_year,
    decide_completion,
)

RULE = CompletionRule(min_attendance_pct=80, min_post_score=70)


@pytest.mark.parametrize(
    ("sessions", "attended", "post", "completed"),
    [
        (5, 4, 70, True),  # exactly 80 % and exactly 70
        (5, 5, 100, True),
        (5, 3, 95, False),  # 60 %
        (5, 4, 69, False),
        (5, 4, None, False),
        (0, 0, 90, False),
        (3, 2, 90, False),  # 66 %
        (6, 5, 90, True),  # 83 %
    ],
)
def test_completion_rule(sessions: int, attended: int, post: int | None, completed: bool) -> None:
    decision = decide_completion(rule=RULE, sessions=sessions, attended=attended, post_score=post)
    assert decision.completed is completed
    assert bool(decision.reasons) is not completed


def test_completion_rule_is_set_per_course() -> None:
    lenient = CompletionRule(min_attendance_pct=50, min_post_score=0)
    assert decide_completion(rule=lenient, sessions=4, attended=2, post_score=0).completed


def test_pns_counts_per_calendar_year_across_the_boundary() -> None:
    entries = [(date(2025, 12, 31), 12), (date(2026, 1, 1), 8), (date(2026, 12, 31), 12)]
    y2026 = compliance(
        kind="pns", entries=entries, year=2026, as_of=date(2026, 12, 31), contract_start=None
    )
    assert (y2026.jp, y2026.met, y2026.period) == (20, True, calendar_year(2026))
    y2025 = compliance(
        kind="pns", entries=entries, year=2025, as_of=date(2026, 12, 31), contract_start=None
    )
    assert (y2025.jp, y2025.met, y2025.shortfall) == (12, False, 8)


def test_pppk_counts_per_contract_year_across_the_calendar_boundary() -> None:
    start = date(2023, 3, 1)
    assert contract_year(start, date(2026, 1, 15)).start == date(2025, 3, 1)
    assert contract_year(start, date(2026, 1, 15)).end == date(2026, 2, 28)
    assert contract_year(start, date(2026, 3, 1)).start == date(2026, 3, 1)
    entries = [(date(2025, 2, 28), 10), (date(2025, 12, 20), 12), (date(2026, 1, 15), 10)]
    result = compliance(
        kind="pppk", entries=entries, year=2026, as_of=date(2026, 1, 20), contract_start=start
    )
    # 20 Dec 2025 and 15 Jan 2026 share the contract year 1 Mar 2025 – 28 Feb 2026.
    assert (result.jp, result.met, result.over_ceiling) == (22, True, False)
    later = compliance(
        kind="pppk", entries=entries, year=2026, as_of=date(2026, 3, 2), contract_start=start
    )
    assert (later.jp, later.met) == (0, False)
    heavy = compliance(
        kind="pppk",
        entries=[*entries, (date(2026, 2, 1), 4)],
        year=2026,
        as_of=date(2026, 2, 2),
        contract_start=start,
    )
    assert heavy.jp == 26 and heavy.over_ceiling


def test_contract_starting_on_29_february() -> None:
    period = contract_year(date(2024, 2, 29), date(2025, 6, 1))
    assert (period.start, period.end) == (date(2025, 3, 1), date(2026, 2, 28))


KEY = b"k" * 32


def test_rotating_code_changes_every_30_seconds_and_refuses_stale_codes() -> None:
    t = 1_790_000_000.0 - (1_790_000_000 % PERIOD_SECONDS)
    code = session_code(KEY, 7, "salt", window_of(t))
    assert session_code(KEY, 7, "salt", window_of(t + PERIOD_SECONDS)) != code
    assert code_is_fresh(KEY, 7, "salt", code, t)
    assert code_is_fresh(KEY, 7, "salt", code, t + PERIOD_SECONDS + 5)  # the previous window
    assert not code_is_fresh(KEY, 7, "salt", code, t + 2 * PERIOD_SECONDS)  # a screenshot
    assert not code_is_fresh(KEY, 7, "salt", code, t - PERIOD_SECONDS)  # from the future
    assert not code_is_fresh(KEY, 8, "salt", code, t)  # another session
    assert not code_is_fresh(KEY, 7, "other", code, t)
    assert not code_is_fresh(b"x" * 32, 7, "salt", code, t)
    assert not code_is_fresh(KEY, 7, "salt", "", t)
    assert not code_is_fresh(KEY, 7, "salt", "é" * 12, t)
