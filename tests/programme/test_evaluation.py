"""The evaluation workspace: weights per cycle, self-assessment, assessor validation,
the lock, and the index from stored scores."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kotacerdas.core.models import AuditLog
from kotacerdas.programme.errors import ProgrammeInputError
from kotacerdas.programme.index import DEFAULT_WEIGHTS
from kotacerdas.programme.models import ComponentScore, CycleStatus, EvaluationCycle
from kotacerdas.programme.selectors import cycle_result
from kotacerdas.programme.services.evaluation import (
    cycle_create,
    cycle_lock,
    score_self_assess,
    score_validate,
)
from tests.programme.conftest import pdf

pytestmark = pytest.mark.django_db
JAMBI = {
    "baseline": "3.84",
    "output": "3.18",
    "outcome": "3.53",
    "impact": "3.63",
    "quick_win": "3.35",
}


def make_cycle(regency, actor, weights=None):  # type: ignore[no-untyped-def]
    return cycle_create(
        regency=regency,
        year=2024,
        stage=1,
        weights=weights or dict(DEFAULT_WEIGHTS),
        letter_number="B-1478/DJAI/AI.01.02/11/2024",
        letter=pdf("surat.pdf"),
        actor=actor,
    )


def test_weights_must_add_to_100(programme, secretariat) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ProgrammeInputError, match="100%"):
        make_cycle(programme, secretariat, {**DEFAULT_WEIGHTS, "impact": 30})
    assert not EvaluationCycle.objects.exists()
    older = {"baseline": 10, "output": 20, "outcome": 30, "impact": 30, "quick_win": 10}
    assert make_cycle(programme, secretariat, older).weights == older


def test_scores_outside_0_5_are_refused(programme, secretariat) -> None:  # type: ignore[no-untyped-def]
    cycle = make_cycle(programme, secretariat)
    for bad in ("5.01", "-0.5"):
        with pytest.raises(ProgrammeInputError, match="antara 0 dan 5"):
            score_self_assess(
                cycle=cycle,
                component="impact",
                dimension=None,
                score=Decimal(bad),
                note="",
                evidence=None,
                actor=secretariat,
            )
    assert not ComponentScore.objects.exists()


def test_self_assess_validate_lock_then_nothing_changes(programme, secretariat, assessor) -> None:  # type: ignore[no-untyped-def]
    cycle = make_cycle(programme, secretariat)
    scores = {
        key: score_self_assess(
            cycle=cycle,
            component=key,
            dimension=None,
            score=Decimal(v),
            note="Bukti terlampir",
            evidence=pdf(),
            actor=secretariat,
        )
        for key, v in JAMBI.items()
    }
    with pytest.raises(ProgrammeInputError, match="divalidasi"):
        cycle_lock(cycle=cycle, actor=assessor)
    with pytest.raises(ProgrammeInputError, match="catatan"):
        score_validate(item=scores["impact"], score=Decimal("3.50"), note="", actor=assessor)
    for item in scores.values():
        score_validate(item=item, score=item.self_score, note="", actor=assessor)
    locked = cycle_lock(cycle=cycle, actor=assessor)
    assert locked.status == CycleStatus.LOCKED
    assert locked.index_value == Decimal("3.4750")
    assert f"{cycle_result(locked).index:.2f}" == "3.48"
    with pytest.raises(ProgrammeInputError, match="dikunci"):
        score_self_assess(
            cycle=locked,
            component="impact",
            dimension=None,
            score=Decimal("4"),
            note="",
            evidence=None,
            actor=secretariat,
        )
    with pytest.raises(ProgrammeInputError, match="dikunci"):
        score_validate(item=scores["impact"], score=Decimal("4"), note="naik", actor=assessor)
    assert ComponentScore.objects.get(pk=scores["impact"].pk).final == Decimal("3.63")
    assert AuditLog.objects.filter(action="programme.cycle.lock").count() == 1
    assert AuditLog.objects.filter(action="programme.score.validate").count() == 5


def test_adjusted_score_with_note_counts_in_the_index(programme, secretariat, assessor) -> None:  # type: ignore[no-untyped-def]
    cycle = make_cycle(programme, secretariat)
    for key, v in JAMBI.items():
        item = score_self_assess(
            cycle=cycle,
            component=key,
            dimension=None,
            score=Decimal(v),
            note="",
            evidence=None,
            actor=secretariat,
        )
        new = Decimal("3.13") if key == "impact" else item.self_score
        score_validate(item=item, score=new, note="Bukti layanan belum lengkap", actor=assessor)
    # Impact 3.63 → 3.13 lowers the index by 0.2 × 0.5 = 0.1.
    assert cycle_result(cycle).index == pytest.approx(3.375)


def test_per_dimension_scores_average_into_components(programme, secretariat) -> None:  # type: ignore[no-untyped-def]
    from kotacerdas.programme.models import Dimension

    cycle = make_cycle(programme, secretariat)
    for code, value in (("SG", "2.00"), ("SE", "4.00")):
        dim = Dimension.objects.get(code=code)
        for key in JAMBI:
            score_self_assess(
                cycle=cycle,
                component=key,
                dimension=dim,
                score=Decimal(value),
                note="",
                evidence=None,
                actor=secretariat,
            )
    result = cycle_result(cycle)
    assert result.index == pytest.approx(3.0)
    assert result.by_dimension == {"SG": pytest.approx(2.0), "SE": pytest.approx(4.0)}
