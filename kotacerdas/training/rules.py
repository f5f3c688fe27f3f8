"""Completion and JP compliance rules as pure functions (no Django), so tests, pages,
exports and the KPI share one definition.

- A class is completed when attendance reaches the course's minimum share of sessions
  and the post-test reaches its minimum score (both set per course; default 80 %, 70).
- A PNS needs at least 20 JP per calendar year (PP 11/2017 art. 203(4) as amended by
  PP 17/2020).
- A PPPK's JP count per contract year (the year starting on the contract's anniversary).
  Peraturan LAN 15/2020 sets a *ceiling* of 24 JP per contract year for PPPK; it sets no
  minimum, so the target applied to PPPK is the regency's policy (default 20, setting
  ``KOTACERDAS_TRAINING_PPPK_TARGET_JP``) and JP above the ceiling are flagged."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

PNS_MIN_JP = 20
PPPK_CEILING_JP = 24


@dataclass(frozen=True)
class CompletionRule:
    min_attendance_pct: int
    min_post_score: int


@dataclass(frozen=True)
class CompletionDecision:
    completed: bool
    attendance_pct: int
    reasons: tuple[str, ...]


def decide_completion(
    *, rule: CompletionRule, sessions: int, attended: int, post_score: int | None
) -> CompletionDecision:
    """Integer arithmetic only: 4 of 5 sessions is exactly 80 %, not 79.99."""
    pct = (attended * 100 // sessions) if sessions else 0
    reasons = []
    if sessions == 0 or attended * 100 < rule.min_attendance_pct * sessions:
        reasons.append(f"Kehadiran {pct}% di bawah batas {rule.min_attendance_pct}%.")
    if post_score is None:
        reasons.append("Nilai post-test belum diisi.")
    elif post_score < rule.min_post_score:
        reasons.append(f"Nilai post-test {post_score} di bawah batas {rule.min_post_score}.")
    return CompletionDecision(not reasons, pct, tuple(reasons))


@dataclass(frozen=True)
class Period:
    start: date  # inclusive
    end: date  # inclusive
    label: str


def _anniversary(start: date, year: int) -> date:
    try:
        return start.replace(year=year)
    except ValueError:  # 29 February in a common year
        return date(year, 3, 1)


def calendar_year(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31), str(year))


def contract_year(contract_start: date, on: date) -> Period:
    """The PPPK contract year containing ``on``."""
    year = on.year
    start = _anniversary(contract_start, year)
    if start > on:
        start = _anniversary(contract_start, year - 1)
    following = _anniversary(contract_start, start.year + 1)
    end = date.fromordinal(following.toordinal() - 1)
    return Period(start, end, f"{start:%d-%m-%Y} – {end:%d-%m-%Y}")


@dataclass(frozen=True)
class Compliance:
    period: Period
    jp: int
    target: int
    met: bool
    shortfall: int
    over_ceiling: bool


def compliance(
    *,
    kind: str,
    entries: Iterable[tuple[date, int]],
    year: int,
    as_of: date,
    contract_start: date | None,
    pppk_target: int = PNS_MIN_JP,
) -> Compliance:
    """``kind`` is "pns" or "pppk"; ``entries`` are (earned_on, jp). For a PPPK the
    contract year containing ``as_of`` (or 31 December of ``year`` when ``as_of`` is in
    another year) is used; a PPPK without a contract start falls back to the calendar
    year."""
    if kind == "pppk" and contract_start is not None:
        reference = as_of if as_of.year == year else date(year, 12, 31)
        period = contract_year(contract_start, reference)
        target = pppk_target
    else:
        period = calendar_year(year)
        target = PNS_MIN_JP if kind == "pns" else pppk_target
    total = sum(jp for day, jp in entries if period.start <= day <= period.end)
    return Compliance(
        period=period,
        jp=total,
        target=target,
        met=total >= target,
        shortfall=max(target - total, 0),
        over_ceiling=kind == "pppk" and total > PPPK_CEILING_JP,
    )
