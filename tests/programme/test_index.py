"""The Indeks Smart City calculator against Kominfo's published results."""

from __future__ import annotations

import math

import pytest

from kotacerdas.programme.index import DEFAULT_WEIGHTS, index_gains, smart_city_index

JAMBI_2024 = {"baseline": 3.84, "output": 3.18, "outcome": 3.53, "impact": 3.63, "quick_win": 3.35}
KEDIRI_2022 = {"baseline": 3.60, "output": 3.21, "outcome": 3.23, "impact": 3.07, "quick_win": 3.65}


def test_kota_jambi_2024_published_3_48() -> None:
    value = smart_city_index(JAMBI_2024)
    assert math.isclose(value, 3.475, abs_tol=1e-9)
    assert f"{value:.2f}" == "3.48"


def test_kota_kediri_2022_published_3_31() -> None:
    value = smart_city_index(KEDIRI_2022)
    assert math.isclose(value, 3.315, abs_tol=1e-9)
    assert f"{value:.2f}" == "3.31"


def test_older_weights_give_the_other_column_of_the_doc() -> None:
    older = {"baseline": 10, "output": 20, "outcome": 30, "impact": 30, "quick_win": 10}
    assert round(smart_city_index(JAMBI_2024, older), 3) == 3.503
    assert round(smart_city_index(KEDIRI_2022, older), 3) == 3.257


def test_default_weights() -> None:
    assert DEFAULT_WEIGHTS == {
        "baseline": 10,
        "output": 20,
        "outcome": 30,
        "impact": 20,
        "quick_win": 20,
    }
    assert smart_city_index(dict.fromkeys(DEFAULT_WEIGHTS, 5)) == 5.0
    assert smart_city_index(dict.fromkeys(DEFAULT_WEIGHTS, 0)) == 0.0


@pytest.mark.parametrize(
    "components",
    [
        {k: v for k, v in JAMBI_2024.items() if k != "impact"},
        {**JAMBI_2024, "impact": 5.01},
        {**JAMBI_2024, "impact": -0.1},
        {**JAMBI_2024, "impact": float("nan")},
        {**JAMBI_2024, "impact": "3.5"},
        {**JAMBI_2024, "extra": 1.0},
    ],
)
def test_bad_components_raise(components: dict) -> None:  # type: ignore[type-arg]
    with pytest.raises(ValueError):
        smart_city_index(components)


@pytest.mark.parametrize(
    "weights",
    [
        {"baseline": 10, "output": 20, "outcome": 30, "impact": 20, "quick_win": 21},
        {"baseline": 10, "output": 20, "outcome": 30, "impact": 40},
        {"baseline": -10, "output": 40, "outcome": 30, "impact": 20, "quick_win": 20},
    ],
)
def test_bad_weights_raise(weights: dict) -> None:  # type: ignore[type-arg]
    with pytest.raises(ValueError):
        smart_city_index(JAMBI_2024, weights)


def test_what_moves_the_index_most() -> None:
    gains = index_gains(JAMBI_2024)
    assert gains[0] == ("outcome", 0.15)
    assert dict(gains)["baseline"] == 0.05
    assert dict(gains)["quick_win"] == 0.1
    capped = index_gains({**JAMBI_2024, "outcome": 4.9})
    assert dict(capped)["outcome"] == pytest.approx(0.03)
