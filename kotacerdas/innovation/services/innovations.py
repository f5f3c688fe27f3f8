"""Proposing, revising, reviewing and advancing innovations. The innovator proposes and
fixes; Bapperida reviews against the PP 38/2017 criteria; stages move forward with dates
that respect the submission and each other."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from kotacerdas.core.models import OPD, Kecamatan, Regency, User
from kotacerdas.core.services.audit import audit_record, snapshot
from kotacerdas.core.timeutil import WIB
from kotacerdas.innovation.elements import ELEMENTS
from kotacerdas.innovation.models import (
    Criterion,
    EventKind,
    Form,
    Initiator,
    Innovation,
    InnovationEvent,
    ReviewStatus,
    Stage,
)
from kotacerdas.innovation.services import cleaning as c
from kotacerdas.innovation.services.evidence import evidence_store
from kotacerdas.innovation.workflow import STAGE_NEXT, Actor, transition_check

Invalid = c.Invalid
MAX_FILES = 5
AUDIT_FIELDS = ["title", "status", "stage", "owner_opd", "trial_started_on", "implemented_on"]


@dataclass
class Draft:
    """A checked proposal, ready to save."""

    title: str
    problem: str
    solution: str
    form: str
    is_digital: bool
    initiator_type: str
    urusan: str
    credit_name: str
    location: str
    kecamatan: Kecamatan | None
    lat: Decimal | None
    lon: Decimal | None
    elements: list[str]
    programme_refs: list[str]
    partner_agreement_number: str
    video_url: str
    repository_url: str
    criteria_claimed: list[str] = field(default_factory=list)


def draft_from_data(
    *, regency: Regency, data: Mapping[str, Any], lists: Mapping[str, list[str]]
) -> Draft:
    """Check a submitted form; ``lists`` carries the multi-value fields."""
    e: dict[str, str] = {}
    form = str(data.get("form", ""))
    if form not in Form.values:
        e["form"] = "Pilih bentuk inovasi."
    initiator = str(data.get("initiator_type", ""))
    if initiator not in Initiator.values:
        e["initiator_type"] = "Pilih inisiator."
    digital = str(data.get("is_digital", ""))
    if digital not in ("1", "0"):
        e["is_digital"] = "Pilih digital atau non-digital."
    elements = [v for v in lists.get("elements", []) if v]
    if any(v not in ELEMENTS for v in elements) or len(elements) > len(ELEMENTS):
        e["elements"] = "Elemen smart city tidak dikenal."
    criteria = [v for v in lists.get("criteria", []) if v]
    if any(v not in Criterion.values for v in criteria):
        e["criteria"] = "Kriteria tidak dikenal."
    kec_raw = str(data.get("kecamatan", "") or "")
    kecamatan = None
    if kec_raw:
        kecamatan = (
            Kecamatan.objects.filter(regency=regency, pk=int(kec_raw)).first()
            if kec_raw.isascii() and kec_raw.isdigit() and len(kec_raw) < 10
            else None
        )
        if kecamatan is None:
            e["kecamatan"] = "Kecamatan tidak dikenal."
    draft = Draft(
        title=c.text(data.get("title"), "title", "Judul", e, 160),
        problem=c.text(data.get("problem"), "problem", "Masalah", e, 4000),
        solution=c.text(data.get("solution"), "solution", "Solusi", e, 4000),
        form=form,
        is_digital=digital == "1",
        initiator_type=initiator,
        urusan=c.text(data.get("urusan"), "urusan", "Urusan pemerintahan", e, 120),
        credit_name=c.text(data.get("credit_name"), "credit_name", "Nama penggagas", e, 160),
        location=c.text(data.get("location"), "location", "Lokasi", e, 200, required=False),
        kecamatan=kecamatan,
        lat=c.decimal(data.get("lat"), "lat", "Lintang", e, 90),
        lon=c.decimal(data.get("lon"), "lon", "Bujur", e, 180),
        elements=list(dict.fromkeys(elements)),
        programme_refs=c.refs(
            str(data.get("programme_refs", "")).replace(",", " ").split(),
            "programme_refs",
            "Rujukan program",
            e,
        ),
        partner_agreement_number=c.text(
            data.get("partner_agreement_number"),
            "partner_agreement_number",
            "Nomor MoU",
            e,
            80,
            False,
        ),
        video_url=c.url(data.get("video_url"), "video_url", "Tautan video", e),
        repository_url=c.url(data.get("repository_url"), "repository_url", "Tautan repositori", e),
        criteria_claimed=list(dict.fromkeys(criteria)),
    )
    if e:
        raise Invalid(e)
    return draft


def _unique_slug(regency: Regency, title: str) -> str:
    base = slugify(title)[:60].strip("-") or "inovasi"
    slug, n = base, 2
    while Innovation.objects.filter(regency=regency, slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _attach(innovation: Innovation, files: Sequence[UploadedFile], actor: User | None) -> None:
    if len(files) + innovation.files.count() > MAX_FILES:
        raise Invalid({"files": f"Maksimal {MAX_FILES} berkas bukti per inovasi."})
    for upload in files:
        evidence_store(
            regency=innovation.regency, upload=upload, innovation=innovation, actor=actor
        )


def _event(
    innovation: Innovation,
    kind: EventKind,
    actor: User | None,
    *,
    frm: str = "",
    to: str = "",
    note: str = "",
    public: bool = False,
    on: date | None = None,
) -> None:
    InnovationEvent.objects.create(
        regency=innovation.regency,
        innovation=innovation,
        kind=kind,
        from_value=frm,
        to_value=to,
        note=note,
        public=public,
        actor=actor,
        happened_on=on or timezone.now().astimezone(WIB).date(),
    )


def _apply(innovation: Innovation, draft: Draft) -> None:
    for name, value in vars(draft).items():
        setattr(innovation, name, value)


def innovation_submit(
    *,
    regency: Regency,
    draft: Draft,
    actor: User,
    files: Sequence[UploadedFile] = (),
    owner_opd: OPD | None = None,
) -> Innovation:
    with transaction.atomic():
        innovation = Innovation(
            regency=regency,
            slug=_unique_slug(regency, draft.title),
            innovator=actor,
            owner_opd=owner_opd,
            submitted_at=timezone.now(),
        )
        _apply(innovation, draft)
        innovation.save()
        _attach(innovation, files, actor)
        _event(innovation, EventKind.STATUS, actor, to=ReviewStatus.DIAJUKAN, public=True)
        audit_record(
            regency=regency,
            actor=actor,
            action="innovation.submit",
            obj=innovation,
            after=snapshot(innovation, AUDIT_FIELDS),
        )
    return innovation


def innovation_revise(
    *, innovation: Innovation, draft: Draft, actor: User, files: Sequence[UploadedFile] = ()
) -> Innovation:
    """The innovator fixes a proposal sent back for revision and submits it again."""
    with transaction.atomic():
        locked = Innovation.objects.select_for_update().get(pk=innovation.pk)
        if locked.innovator_id != actor.pk:
            raise Invalid({"status": "Hanya pengusul yang dapat memperbaiki usulan ini."})
        transition_check(locked.status, ReviewStatus.DIAJUKAN, Actor.INNOVATOR)
        before = snapshot(locked, AUDIT_FIELDS)
        _apply(locked, draft)
        locked.status = ReviewStatus.DIAJUKAN
        locked.save()
        _attach(locked, files, actor)
        _event(
            locked, EventKind.STATUS, actor, frm=ReviewStatus.PERLU_REVISI, to=ReviewStatus.DIAJUKAN
        )
        audit_record(
            regency=locked.regency,
            actor=actor,
            action="innovation.revise",
            obj=locked,
            before=before,
            after=snapshot(locked, AUDIT_FIELDS),
        )
    return locked


def innovation_review(
    *,
    innovation: Innovation,
    target: str,
    note: str,
    criteria: Sequence[str],
    actor: User,
    owner_opd: OPD | None = None,
) -> Innovation:
    """A reviewer's decision. Accepting needs all five criteria confirmed and an owner
    OPD; sending back or rejecting needs a note the innovator can act on."""
    errors: dict[str, str] = {}
    note = c.text(note, "note", "Catatan", errors, 2000, required=target != ReviewStatus.DITERIMA)
    confirmed = [v for v in dict.fromkeys(criteria) if v in Criterion.values]
    if target == ReviewStatus.DITERIMA:
        if set(confirmed) != set(Criterion.values):
            errors["criteria"] = "Semua kriteria PP 38/2017 pasal 6 harus dikonfirmasi."
        if owner_opd is None and innovation.owner_opd is None:
            errors["owner_opd"] = "Pilih OPD pemilik inovasi."
    if errors:
        raise Invalid(errors)
    with transaction.atomic():
        locked = Innovation.objects.select_for_update().get(pk=innovation.pk)
        transition_check(locked.status, target, Actor.REVIEWER)
        before = snapshot(locked, AUDIT_FIELDS)
        previous = locked.status
        locked.status = target
        locked.criteria_confirmed = confirmed
        if owner_opd is not None:
            locked.owner_opd = owner_opd
        if target in (ReviewStatus.DITERIMA, ReviewStatus.DITOLAK):
            locked.decided_at = timezone.now()
        locked.save()
        _event(
            locked,
            EventKind.STATUS,
            actor,
            frm=previous,
            to=target,
            note=note,
            public=target == ReviewStatus.DITERIMA,
        )
        audit_record(
            regency=locked.regency,
            actor=actor,
            action=f"innovation.review.{target}",
            obj=locked,
            before=before,
            after=snapshot(locked, AUDIT_FIELDS),
        )
    return locked


def innovation_stage_advance(*, innovation: Innovation, on: date | None, actor: User) -> Innovation:
    """Move to the next stage, dated. The date may not precede the submission, the trial
    may not start after the implementation, and no date lies in the future."""
    today = timezone.now().astimezone(WIB).date()
    with transaction.atomic():
        locked = Innovation.objects.select_for_update().get(pk=innovation.pk)
        if locked.status != ReviewStatus.DITERIMA:
            raise Invalid({"stage": "Tahap hanya dapat dinaikkan setelah inovasi diterima."})
        target = STAGE_NEXT.get(Stage(locked.stage))
        if target is None:
            raise Invalid({"stage": "Inovasi sudah pada tahap penerapan."})
        if on is None:
            raise Invalid({"on": "Tanggal mulai tahap wajib diisi."})
        submitted = locked.submitted_at.astimezone(WIB).date()
        if on < submitted:
            raise Invalid(
                {
                    "on": "Tanggal tahap tidak boleh sebelum tanggal pengajuan "
                    f"({submitted:%d-%m-%Y})."
                }
            )
        if on > today:
            raise Invalid({"on": "Tanggal tahap tidak boleh di masa depan."})
        if target == Stage.PENERAPAN and locked.trial_started_on and on < locked.trial_started_on:
            raise Invalid(
                {
                    "on": "Uji coba tidak boleh dimulai setelah penerapan: tanggal penerapan "
                    f"harus pada atau setelah {locked.trial_started_on:%d-%m-%Y}."
                }
            )
        before = snapshot(locked, AUDIT_FIELDS)
        previous = locked.stage
        locked.stage = target
        if target == Stage.UJI_COBA:
            locked.trial_started_on = on
        else:
            locked.implemented_on = on
        locked.save()
        _event(locked, EventKind.STAGE, actor, frm=previous, to=target, public=True, on=on)
        audit_record(
            regency=locked.regency,
            actor=actor,
            action="innovation.stage",
            obj=locked,
            before=before,
            after=snapshot(locked, AUDIT_FIELDS),
        )
    return locked
