"""The 2023 formula on hand-computed examples, and the predicate band edges."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from kotacerdas.innovation.formula import iid_index, predicate

BANDS_2023 = [
    ("Sangat Inovatif", 60.01, 100),
    ("Inovatif", 35.00, 60.00),
    ("Kurang Inovatif", 0.01, 34.99),
    ("Tidak Dapat Dinilai", 0, 0),
]


def test_fewer_than_ten_innovations_divide_by_ten() -> None:
    # (40 + (60 + 80 + 100) / MAX(10, 3) + 19) / 250 × 100 = (40 + 24 + 19) / 2.5 = 33.2
    value = iid_index(
        spd=40, innovation_scores=[60, 80, 100], count_score=19, max_total=250, divisor_min=10
    )
    assert value == pytest.approx(33.2)


def test_more_than_ten_innovations_divide_by_their_number() -> None:
    # 12 × 50 / MAX(10, 12) = 50; (40 + 50 + 38) / 250 × 100 = 51.2
    value = iid_index(
        spd=40, innovation_scores=[50] * 12, count_score=38, max_total=250, divisor_min=10
    )
    assert value == pytest.approx(51.2)


def test_exactly_ten_and_a_bigger_divisor_constant() -> None:
    ten = iid_index(
        spd=0, innovation_scores=[30] * 10, count_score=0, max_total=100, divisor_min=10
    )
    assert ten == pytest.approx(30.0)
    # MAX(12, 10) = 12: the same ten innovations weigh less under a 12 divisor.
    twelve = iid_index(
        spd=0, innovation_scores=[30] * 10, count_score=0, max_total=100, divisor_min=12
    )
    assert twelve == pytest.approx(25.0)


def test_nothing_reported_is_zero() -> None:
    assert iid_index(spd=0, innovation_scores=[], count_score=0, max_total=250, divisor_min=10) == 0


@pytest.mark.parametrize(
    ("value", "name"),
    [
        (34.99, "Kurang Inovatif"),
        (35.00, "Inovatif"),
        (60.00, "Inovatif"),
        (60.01, "Sangat Inovatif"),
        (34.994, "Kurang Inovatif"),  # rounds down to 34.99
        (34.995, "Inovatif"),  # rounds half up to 35.00
        (60.004, "Inovatif"),
        (60.005, "Sangat Inovatif"),
        (0.004, "Tidak Dapat Dinilai"),
        (0.01, "Kurang Inovatif"),
        (0, "Tidak Dapat Dinilai"),
        (100, "Sangat Inovatif"),
    ],
)
def test_predicate_band_edges(value: float, name: str) -> None:
    assert predicate(value, BANDS_2023) == name


def test_a_value_outside_every_band_is_refused() -> None:
    with pytest.raises(ValueError):
        predicate(100.01, BANDS_2023)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"max_total": 0},
        {"divisor_min": 0},
        {"spd": -1},
    ],
)
def test_bad_constants_raise(kwargs: dict[str, float]) -> None:
    args = {"spd": 1, "innovation_scores": [1], "count_score": 0, "max_total": 10, "divisor_min": 1}
    args.update(kwargs)
    with pytest.raises(ValueError):
        iid_index(**args)  # type: ignore[arg-type]


@pytest.mark.parametrize("module", ["formula", "rules", "scoring"])
def test_pure_modules_import_no_django(module: str) -> None:
    source = Path(__file__).parents[2] / "kotacerdas" / "innovation" / f"{module}.py"
    tree = ast.parse(source.read_text())
    imported = {
        name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for name in (
            [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
        )
    }
    assert not any(name.startswith("django") for name in imported)
