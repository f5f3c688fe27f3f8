"""Programme writes: a dated progress report with evidence (lead OPD or secretariat),
and the yearly budget (planned and realised integer rupiah)."""

from __future__ import annotations

from datetime import date

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from kotacerdas.core.models import Regency, User
from kotacerdas.core.services.audit import audit_record, snapshot
from kotacerdas.programme.errors import ProgrammeInputError
from kotacerdas.programme.models import (
    PROGRAMME_TRANSITIONS,
    Book,
    MasterplanDocument,
    Programme,
    ProgrammeBudget,
    ProgrammeStatus,
    ProgressUpdate,
)
from kotacerdas.programme.services.files import evidence_save
from kotacerdas.programme.services.kpi import plan_years

MAX_RUPIAH = 10**15  # one quadrillion rupiah: far above any regency budget line


def _check_move(programme: Programme, status: str) -> None:
    if status != programme.status and status not in PROGRAMME_TRANSITIONS[programme.status]:
        raise ProgrammeInputError(
            f"Status tidak dapat berubah dari {programme.get_status_display()} ke "
            f"{ProgrammeStatus(status).label}."
        )


def programme_progress_report(
    *,
    programme: Programme,
    reported_on: date,
    progress_pct: int,
    status: str,
    note: str,
    evidence: UploadedFile | None,
    actor: User,
) -> ProgressUpdate:
    if not 0 <= progress_pct <= 100:
        raise ProgrammeInputError("Kemajuan harus antara 0 dan 100 persen.")
    if status not in ProgrammeStatus.values:
        raise ProgrammeInputError("Status program tidak dikenal.")
    if status == ProgrammeStatus.DONE and progress_pct != 100:
        raise ProgrammeInputError("Program selesai harus berkemajuan 100 persen.")
    _check_move(Programme.objects.get(pk=programme.pk), status)
    years = plan_years(programme.regency)
    if reported_on > timezone.localdate() or reported_on.year < years.start:
        raise ProgrammeInputError("Tanggal laporan harus di masa rencana dan tidak di masa depan.")
    note = (note or "").strip()
    if not note or len(note) > 2000 or "\x00" in note:
        raise ProgrammeInputError("Uraian kemajuan wajib diisi (paling panjang 2.000 karakter).")
    if evidence is None:
        raise ProgrammeInputError("Laporan kemajuan wajib disertai berkas bukti.")
    stored, content_type = evidence_save(
        evidence, regency_code=programme.regency.code, kind="progress"
    )
    with transaction.atomic():
        locked = Programme.objects.select_for_update().get(pk=programme.pk)
        _check_move(locked, status)  # again under the lock: a concurrent report may have moved it
        before = snapshot(locked, ["status", "progress_pct"])
        update = ProgressUpdate.objects.create(
            regency=locked.regency,
            programme=locked,
            reported_on=reported_on,
            progress_pct=progress_pct,
            status=status,
            note=note,
            evidence_name=stored,
            evidence_type=content_type,
            created_by=actor,
        )
        latest = ProgressUpdate.objects.filter(programme=locked).order_by("-reported_on", "-id")[0]
        if latest.pk == update.pk:  # an older back-dated report does not roll back
            locked.progress_pct = progress_pct
            locked.status = status
            locked.save(update_fields=["progress_pct", "status", "updated_at"])
        audit_record(
            regency=locked.regency,
            actor=actor,
            action="programme.progress.report",
            obj=locked,
            before=before,
            after={**snapshot(locked, ["status", "progress_pct"]), "update": update.pk},
        )
    return update


def programme_budget_set(
    *, programme: Programme, year: int, planned: int, realised: int, actor: User
) -> ProgrammeBudget:
    years = plan_years(programme.regency)
    if year not in years:
        raise ProgrammeInputError(f"Tahun anggaran harus {years.start}–{years.stop - 1}.")
    for amount in (planned, realised):
        if not 0 <= amount <= MAX_RUPIAH:
            raise ProgrammeInputError("Nilai anggaran harus rupiah bulat, tidak negatif.")
    with transaction.atomic():
        budget = ProgrammeBudget.objects.filter(programme=programme, year=year).first()
        before = snapshot(budget, ["year", "planned", "realised"]) if budget else None
        if budget is None:
            budget = ProgrammeBudget(regency=programme.regency, programme=programme, year=year)
        budget.planned, budget.realised = planned, realised
        budget.save()
        audit_record(
            regency=programme.regency,
            actor=actor,
            action="programme.budget.set",
            obj=budget,
            before=before,
            after=snapshot(budget, ["year", "planned", "realised"]),
        )
    return budget


def masterplan_document_add(
    *,
    regency: Regency,
    book: int,
    title: str,
    public_summary: str,
    issued_on: date | None,
    file: UploadedFile | None,
    actor: User,
) -> MasterplanDocument:
    """A new version of Buku 1–4: the file goes to private storage, the summary is
    what the public sees. Earlier versions stay."""
    if book not in Book.values:
        raise ProgrammeInputError("Buku harus 1, 2, 3 atau 4.")
    title, public_summary = (title or "").strip(), (public_summary or "").strip()
    if not title or len(title) > 200 or "\x00" in title:
        raise ProgrammeInputError("Judul wajib diisi (paling panjang 200 karakter).")
    if len(public_summary) > 2000 or "\x00" in public_summary:
        raise ProgrammeInputError("Ringkasan publik paling panjang 2.000 karakter.")
    if issued_on is not None and issued_on > timezone.localdate():
        raise ProgrammeInputError("Tanggal terbit tidak boleh di masa depan.")
    if file is None:
        raise ProgrammeInputError("Berkas dokumen wajib diunggah.")
    stored, _type = evidence_save(file, regency_code=regency.code, kind="masterplan")
    with transaction.atomic():
        last = (
            MasterplanDocument.objects.select_for_update()
            .filter(regency=regency, book=book)
            .order_by("-version")
            .first()
        )
        document = MasterplanDocument.objects.create(
            regency=regency,
            book=book,
            version=(last.version + 1) if last else 1,
            title=title,
            public_summary=public_summary,
            file_name=stored,
            issued_on=issued_on,
            uploaded_by=actor,
        )
        audit_record(
            regency=regency,
            actor=actor,
            action="programme.masterplan.add",
            obj=document,
            after=snapshot(document, ["book", "version", "title", "issued_on"]),
        )
    return document
