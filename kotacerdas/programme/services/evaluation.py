"""The Kominfo evaluation workspace: a cycle with its weights, self-assessed component
scores with evidence, validation or adjustment by an assessor with a note, then the
lock. A locked cycle accepts no change at all."""

from __future__ import annotations

from decimal import Decimal

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from kotacerdas.core.models import Regency, User
from kotacerdas.core.services.audit import audit_record, snapshot
from kotacerdas.programme import index as index_calc
from kotacerdas.programme.errors import ProgrammeInputError
from kotacerdas.programme.models import (
    CYCLE_TRANSITIONS,
    ComponentScore,
    CycleStatus,
    Dimension,
    EvaluationCycle,
)
from kotacerdas.programme.services.files import evidence_save

CYCLE_FIELDS = [
    "year",
    "stage",
    "letter_number",
    "weight_baseline",
    "weight_output",
    "weight_outcome",
    "weight_impact",
    "weight_quick_win",
    "status",
    "index_value",
]
SCORE_FIELDS = ["component", "dimension", "self_score", "validated_score", "assessor_note"]


def check_score(value: Decimal) -> Decimal:
    if not value.is_finite() or not Decimal(0) <= value <= Decimal(5):
        raise ProgrammeInputError("Nilai komponen harus antara 0 dan 5.")
    return value.quantize(Decimal("0.01"))


def cycle_create(
    *,
    regency: Regency,
    year: int,
    stage: int,
    weights: dict[str, int],
    letter_number: str,
    letter: UploadedFile | None,
    actor: User,
) -> EvaluationCycle:
    if not 2017 <= year <= timezone.localdate().year + 1:
        raise ProgrammeInputError("Tahun evaluasi harus antara 2017 dan tahun depan.")
    if stage not in (1, 2):
        raise ProgrammeInputError("Tahap evaluasi hanya I atau II.")
    try:
        index_calc.check_weights(weights)
    except ValueError as exc:
        raise ProgrammeInputError(
            "Bobot kelima komponen harus 0–100 dan berjumlah tepat 100%."
        ) from exc
    letter_number = (letter_number or "").strip()
    if len(letter_number) > 80 or "\x00" in letter_number:
        raise ProgrammeInputError("Nomor surat paling panjang 80 karakter.")
    if EvaluationCycle.objects.filter(regency=regency, year=year, stage=stage).exists():
        raise ProgrammeInputError("Siklus evaluasi tahun dan tahap ini sudah ada.")
    letter_name = ""
    if letter is not None:
        letter_name, _type = evidence_save(letter, regency_code=regency.code, kind="letter")
    with transaction.atomic():
        cycle = EvaluationCycle.objects.create(
            regency=regency,
            year=year,
            stage=stage,
            letter_number=letter_number,
            letter_name=letter_name,
            weight_baseline=weights["baseline"],
            weight_output=weights["output"],
            weight_outcome=weights["outcome"],
            weight_impact=weights["impact"],
            weight_quick_win=weights["quick_win"],
        )
        audit_record(
            regency=regency,
            actor=actor,
            action="programme.cycle.create",
            obj=cycle,
            after=snapshot(cycle, CYCLE_FIELDS),
        )
    return cycle


def _open(cycle: EvaluationCycle) -> EvaluationCycle:
    locked = EvaluationCycle.objects.select_for_update().get(pk=cycle.pk)
    if locked.is_locked:
        raise ProgrammeInputError("Siklus evaluasi sudah dikunci; nilai tidak dapat diubah.")
    return locked


def score_self_assess(
    *,
    cycle: EvaluationCycle,
    component: str,
    dimension: Dimension | None,
    score: Decimal,
    note: str,
    evidence: UploadedFile | None,
    actor: User,
) -> ComponentScore:
    if component not in index_calc.COMPONENTS:
        raise ProgrammeInputError("Komponen tidak dikenal.")
    score = check_score(score)
    note = (note or "").strip()
    if len(note) > 2000 or "\x00" in note:
        raise ProgrammeInputError("Uraian bukti paling panjang 2.000 karakter.")
    stored, content_type = ("", "")
    if evidence is not None:
        stored, content_type = evidence_save(evidence, regency_code=cycle.regency.code, kind="sa")
    with transaction.atomic():
        _open(cycle)
        item = ComponentScore.objects.filter(
            cycle=cycle, component=component, dimension=dimension
        ).first()
        before = snapshot(item, SCORE_FIELDS) if item else None
        if item is None:
            item = ComponentScore(
                regency=cycle.regency, cycle=cycle, component=component, dimension=dimension
            )
        if item.validated_score is not None:
            raise ProgrammeInputError("Nilai ini sudah divalidasi penilai.")
        item.self_score = score
        item.self_note = note
        if stored:
            item.evidence_name, item.evidence_type = stored, content_type
        item.save()
        audit_record(
            regency=cycle.regency,
            actor=actor,
            action="programme.score.self_assess",
            obj=item,
            before=before,
            after=snapshot(item, SCORE_FIELDS),
        )
    return item


def score_validate(
    *, item: ComponentScore, score: Decimal, note: str, actor: User
) -> ComponentScore:
    """The assessor confirms (same score) or adjusts a score; a note is required when
    the score changes."""
    score = check_score(score)
    note = (note or "").strip()
    if len(note) > 2000 or "\x00" in note:
        raise ProgrammeInputError("Catatan penilai paling panjang 2.000 karakter.")
    if score != item.self_score and not note:
        raise ProgrammeInputError("Penyesuaian nilai wajib disertai catatan penilai.")
    with transaction.atomic():
        _open(item.cycle)
        locked = ComponentScore.objects.select_for_update().get(pk=item.pk)
        before = snapshot(locked, SCORE_FIELDS)
        locked.validated_score = score
        locked.assessor_note = note
        locked.assessor = actor
        locked.validated_at = timezone.now()
        locked.save()
        audit_record(
            regency=locked.regency,
            actor=actor,
            action="programme.score.validate",
            obj=locked,
            before=before,
            after=snapshot(locked, SCORE_FIELDS),
        )
    return locked


def cycle_lock(*, cycle: EvaluationCycle, actor: User, publish: bool = True) -> EvaluationCycle:
    """Locks a cycle whose every score the assessor validated, freezing its index."""
    from kotacerdas.programme.selectors import cycle_result

    with transaction.atomic():
        locked = _open(cycle)
        if CycleStatus.LOCKED not in CYCLE_TRANSITIONS[locked.status]:
            raise ProgrammeInputError("Siklus tidak dapat dikunci.")
        scores = list(ComponentScore.objects.filter(cycle=locked))
        if not scores or any(s.validated_score is None for s in scores):
            raise ProgrammeInputError("Semua nilai komponen harus divalidasi penilai dulu.")
        result = cycle_result(locked)
        if result.index is None:
            raise ProgrammeInputError("Kelima komponen harus dinilai sebelum dikunci.")
        before = snapshot(locked, CYCLE_FIELDS)
        locked.status = CycleStatus.LOCKED
        locked.locked_at = timezone.now()
        locked.locked_by = actor
        locked.index_value = Decimal(str(round(result.index, 4)))
        locked.is_published = publish
        locked.save()
        audit_record(
            regency=locked.regency,
            actor=actor,
            action="programme.cycle.lock",
            obj=locked,
            before=before,
            after=snapshot(locked, CYCLE_FIELDS),
        )
    return locked
