"""Kominfo's Indeks Smart City, in pure Python (no Django).

The index is the weighted mean of five component scores (0–5): Baseline, Output,
Outcome, Impact and Quick Win. The weights are per evaluation cycle; the default
10/20/30/20/20 reproduces the published Kota Jambi 2024 (3.48) and Kota Kediri 2022
(3.31) results, while some older pages cite 10/20/30/30/10, so callers pass the
cycle's own weights."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

COMPONENTS: tuple[str, ...] = ("baseline", "output", "outcome", "impact", "quick_win")
DEFAULT_WEIGHTS: dict[str, int] = {
    "baseline": 10,
    "output": 20,
    "outcome": 30,
    "impact": 20,
    "quick_win": 20,
}
MIN_SCORE = 0.0
MAX_SCORE = 5.0

Number = float | int | Decimal


def check_weights(weights: Mapping[str, Number]) -> dict[str, float]:
    """Weights in percent for exactly the five components, each 0–100, adding to 100."""
    missing = [key for key in COMPONENTS if key not in weights]
    if missing:
        raise ValueError(f"missing weight for: {', '.join(missing)}")
    extra = sorted(set(weights) - set(COMPONENTS))
    if extra:
        raise ValueError(f"unknown component: {', '.join(extra)}")
    checked = {key: float(weights[key]) for key in COMPONENTS}
    if any(not 0 <= value <= 100 for value in checked.values()):
        raise ValueError("each weight must be between 0 and 100")
    if abs(sum(checked.values()) - 100.0) > 1e-9:
        raise ValueError(f"weights add to {sum(checked.values()):g}, not 100")
    return checked


def smart_city_index(
    components: Mapping[str, Number], weights: Mapping[str, Number] | None = None
) -> float:
    """The unrounded index: Σ weight × score / 100.

    Raises ``ValueError`` on a missing component, a score outside 0–5 (or not a
    number), or weights that are incomplete or do not add to 100."""
    checked_weights = check_weights(weights if weights is not None else DEFAULT_WEIGHTS)
    missing = [key for key in COMPONENTS if key not in components]
    if missing:
        raise ValueError(f"missing score for: {', '.join(missing)}")
    extra = sorted(set(components) - set(COMPONENTS))
    if extra:
        raise ValueError(f"unknown component: {', '.join(extra)}")
    total = 0.0
    for key in COMPONENTS:
        raw = components[key]
        if isinstance(raw, bool) or not isinstance(raw, float | int | Decimal):
            raise ValueError(f"score for {key} is not a number")
        score = float(raw)
        if not MIN_SCORE <= score <= MAX_SCORE:  # also rejects NaN
            raise ValueError(f"score for {key} must be between 0 and 5, got {score:g}")
        total += checked_weights[key] * score
    return total / 100.0


def index_gains(
    components: Mapping[str, Number],
    weights: Mapping[str, Number] | None = None,
    step: float = 0.5,
) -> list[tuple[str, float]]:
    """ "What moves our index most": the index gain from raising each component by
    ``step`` (capped at 5), largest first. Ties keep the component order."""
    base = smart_city_index(components, weights)
    gains = []
    for key in COMPONENTS:
        raised = dict(components)
        raised[key] = min(MAX_SCORE, float(components[key]) + step)
        # Rounded so float noise does not reorder equal gains.
        gains.append((key, round(smart_city_index(raised, weights) - base, 9)))
    return sorted(gains, key=lambda item: -item[1])
