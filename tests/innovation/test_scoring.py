"""Scoring a year under a rule set: missing evidence scores 0, the disclaimer, the
second rule set's different constants, and the what-if ranking against a full
recomputation as the oracle."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from kotacerdas.innovation.rules import RuleSet, ruleset_parse
from kotacerdas.innovation.scoring import Entry, LevelInvalid, year_score

RULESETS = Path(__file__).parents[2] / "kotacerdas" / "innovation" / "rulesets"


def load(name: str) -> RuleSet:
    return ruleset_parse((RULESETS / name).read_bytes(), name)[0]


R2023 = load("iid-2023.json")
R12 = load("iid-ilustrasi-12.yaml")
SI = [f"i{n}" for n in range(16, 34)]  # the eighteen 3-level indicators
ALL = [*SI, "i34", "i35"]


def full(level: int) -> dict[str, Entry]:
    """An innovation with every indicator evidenced at ``level`` (monev/video at 1)."""
    return {c: Entry(level if c in SI else 1, True) for c in ALL}


def region(level: int) -> dict[str, Entry]:
    return {f"i{n:02d}": Entry(level, True) for n in range(1, 16)}


def test_hand_computed_year_with_three_innovations() -> None:
    # SPD: 15 × 2.8 = 42. Each innovation at level 2: 18 × 4 + 1.5 + 1.5 = 75.
    # SID = 3 × 75 / MAX(10, 3) + 19 = 41.5; IID = (42 + 41.5) / 250 × 100 = 33.4
    year = year_score(R2023, region(2), {1: full(2), 2: full(2), 3: full(2)})
    assert year.spd == pytest.approx(42)
    assert year.sid == pytest.approx(41.5)
    assert year.iid == pytest.approx(33.4)
    assert year.predicate == "Kurang Inovatif"
    assert not year.disclaimer
    assert year.innovations[1].contribution == pytest.approx(75 / 10 / 250 * 100)


def test_more_than_ten_innovations_use_n_as_divisor() -> None:
    # 12 at level 3: 18 × 6 + 3 = 111 each; SID = 12 × 111 / 12 + 38 = 149
    # IID = (63 + 149) / 250 × 100 = 84.8
    year = year_score(R2023, region(3), {k: full(3) for k in range(12)})
    assert year.iid == pytest.approx(84.8)
    assert year.predicate == "Sangat Inovatif"


def test_the_second_rule_set_changes_the_result() -> None:
    # Same evidence, divisor MAX(12, n): SID = 3 × 75 / 12 + 19 = 37.75
    # IID = (42 + 37.75) / 250 × 100 = 31.9
    data = {1: full(2), 2: full(2), 3: full(2)}
    assert year_score(R12, region(2), data).iid == pytest.approx(31.9)
    # 62.4 is "Sangat Inovatif" in 2023 but only "Inovatif" under bands from 65.01.
    many = {k: full(2) for k in range(11)}
    y23 = year_score(R2023, region(3), many)
    y12 = year_score(R12, region(3), many)
    assert y23.iid == pytest.approx((63 + 11 * 75 / 11 + 38) / 2.5)  # 70.4
    assert y12.iid == pytest.approx((63 + 11 * 75 / 12 + 38) / 2.5)  # 67.9
    # Each innovation: 10 indicators at level 1, 8 at level 2, monev and video: 55.
    mixed = {**full(1), **{c: Entry(2, True) for c in SI[:8]}}
    mid = {k: mixed for k in range(11)}
    # 2023: (63 + 55 + 38) / 2.5 = 62.4; divisor 12: (63 + 11 × 55 / 12 + 38) / 2.5 = 60.57
    y23 = year_score(R2023, region(3), mid)
    y12 = year_score(R12, region(3), mid)
    assert (y23.iid, y23.predicate) == (pytest.approx(62.4), "Sangat Inovatif")
    assert (y12.iid, y12.predicate) == (pytest.approx(60.5666, abs=1e-3), "Inovatif")


def test_a_level_without_evidence_scores_zero_and_is_missing() -> None:
    data = full(2)
    data["i20"] = Entry(3, False)
    year = year_score(R2023, region(2), {7: data})
    assert year.innovations[7].by_indicator["i20"] == 0
    gap = [m for m in year.missing if m.innovation == 7]
    assert [(m.indicator, m.claimed_level, m.potential) for m in gap] == [("i20", 3, 6)]


def test_missing_mandatory_evidence_means_disclaimer() -> None:
    data = full(2)
    del data["i35"]  # no video
    year = year_score(R2023, region(2), {1: data})
    assert year.disclaimer
    assert year.iid == 0
    assert year.predicate == "Tidak Dapat Dinilai"
    assert year.iid_raw > 0
    assert year.count == 0


def test_nothing_reported_is_a_disclaimer() -> None:
    year = year_score(R2023, {}, {})
    assert year.disclaimer and year.predicate == "Tidak Dapat Dinilai"


def test_a_level_outside_the_rule_set_is_refused() -> None:
    data = full(2)
    data["i16"] = Entry(4, True)
    with pytest.raises(LevelInvalid):
        year_score(R2023, region(2), {1: data})


def _apply(entries_region, entries, gap):  # type: ignore[no-untyped-def]
    level = gap.claimed_level or (1 if gap.indicator in ("i34", "i35") else 3)
    if gap.innovation is None:
        entries_region = {**entries_region, gap.indicator: Entry(level, True)}
    else:
        entries = {
            **entries,
            gap.innovation: {**entries[gap.innovation], gap.indicator: Entry(level, True)},
        }
    return entries_region, entries


@pytest.mark.parametrize("rules", [R2023, R12], ids=["2023", "ilustrasi"])
def test_what_if_gains_match_a_full_recomputation(rules: RuleSet) -> None:
    reg = region(2)
    del reg["i05"]
    inns = {k: full(2) for k in range(1, 12)}
    inns[1] = {**inns[1], "i28": Entry(3, False)}
    inns[2] = {c: e for c, e in inns[2].items() if c != "i35"}  # not assessable
    inns[3] = {c: e for c, e in inns[3].items() if c not in ("i16", "i35")}  # needs two
    year = year_score(rules, reg, inns)
    assert year.missing, "the setup must leave gaps"
    for gap in year.missing:
        r2, i2 = _apply(reg, inns, gap)
        assert gap.gain == pytest.approx(year_score(rules, r2, i2).iid - year.iid), gap
    gains = [g.gain for g in year.missing]
    assert gains == sorted(gains, reverse=True)
    # 2023: completing innovation 2 (its only missing mandatory piece) beats any upgrade.
    # Under the illustrative set i28 is mandatory too, so innovation 1 completes first.
    expected_first = (2, "i35") if rules is R2023 else (1, "i28")
    assert (year.missing[0].innovation, year.missing[0].indicator) == expected_first
    only_one_of_two = next(g for g in year.missing if g.innovation == 3 and g.indicator == "i16")
    assert only_one_of_two.gain == 0


def test_a_region_blocker_ranks_first_when_it_lifts_the_disclaimer() -> None:
    rules = replace(R2023, mandatory=frozenset({"i01", "i16", "i35"}))
    reg = region(2)
    del reg["i01"]
    year = year_score(rules, reg, {1: full(2)})
    assert year.disclaimer
    first = year.missing[0]
    assert (first.innovation, first.indicator) == (None, "i01")
    # 14 × 2.8 + 4.2 (top level, none claimed) + 75 / 10 + 19 over 2.5
    assert first.gain == pytest.approx((14 * 2.8 + 4.2 + 7.5 + 19) / 2.5)
