"""Rule-set files: the shipped ones load, broken ones are refused with every problem."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from kotacerdas.innovation.rules import RuleSetInvalid, ruleset_from_dict, ruleset_parse

RULESETS = Path(__file__).parents[2] / "kotacerdas" / "innovation" / "rulesets"


def base() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((RULESETS / "iid-2023.json").read_text())
    return data


def test_the_2023_file_matches_the_published_constants() -> None:
    rules, _ = ruleset_parse((RULESETS / "iid-2023.json").read_bytes(), "iid-2023.json")
    assert rules.divisor_min == 10
    assert rules.max_total == 250
    assert [a.weight for a in rules.aspects] == [25.2, 74.8]
    assert len(rules.scoped("region")) == 15
    assert [i.code for i in rules.scoped("innovation")] == [f"i{n}" for n in range(16, 36)]
    assert rules.bands[0] == ("Sangat Inovatif", 60.01, 100)
    assert rules.count_score(0) == 0 and rules.count_score(10) == 19 and rules.count_score(11) == 38


def test_the_illustrative_yaml_changes_the_constants() -> None:
    path = RULESETS / "iid-ilustrasi-12.yaml"
    rules, stored = ruleset_parse(path.read_bytes(), path.name)
    assert rules.divisor_min == 12
    assert rules.bands[0][1] == 65.01
    assert len(rules.mandatory) == 5
    assert stored["window"]["closes"] == "2026-07-31"  # YAML dates stored as text


def test_weights_that_do_not_add_up_are_refused() -> None:
    data = base()
    data["aspects"][0]["weight"] = 30
    with pytest.raises(RuleSetInvalid) as caught:
        ruleset_from_dict(data)
    assert any("jumlah bobot 104.8%" in e for e in caught.value.errors)


def test_scores_that_do_not_match_the_weight_are_refused() -> None:
    data = base()
    data["aspects"][0]["variables"][0]["indicators"][0]["levels"][2]["score"] = 9
    with pytest.raises(RuleSetInvalid) as caught:
        ruleset_from_dict(data)
    assert any("aspek SPD: skor maksimum" in e for e in caught.value.errors)


def test_a_referenced_but_undefined_indicator_is_refused() -> None:
    data = base()
    data["mandatory"].append("i99")
    with pytest.raises(RuleSetInvalid) as caught:
        ruleset_from_dict(data)
    assert caught.value.errors == ["mandatory: indikator 'i99' dirujuk tetapi tidak didefinisikan."]


def test_every_problem_is_listed_at_once() -> None:
    data = base()
    data["divisor_min"] = "sepuluh"
    data["predicates"][1]["lower"] = 30
    data["aspects"][1]["variables"][0]["indicators"][1]["code"] = "i16"
    with pytest.raises(RuleSetInvalid) as caught:
        ruleset_from_dict(data)
    text = " | ".join(caught.value.errors)
    assert "divisor_min" in text
    assert "bertumpang tindih" in text
    assert "'i16' sudah dipakai" in text


@pytest.mark.parametrize(
    ("raw", "name", "needle"),
    [
        (b'{"code": "x",\n "year": }', "a.json", "baris 2"),
        (b"code: [x\nyear: 2023\n", "a.yaml", "baris"),
        (b"\xff\xfe", "a.json", "UTF-8"),
        (b"{}", "a.txt", ".json"),
        (b'{"code": "a\\u0000"}', "a.json", "NUL"),
        (b"x" * (600 * 1024), "a.json", "terlalu besar"),
    ],
)
def test_unreadable_files_name_the_line_or_reason(raw: bytes, name: str, needle: str) -> None:
    with pytest.raises(RuleSetInvalid) as caught:
        ruleset_parse(raw, name)
    assert needle in str(caught.value)


def test_far_dates_and_huge_numbers_are_refused() -> None:
    data = copy.deepcopy(base())
    data["window"]["closes"] = "9999-01-01"
    data["max_total"] = 10**12
    with pytest.raises(RuleSetInvalid) as caught:
        ruleset_from_dict(data)
    text = " | ".join(caught.value.errors)
    assert "window.closes" in text and "max_total" in text
