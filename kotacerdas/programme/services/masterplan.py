"""Writes of the masterplan's supporting records, for the secretariat: commitment
sheets (signatory, office, date and a private scan), the readiness assessment per year
and the four Bimtek stages. Each write is one transaction with one audit record and an
Indonesian message on refusal; a scan stored before a refused or failed write is
removed again, so nothing is left half-saved."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from kotacerdas.core.models import OPD, Regency, User
from kotacerdas.core.services.audit import audit_record, snapshot
from kotacerdas.programme.errors import ProgrammeInputError
from kotacerdas.programme.models import (
    BimtekStage,
    CommitmentSheet,
    ReadinessAssessment,
    ReadinessComponent,
)
from kotacerdas.programme.readiness import MAX_ITEMS
from kotacerdas.programme.services.files import evidence_save, private_storage

FIRST_YEAR = 2017  # the national Gerakan Menuju 100 Smart City began in 2017
SHEET_FIELDS = ["signatory", "opd", "signed_on", "scan_name", "is_illustrative"]
BIMTEK_FIELDS = ["start_date", "end_date", "mentors", "outputs", "is_done"]


def _text(raw: str, label: str, limit: int, *, required: bool) -> str:
    text = (raw or "").strip()
    if "\x00" in text or len(text) > limit:
        raise ProgrammeInputError(f"{label} paling panjang {limit:,} karakter.".replace(",", "."))
    if required and not text:
        raise ProgrammeInputError(f"{label} wajib diisi.")
    return text


@contextmanager
def _scan(upload: UploadedFile | None, regency: Regency) -> Iterator[str]:
    """Stores a checked scan (or nothing) and removes it again if the write fails."""
    stored = ""
    if upload is not None:
        stored, _type = evidence_save(upload, regency_code=regency.code, kind="commitment")
    try:
        yield stored
    except BaseException:
        if stored:
            private_storage().delete(stored)
        raise


def _check_sheet(regency: Regency, signatory: str, opd: OPD | None, signed_on: date) -> str:
    signatory = _text(signatory, "Penanda tangan (jabatan)", 120, required=True)
    if opd is not None and opd.regency_id != regency.pk:
        raise ProgrammeInputError("OPD tidak dikenal.")
    if signed_on > timezone.localdate() or signed_on.year < FIRST_YEAR:
        raise ProgrammeInputError(
            f"Tanggal tanda tangan harus antara tahun {FIRST_YEAR} dan hari ini."
        )
    return signatory


def commitment_create(
    *,
    regency: Regency,
    signatory: str,
    opd: OPD | None,
    signed_on: date,
    scan: UploadedFile | None,
    is_illustrative: bool,
    actor: User,
) -> CommitmentSheet:
    signatory = _check_sheet(regency, signatory, opd, signed_on)
    with _scan(scan, regency) as stored, transaction.atomic():
        sheet = CommitmentSheet.objects.create(
            regency=regency,
            signatory=signatory,
            opd=opd,
            signed_on=signed_on,
            scan_name=stored,
            is_illustrative=is_illustrative,
        )
        audit_record(
            regency=regency,
            actor=actor,
            action="programme.commitment.create",
            obj=sheet,
            after=snapshot(sheet, SHEET_FIELDS),
        )
    return sheet


def commitment_update(
    *,
    sheet: CommitmentSheet,
    signatory: str,
    opd: OPD | None,
    signed_on: date,
    scan: UploadedFile | None,
    is_illustrative: bool,
    actor: User,
) -> CommitmentSheet:
    """Without a new scan the stored one stays; a replaced scan file is kept in the
    private storage (the audit record names it)."""
    signatory = _check_sheet(sheet.regency, signatory, opd, signed_on)
    with _scan(scan, sheet.regency) as stored, transaction.atomic():
        locked = CommitmentSheet.objects.select_for_update().get(pk=sheet.pk)
        before = snapshot(locked, SHEET_FIELDS)
        locked.signatory, locked.opd, locked.signed_on = signatory, opd, signed_on
        locked.is_illustrative = is_illustrative
        if stored:
            locked.scan_name = stored
        locked.save()
        audit_record(
            regency=locked.regency,
            actor=actor,
            action="programme.commitment.update",
            obj=locked,
            before=before,
            after=snapshot(locked, SHEET_FIELDS),
        )
    return locked


def readiness_set(
    *,
    regency: Regency,
    year: int,
    counts: dict[str, tuple[int, int, int]],
    is_illustrative: bool,
    actor: User,
) -> list[ReadinessAssessment]:
    """The good / moderate / poor counts of all three components for one year, saved
    together (all or nothing)."""
    if not FIRST_YEAR <= year <= timezone.localdate().year:
        raise ProgrammeInputError(
            f"Tahun penilaian harus antara {FIRST_YEAR} dan {timezone.localdate().year}."
        )
    if set(counts) != set(ReadinessComponent.values):
        raise ProgrammeInputError("Isi ketiga komponen: Struktur, Infrastruktur, Suprastruktur.")
    for component, row in counts.items():
        label = ReadinessComponent(component).label
        if any(not 0 <= n <= MAX_ITEMS for n in row):
            raise ProgrammeInputError(f"Jumlah butir {label} harus 0–{MAX_ITEMS}.")
        if sum(row) == 0:
            raise ProgrammeInputError(f"Komponen {label} belum berisi butir yang dinilai.")
    saved: list[ReadinessAssessment] = []
    with transaction.atomic():
        before = {
            r.component: [r.good, r.moderate, r.poor]
            for r in ReadinessAssessment.objects.select_for_update().filter(
                regency=regency, year=year
            )
        }
        for component in ReadinessComponent.values:
            good, moderate, poor = counts[component]
            saved_row, _made = ReadinessAssessment.objects.update_or_create(
                regency=regency,
                year=year,
                component=component,
                defaults={
                    "good": good,
                    "moderate": moderate,
                    "poor": poor,
                    "is_illustrative": is_illustrative,
                },
            )
            saved.append(saved_row)
        audit_record(
            regency=regency,
            actor=actor,
            action="programme.readiness.set",
            object_type="programme.readinessassessment",
            object_id=str(year),
            before={"year": year, **before} if before else None,
            after={"year": year, **{c: list(n) for c, n in counts.items()}},
        )
    return saved


def bimtek_stage_update(
    *,
    regency: Regency,
    stage: int,
    start_date: date | None,
    end_date: date | None,
    mentors: str,
    outputs: str,
    is_done: bool,
    actor: User,
) -> BimtekStage:
    if stage not in (1, 2, 3, 4):
        raise ProgrammeInputError("Tahap Bimtek harus I, II, III atau IV.")
    mentors = _text(mentors, "Mentor", 300, required=False)
    outputs = _text(outputs, "Keluaran", 300, required=False)
    today = timezone.localdate()
    for day in (start_date, end_date):
        if day is not None and not FIRST_YEAR <= day.year <= today.year + 1:
            raise ProgrammeInputError(
                f"Tanggal Bimtek harus antara tahun {FIRST_YEAR} dan {today.year + 1}."
            )
    if start_date and end_date and end_date < start_date:
        raise ProgrammeInputError("Tanggal selesai tidak boleh sebelum tanggal mulai.")
    if is_done and (start_date is None or (end_date or start_date) > today):
        raise ProgrammeInputError(
            "Tahap yang terlaksana harus punya tanggal mulai dan tidak di masa depan."
        )
    with transaction.atomic():
        item, made = BimtekStage.objects.select_for_update().get_or_create(
            regency=regency, stage=stage
        )
        before = None if made else snapshot(item, BIMTEK_FIELDS)
        item.start_date, item.end_date = start_date, end_date
        item.mentors, item.outputs, item.is_done = mentors, outputs, is_done
        item.save()
        audit_record(
            regency=regency,
            actor=actor,
            action="programme.bimtek.update",
            obj=item,
            before=before,
            after=snapshot(item, BIMTEK_FIELDS),
        )
    return item
