"""KPI writes: targets, manual values with a second-person approval, corrections, and
the daily store of automatic values from the registry in ``kotacerdas.core.kpis``."""

from __future__ import annotations

import logging
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from kotacerdas.core.kpis import kpi_source
from kotacerdas.core.models import Regency, User
from kotacerdas.core.services.audit import audit_record, snapshot
from kotacerdas.programme.errors import ProgrammeInputError
from kotacerdas.programme.models import (
    VALUE_TRANSITIONS,
    KpiDefinition,
    KpiTarget,
    KpiValue,
    Method,
    ProgrammeProfile,
    ValueStatus,
)
from kotacerdas.programme.services.files import evidence_save
from kotacerdas.programme.services.snapshot import dashboard_snapshot_refresh

log = logging.getLogger("kotacerdas.programme")
MAX_ABS_VALUE = Decimal("99999999999999")  # fits max_digits=18, decimal_places=4
VALUE_FIELDS = ["value", "status", "period_start", "period_end", "note", "corrects"]


def parse_decimal(raw: object, *, label: str) -> Decimal:
    """A bounded decimal from a form: ASCII digits only (no Unicode digits), one comma
    or dot for decimals, no NaN or infinity."""
    text = str(raw or "").strip().replace(" ", "")
    if not text:
        raise ProgrammeInputError(f"{label} wajib diisi.")
    if not text.isascii() or len(text) > 24 or "\x00" in text:
        raise ProgrammeInputError(f"{label} harus berupa angka.")
    text = text.replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation as exc:
        raise ProgrammeInputError(f"{label} harus berupa angka.") from exc
    if not number.is_finite() or abs(number) > MAX_ABS_VALUE:
        raise ProgrammeInputError(f"{label} di luar batas yang diizinkan.")
    return number.quantize(Decimal("0.0001"))


def plan_years(regency: Regency) -> range:
    profile = ProgrammeProfile.objects.filter(regency=regency).first()
    if profile is None:
        return range(2022, 2028)
    return range(profile.plan_start_year, profile.target_year + 1)


def _check_period(regency: Regency, start: date, end: date) -> None:
    years = plan_years(regency)
    if end < start:
        raise ProgrammeInputError("Akhir periode tidak boleh sebelum awal periode.")
    if start.year not in years or end.year not in years:
        raise ProgrammeInputError(
            f"Periode harus di dalam masa rencana {years.start}–{years.stop - 1}."
        )
    if end > timezone.localdate():
        raise ProgrammeInputError("Periode tidak boleh berakhir di masa depan.")


def kpi_target_set(
    *, definition: KpiDefinition, year: int, value: Decimal, actor: User
) -> KpiTarget:
    years = plan_years(definition.regency)
    if year not in years:
        raise ProgrammeInputError(
            f"Target hanya untuk tahun {years.start}–{years.stop - 1} (masa rencana)."
        )
    if definition.unit == "persen" and not 0 <= value <= 100:
        raise ProgrammeInputError("Target persen harus antara 0 dan 100.")
    with transaction.atomic():
        target = KpiTarget.objects.filter(definition=definition, year=year).first()
        before = snapshot(target, ["year", "value"]) if target else None
        if target is None:
            target = KpiTarget(regency=definition.regency, definition=definition, year=year)
        target.value = value
        target.save()
        audit_record(
            regency=definition.regency,
            actor=actor,
            action="programme.kpi_target.set",
            obj=target,
            before=before,
            after=snapshot(target, ["year", "value"]),
        )
        dashboard_snapshot_refresh(regency=definition.regency)
    return target


def _check_value(definition: KpiDefinition, value: Decimal) -> None:
    if definition.unit == "persen" and not 0 <= value <= 100:
        raise ProgrammeInputError("Nilai persen harus antara 0 dan 100.")
    if definition.unit == "skor" and not 0 <= value <= 5:
        raise ProgrammeInputError("Nilai skor harus antara 0 dan 5.")
    if value < 0 and definition.unit in {"rupiah", "jumlah", "hari kerja"}:
        raise ProgrammeInputError("Nilai tidak boleh negatif.")


def kpi_value_submit(
    *,
    definition: KpiDefinition,
    period_start: date,
    period_end: date,
    value: Decimal,
    note: str,
    evidence: UploadedFile | None,
    actor: User,
    corrects: KpiValue | None = None,
    correction_reason: str = "",
) -> KpiValue:
    """A manual value (or a correction of an approved one), waiting for approval by
    someone else. Evidence is required."""
    if definition.method != Method.MANUAL and corrects is None:
        raise ProgrammeInputError("Indikator ini dihitung otomatis oleh platform.")
    _check_period(definition.regency, period_start, period_end)
    _check_value(definition, value)
    note = (note or "").strip()
    if len(note) > 500 or "\x00" in note:
        raise ProgrammeInputError("Catatan paling panjang 500 karakter.")
    if corrects is not None:
        correction_reason = (correction_reason or "").strip()
        if corrects.status != ValueStatus.APPROVED:
            raise ProgrammeInputError("Hanya nilai yang sudah disetujui yang dapat dikoreksi.")
        if not correction_reason or len(correction_reason) > 500:
            raise ProgrammeInputError("Koreksi wajib disertai alasan (paling panjang 500).")
    if evidence is None:
        raise ProgrammeInputError("Nilai manual wajib disertai berkas bukti.")
    stored, content_type = evidence_save(evidence, regency_code=definition.regency.code, kind="kpi")
    with transaction.atomic():
        item = KpiValue.objects.create(
            regency=definition.regency,
            definition=definition,
            period_start=period_start,
            period_end=period_end,
            value=value,
            formula=f"{definition.numerator} ÷ {definition.denominator}"[:300]
            if definition.denominator
            else (definition.numerator or definition.definition)[:300],
            inputs={"entered": str(value)},
            method=Method.MANUAL,
            status=ValueStatus.SUBMITTED,
            note=note,
            evidence_name=stored,
            evidence_type=content_type,
            corrects=corrects,
            correction_reason=correction_reason if corrects is not None else "",
            entered_by=actor,
            computed_at=timezone.now(),
        )
        audit_record(
            regency=definition.regency,
            actor=actor,
            action="programme.kpi_value.correct" if corrects else "programme.kpi_value.submit",
            obj=item,
            after=snapshot(item, VALUE_FIELDS),
        )
    return item


