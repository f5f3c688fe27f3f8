"""Recording the handover (penyerahan) of an innovation to the regency, and the
receiving OPD's adoption milestones. After the handover the receiving OPD owns the
innovation; the innovator's credit stays on the record."""

from __future__ import annotations

import secrets
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from kotacerdas.core.models import OPD, User
from kotacerdas.core.services.audit import audit_record, snapshot
from kotacerdas.core.timeutil import WIB
from kotacerdas.innovation.models import (
    AdoptionMilestone,
    EventKind,
    Handover,
    Innovation,
    Licence,
    ReviewStatus,
)
from kotacerdas.innovation.services import cleaning as c
from kotacerdas.innovation.services.evidence import evidence_store
from kotacerdas.innovation.services.innovations import Invalid, _event

MAX_MILESTONES = 12
FIELDS = ["bast_number", "handed_on", "place", "receiver_opd", "licence"]


def handover_record(
    *,
    innovation: Innovation,
    data: Mapping[str, Any],
    milestones: Sequence[tuple[str, str]],
    actor: User,
) -> Handover:
    """``milestones`` are (title, due date as TTTT-BB-HH) pairs; empty rows are skipped."""
    e: dict[str, str] = {}
    today = timezone.now().astimezone(WIB).date()
    handed_on = c.day(data.get("handed_on"), "handed_on", "Tanggal serah terima", e)
    if handed_on is None and "handed_on" not in e:
        e["handed_on"] = "Tanggal serah terima wajib diisi."
    elif handed_on is not None:
        if handed_on > today:
            e["handed_on"] = "Tanggal serah terima tidak boleh di masa depan."
        elif handed_on < innovation.submitted_at.astimezone(WIB).date():
            e["handed_on"] = "Tanggal serah terima tidak boleh sebelum tanggal pengajuan."
    opd_raw = str(data.get("receiver_opd", ""))
    receiver = (
        OPD.objects.filter(regency=innovation.regency, pk=int(opd_raw), is_active=True).first()
        if opd_raw.isascii() and opd_raw.isdigit() and len(opd_raw) < 10
        else None
    )
    if receiver is None:
        e["receiver_opd"] = "Pilih OPD penerima."
    licence = str(data.get("licence", ""))
    if licence not in Licence.values:
        e["licence"] = "Pilih jenis lisensi."
    flags = {k: str(data.get(k, "")) == "1" for k in ("source_code", "documents", "rights")}
    if not any(flags.values()):
        e["items"] = "Pilih sedikitnya satu hal yang diserahkan."
    fields = {
        "bast_number": c.text(data.get("bast_number"), "bast_number", "Nomor BAST", e, 80),
        "place": c.text(data.get("place"), "place", "Tempat", e, 160),
        "giver_name": c.text(
            data.get("giver_name"), "giver_name", "Pihak yang menyerahkan", e, 160
        ),
        "giver_role": c.text(data.get("giver_role"), "giver_role", "Kedudukan penyerah", e, 160),
        "receiver_name": c.text(data.get("receiver_name"), "receiver_name", "Penerima", e, 160),
        "receiver_role": c.text(
            data.get("receiver_role"), "receiver_role", "Jabatan penerima", e, 160
        ),
        "items": c.text(data.get("items"), "items_text", "Rincian yang diserahkan", e, 2000),
        "licence_terms": c.text(
            data.get("licence_terms"), "licence_terms", "Ketentuan lisensi", e, 2000
        ),
        "adoption_plan": c.text(
            data.get("adoption_plan"), "adoption_plan", "Rencana adopsi", e, 4000
        ),
    }
    plan: list[tuple[str, date]] = []
    for k, (title, due) in enumerate(milestones, start=1):
        if not title.strip() and not due.strip():
            continue
        t = c.text(title, f"milestone_{k}", f"Tonggak {k}", e, 200)
        d = c.day(due, f"milestone_{k}", f"Target tonggak {k}", e)
        if d is None and f"milestone_{k}" not in e:
            e[f"milestone_{k}"] = f"Target tonggak {k} wajib diisi."
        if t and d:
            plan.append((t, d))
    if len(plan) > MAX_MILESTONES:
        e["milestones"] = f"Maksimal {MAX_MILESTONES} tonggak."
    if not plan and not any(k.startswith("milestone") for k in e):
        e["milestones"] = "Rencana adopsi perlu sedikitnya satu tonggak."
    if innovation.status != ReviewStatus.DITERIMA:
        e["status"] = "Hanya inovasi yang sudah diterima yang dapat diserahkan."
    if e:
        raise Invalid(e)
    assert receiver is not None and handed_on is not None
    try:
        with transaction.atomic():
            locked = Innovation.objects.select_for_update().get(pk=innovation.pk)
            handover = Handover.objects.create(
                regency=locked.regency,
                innovation=locked,
                handed_on=handed_on,
                receiver_opd=receiver,
                licence=licence,
                includes_source_code=flags["source_code"],
                includes_documents=flags["documents"],
                includes_rights=flags["rights"],
                verify_code=secrets.token_urlsafe(12),
                recorded_by=actor,
                **fields,
            )
            for step, due_on in plan:
                AdoptionMilestone.objects.create(
                    regency=locked.regency, handover=handover, title=step, due_on=due_on
                )
            previous_owner = locked.owner_opd
            locked.owner_opd = receiver
            locked.save(update_fields=["owner_opd", "updated_at"])
            _event(
                locked,
                EventKind.HANDOVER,
                actor,
                frm=previous_owner.code if previous_owner else "",
                to=receiver.code,
                note=f"Nomor {handover.bast_number}",
                public=True,
                on=handed_on,
            )
            audit_record(
                regency=locked.regency,
                actor=actor,
                action="innovation.handover",
                obj=handover,
                after=snapshot(handover, FIELDS),
            )
    except IntegrityError as exc:
        raise Invalid(
            {"bast_number": "Nomor BAST sudah dipakai, atau inovasi ini sudah diserahkan."}
        ) from exc
    return handover


def milestone_complete(
    *,
    milestone: AdoptionMilestone,
    done_on: str,
    note: str,
    upload: UploadedFile | None,
    actor: User,
) -> AdoptionMilestone:
    """The receiving OPD records that a milestone is reached, with evidence."""
    e: dict[str, str] = {}
    on = c.day(done_on, "done_on", "Tanggal tercapai", e)
    note = c.text(note, "note", "Catatan", e, 500, required=False)
    handover = milestone.handover
    if on is None and "done_on" not in e:
        e["done_on"] = "Tanggal tercapai wajib diisi."
    elif on is not None and (on < handover.handed_on or on > timezone.now().astimezone(WIB).date()):
        e["done_on"] = "Tanggal tercapai harus antara tanggal serah terima dan hari ini."
    if e:
        raise Invalid(e)
    with transaction.atomic():
        locked = AdoptionMilestone.objects.select_for_update().get(pk=milestone.pk)
        if locked.done_on is not None:
            raise Invalid({"done_on": "Tonggak ini sudah dicatat tercapai."})
        if upload is not None:
            locked.evidence = evidence_store(
                regency=locked.regency, upload=upload, innovation=handover.innovation, actor=actor
            )
        locked.done_on = on
        locked.note = note
        locked.save()
        _event(
            handover.innovation,
            EventKind.MILESTONE,
            actor,
            to="",
            note=locked.title,
            public=True,
            on=on,
        )
        audit_record(
            regency=locked.regency,
            actor=actor,
            action="innovation.milestone.done",
            obj=locked,
            after={"done_on": str(on), "title": locked.title},
        )
    return locked
