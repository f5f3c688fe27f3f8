"""Scoring a year from recorded indicator levels, and the what-if ranking. Django-free:
the caller loads entries from the database and hands plain values in.

Rules (docs/innovation.md): an indicator scores only when a level is recorded *and* it
has evidence; otherwise it scores 0 and is listed as missing. An innovation missing any
mandatory indicator cannot be assessed and is left out of the count and the sum. The
region is in *disclaimer* (index 0, the "Tidak Dapat Dinilai" predicate) when a
mandatory region indicator is missing or no innovation can be assessed."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field

from kotacerdas.innovation.formula import iid_index, predicate
from kotacerdas.innovation.rules import Indicator, RuleSet


class LevelInvalid(ValueError):
    """A recorded level the rule set does not define."""


@dataclass(frozen=True)
class Entry:
    level: int | None
    has_evidence: bool


@dataclass(frozen=True)
class Missing:
    """A piece of evidence still to collect. ``innovation`` is None for region items."""

    innovation: Hashable | None
    indicator: str
    claimed_level: int | None
    potential: float  # score once evidenced (claimed level, else the top level)
    mandatory: bool
    gain: float = 0.0  # IID points won by collecting only this piece


@dataclass
class InnovationScore:
    key: Hashable
    score: float
    complete: bool  # all mandatory indicators evidenced
    contribution: float = 0.0  # IID points
    by_indicator: dict[str, float] = field(default_factory=dict)


@dataclass
class YearScore:
    spd: float
    sid: float
    count: int
    count_score: float
    divisor: int
    iid_raw: float
    iid: float
    predicate: str
    disclaimer: bool
    reasons: list[str]
    innovations: dict[Hashable, InnovationScore]
    region_scores: dict[str, float]
    missing: list[Missing]


def _score(ind: Indicator, entry: Entry | None) -> float:
    if entry is None or entry.level is None:
        return 0.0
    try:
        value = ind.score_of(entry.level)
    except KeyError as exc:
        raise LevelInvalid(f"Level {entry.level} tidak ada pada indikator {ind.name}.") from exc
    return value if entry.has_evidence else 0.0


def _missing(
    ind: Indicator, entry: Entry | None, key: Hashable | None, rules: RuleSet
) -> Missing | None:
    if entry is not None and entry.level is not None and entry.has_evidence:
        return None
    claimed = entry.level if entry is not None else None
    potential = ind.score_of(claimed) if claimed is not None else ind.max_score
    return Missing(key, ind.code, claimed, potential, ind.code in rules.mandatory)


def year_score(
    rules: RuleSet,
    region: Mapping[str, Entry],
    innovations: Mapping[Hashable, Mapping[str, Entry]],
) -> YearScore:
    missing: list[Missing] = []
    region_scores: dict[str, float] = {}
    reasons: list[str] = []
    for ind in rules.scoped("region"):
        region_scores[ind.code] = _score(ind, region.get(ind.code))
        gap = _missing(ind, region.get(ind.code), None, rules)
        if gap:
            missing.append(gap)
            if gap.mandatory:
                reasons.append(f"Bukti wajib belum ada: {ind.name}.")
    per_innovation = rules.scoped("innovation")
    scored: dict[Hashable, InnovationScore] = {}
    for key, entries in innovations.items():
        row = InnovationScore(key=key, score=0.0, complete=True)
        for ind in per_innovation:
            value = _score(ind, entries.get(ind.code))
            row.by_indicator[ind.code] = value
            row.score += value
            gap = _missing(ind, entries.get(ind.code), key, rules)
            if gap:
                missing.append(gap)
                row.complete = row.complete and not gap.mandatory
        scored[key] = row
    assessable = [r.score for r in scored.values() if r.complete]
    if not assessable:
        reasons.append("Tidak ada inovasi yang dapat dinilai (bukti wajib belum lengkap).")
    count_score = rules.count_score(len(assessable))
    spd = sum(region_scores.values())
    raw = iid_index(
        spd=spd,
        innovation_scores=assessable,
        count_score=count_score,
        max_total=rules.max_total,
        divisor_min=rules.divisor_min,
    )
    divisor = max(rules.divisor_min, len(assessable))
    for row in scored.values():
        if row.complete:
            row.contribution = row.score / divisor / rules.max_total * 100
    disclaimer = bool(reasons)
    value = 0.0 if disclaimer else raw
    result = YearScore(
        spd=spd,
        sid=sum(assessable) / divisor + count_score,
        count=len(assessable),
        count_score=count_score,
        divisor=divisor,
        iid_raw=raw,
        iid=value,
        predicate=rules.empty_band if disclaimer else predicate(value, rules.bands),
        disclaimer=disclaimer,
        reasons=reasons,
        innovations=scored,
        region_scores=region_scores,
        missing=missing,
    )
    result.missing = _with_gains(rules, result)
    return result


def _index(rules: RuleSet, spd: float, total: float, n: int, blocked: bool) -> float:
    if blocked or n == 0:
        return 0.0
    divisor = max(rules.divisor_min, n)
    return (spd + total / divisor + rules.count_score(n)) / rules.max_total * 100


def _with_gains(rules: RuleSet, year: YearScore) -> list[Missing]:
    """IID gain of collecting each missing piece alone, in O(1) per piece."""
    total = sum(r.score for r in year.innovations.values() if r.complete)
    n = year.count
    region_blockers = {m.indicator for m in year.missing if m.innovation is None and m.mandatory}
    blockers: dict[Hashable, int] = {}
    for m in year.missing:
        if m.innovation is not None and m.mandatory:
            blockers[m.innovation] = blockers.get(m.innovation, 0) + 1
    now = year.iid
    ranked: list[Missing] = []
    for m in year.missing:
        if m.innovation is None:
            still_blocked = bool(region_blockers - {m.indicator})
            after = _index(rules, year.spd + m.potential, total, n, still_blocked)
        else:
            row = year.innovations[m.innovation]
            blocked = bool(region_blockers)
            if row.complete:
                after = _index(rules, year.spd, total + m.potential, n, blocked)
            elif m.mandatory and blockers.get(m.innovation) == 1:
                after = _index(rules, year.spd, total + row.score + m.potential, n + 1, blocked)
            else:
                after = now
        ranked.append(
            Missing(
                m.innovation, m.indicator, m.claimed_level, m.potential, m.mandatory, after - now
            )
        )
    ranked.sort(key=lambda m: (-round(m.gain, 9), not m.mandatory, m.indicator, str(m.innovation)))
    return ranked