def _move(item: KpiValue, target: str) -> None:
    if target not in VALUE_TRANSITIONS[item.status]:
        raise ProgrammeInputError("Nilai ini tidak dapat diubah lagi (sudah disetujui/ditolak).")


def kpi_value_decide(*, item: KpiValue, approve: bool, actor: User, note: str = "") -> KpiValue:
    """Approve or reject a submitted value. The person who entered it cannot decide on
    it. Approving a correction supersedes the value it corrects."""
    with transaction.atomic():
        locked = KpiValue.objects.select_for_update().get(pk=item.pk)
        target = ValueStatus.APPROVED if approve else ValueStatus.REJECTED
        _move(locked, target)
        if locked.entered_by_id == actor.pk:
            raise ProgrammeInputError("Nilai harus disetujui oleh orang lain, bukan penginputnya.")
        before = snapshot(locked, VALUE_FIELDS)
        locked.status = target
        locked.approved_by = actor
        locked.approved_at = timezone.now()
        if note:
            locked.note = (locked.note + " · " + note.strip())[:500]
        locked.save(update_fields=["status", "approved_by", "approved_at", "note"])
        if approve and locked.corrects_id is not None:
            original = KpiValue.objects.select_for_update().get(pk=locked.corrects_id)
            _move(original, ValueStatus.SUPERSEDED)
            original.status = ValueStatus.SUPERSEDED
            original.save(update_fields=["status"])
            audit_record(
                regency=locked.regency,
                actor=actor,
                action="programme.kpi_value.supersede",
                obj=original,
                after={"superseded_by": locked.pk, "reason": locked.correction_reason},
            )
        audit_record(
            regency=locked.regency,
            actor=actor,
            action="programme.kpi_value.approve" if approve else "programme.kpi_value.reject",
            obj=locked,
            before=before,
            after=snapshot(locked, VALUE_FIELDS),
        )
        if approve:  # the published series changed (and perhaps lost a superseded value)
            dashboard_snapshot_refresh(regency=locked.regency)
    return locked


def year_to_date(as_of: date) -> tuple[date, date]:
    return date(as_of.year, 1, 1), as_of


def kpi_store_automatic(
    *, regency: Regency, as_of: date, refresh_dashboard: bool = True
) -> list[KpiValue]:
    """Compute every automatic KPI of the regency for the year to ``as_of`` and store
    each as an approved, dated value with its formula and inputs. A period already
    stored is left as it is (values are never edited), so re-runs are harmless. When
    anything was stored, the dashboard snapshot is rebuilt (unless the caller does it
    once after many days)."""
    start, end = year_to_date(as_of)
    stored: list[KpiValue] = []
    definitions = KpiDefinition.objects.filter(regency=regency, method=Method.AUTOMATIC)
    for definition in definitions:
        if KpiValue.objects.filter(
            regency=regency,
            definition=definition,
            method=Method.AUTOMATIC,
            period_start=start,
            period_end=end,
        ).exists():
            continue
        source = kpi_source(definition.source_code)
        if source is None:
            log.warning("KPI %s: no registered source %s", definition.code, definition.source_code)
            continue
        result = source.compute(regency, start, end)
        inputs = dict(result.inputs)
        target = definition.targets.filter(year=end.year).first()
        if target is not None and result.value is not None and target.value:
            inputs["target"] = str(target.value)
            inputs["achievement_pct"] = str(
                (Decimal(100) * result.value / target.value).quantize(Decimal("0.1"))
            )
        try:
            with transaction.atomic():
                item = KpiValue.objects.create(
                    regency=regency,
                    definition=definition,
                    period_start=start,
                    period_end=end,
                    value=result.value,
                    numerator=result.numerator,
                    denominator=result.denominator,
                    formula=result.formula[:300],
                    inputs={"source": source.code, **inputs},
                    method=Method.AUTOMATIC,
                    status=ValueStatus.APPROVED,
                    computed_at=timezone.now(),
                    approved_at=timezone.now(),
                )
                audit_record(
                    regency=regency,
                    actor=None,
                    action="programme.kpi_value.compute",
                    obj=item,
                    after=snapshot(item, ["value", "period_start", "period_end", "formula"]),
                )
        except IntegrityError:  # another runner stored the same period first
            continue
        stored.append(item)
    if stored and refresh_dashboard:
        dashboard_snapshot_refresh(regency=regency)
    return stored


def kpi_backfill(*, regency: Regency, days: list[date]) -> int:
    """Store automatic values as of each given day (demo history, or a new KPI)."""
    stored = sum(
        len(kpi_store_automatic(regency=regency, as_of=day, refresh_dashboard=False))
        for day in days
    )
    dashboard_snapshot_refresh(regency=regency)
    return stored


def yesterday() -> date:
    return timezone.localdate() - timedelta(days=1)
