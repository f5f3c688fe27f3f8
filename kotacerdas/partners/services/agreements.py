"""Writes to partners, agreements and obligations: one transaction and one audit record
each. The scan of a signed agreement goes to private storage, never under MEDIA_ROOT."""

from __future__ import annotations

import secrets
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, Storage
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction

from kotacerdas.core.models import Regency, User
from kotacerdas.core.services.audit import audit_record, snapshot
from kotacerdas.partners.models import (
    Agreement,
    AgreementKind,
    Obligation,
    ObligationStatus,
    Partner,
)

SCAN_MAX_BYTES = 10 * 1024 * 1024
_AGREEMENT_FIELDS = [
    "partner",
    "parent",
    "kind",
    "number",
    "title",
    "parties",
    "signatories",
    "signed_on",
    "valid_until",
    "scope",
    "is_public",
    "is_illustrative",
]


class AgreementInvalid(ValueError):
    """The message is Indonesian and shown to the person."""


def scan_storage() -> Storage:
    root = getattr(settings, "KOTACERDAS_PRIVATE_MEDIA_ROOT", "") or str(
        Path(settings.MEDIA_ROOT).with_name(Path(settings.MEDIA_ROOT).name + "-private")
    )
    return FileSystemStorage(location=str(Path(root) / "perjanjian"))


def _clean_text(label: str, value: str, limit: int, *, required: bool = True) -> str:
    value = (value or "").strip()
    if "\x00" in value:
        raise AgreementInvalid(f"{label} berisi karakter yang tidak sah.")
    if required and not value:
        raise AgreementInvalid(f"{label} wajib diisi.")
    if len(value) > limit:
        raise AgreementInvalid(f"{label} terlalu panjang (maksimal {limit} karakter).")
    return value


def _check_dates(signed_on: date, valid_until: date) -> None:
    if not date(1990, 1, 1) <= signed_on <= date(2100, 12, 31):
        raise AgreementInvalid("Tanggal tanda tangan tidak masuk akal.")
    if valid_until < signed_on:
        raise AgreementInvalid("Masa berlaku tidak boleh berakhir sebelum tanggal tanda tangan.")
    if (valid_until - signed_on).days > 366 * 30:
        raise AgreementInvalid("Masa berlaku lebih dari 30 tahun; periksa tanggalnya.")


def agreement_create(
    *,
    regency: Regency,
    partner: Partner,
    kind: str,
    number: str,
    title: str,
    parties: str,
    signed_on: date,
    valid_until: date,
    scope: str,
    actor: User | None,
    signatories: str = "",
    parent: Agreement | None = None,
    is_public: bool = True,
    is_illustrative: bool = False,
    source_url: str = "",
) -> Agreement:
    if partner.regency_id != regency.pk or (parent is not None and parent.regency_id != regency.pk):
        raise AgreementInvalid("Mitra atau MoU induk bukan milik kabupaten ini.")
    if kind not in AgreementKind.values:
        raise AgreementInvalid("Jenis perjanjian harus MoU atau PKS.")
    _check_dates(signed_on, valid_until)
    agreement = Agreement(
        regency=regency,
        partner=partner,
        parent=parent,
        kind=kind,
        number=_clean_text("Nomor", number, 100),
        title=_clean_text("Judul", title, 200),
        parties=_clean_text("Para pihak", parties, 1000),
        signatories=_clean_text("Penanda tangan", signatories, 1000, required=False),
        signed_on=signed_on,
        valid_until=valid_until,
        scope=_clean_text("Ruang lingkup", scope, 4000),
        is_public=is_public,
        is_illustrative=is_illustrative,
        source_url=source_url[:200],
    )
    try:
        with transaction.atomic():
            agreement.save()
            audit_record(
                regency=regency,
                actor=actor,
                action="partners.agreement.create",
                obj=agreement,
                after=snapshot(agreement, _AGREEMENT_FIELDS),
            )
    except IntegrityError:
        raise AgreementInvalid("Nomor perjanjian itu sudah tercatat.") from None
    return agreement


def agreement_attach_scan(*, agreement: Agreement, upload: UploadedFile, actor: User) -> Agreement:
    """Accepts a PDF only (checked by its first bytes, not its name), up to 10 MB."""
    if upload.size is not None and upload.size > SCAN_MAX_BYTES:
        raise AgreementInvalid("Berkas pindaian terlalu besar (maksimal 10 MB).")
    upload.seek(0)
    data = upload.read(SCAN_MAX_BYTES + 1)
    if len(data) > SCAN_MAX_BYTES:
        raise AgreementInvalid("Berkas pindaian terlalu besar (maksimal 10 MB).")
    if not data.startswith(b"%PDF-"):
        raise AgreementInvalid("Pindaian harus berupa berkas PDF.")
    name = f"{agreement.regency_id}/{agreement.pk}-{secrets.token_hex(8)}.pdf"
    stored = scan_storage().save(name, ContentFile(data))
    with transaction.atomic():
        before = {"scan_name": agreement.scan_name}
        agreement.scan_name = stored
        agreement.save(update_fields=["scan_name"])
        audit_record(
            regency=agreement.regency,
            actor=actor,
            action="partners.agreement.scan",
            obj=agreement,
            before=before,
            after={"scan_name": stored, "bytes": len(data)},
        )
    return agreement


def obligation_add(
    *, agreement: Agreement, party: str, description: str, due_on: date, actor: User | None
) -> Obligation:
    if not date(1990, 1, 1) <= due_on <= date(2100, 12, 31):
        raise AgreementInvalid("Tenggat kewajiban tidak masuk akal.")
    with transaction.atomic():
        item = Obligation.objects.create(
            regency=agreement.regency,
            agreement=agreement,
            party=_clean_text("Pihak", party, 120),
            description=_clean_text("Kewajiban", description, 300),
            due_on=due_on,
        )
        audit_record(
            regency=agreement.regency,
            actor=actor,
            action="partners.obligation.add",
            obj=item,
            after=snapshot(item, ["agreement", "party", "description", "due_on", "status"]),
        )
    return item


def obligation_set_status(
    *, obligation: Obligation, status: str, evidence: str, actor: User
) -> Obligation:
    if status not in ObligationStatus.values:
        raise AgreementInvalid("Status kewajiban tidak dikenal.")
    evidence = _clean_text("Bukti", evidence, 300, required=status == ObligationStatus.DONE)
    with transaction.atomic():
        before = snapshot(obligation, ["status", "evidence"])
        obligation.status = status
        obligation.evidence = evidence
        obligation.save(update_fields=["status", "evidence", "updated_at"])
        audit_record(
            regency=obligation.regency,
            actor=actor,
            action="partners.obligation.status",
            obj=obligation,
            before=before,
            after=snapshot(obligation, ["status", "evidence"]),
        )
    return obligation


def partner_ensure(
    *,
    regency: Regency,
    code: str,
    name: str,
    short_name: str,
    kind: str,
    website: str = "",
    is_illustrative: bool = False,
    actor: User | None = None,
) -> Partner:
    """Creates the partner once (seed and admin use); an existing one is left as is."""
    existing = Partner.objects.filter(regency=regency, code=code).first()
    if existing is not None:
        return existing
    with transaction.atomic():
        partner = Partner.objects.create(
            regency=regency,
            code=code,
            name=name,
            short_name=short_name,
            kind=kind,
            website=website,
            is_illustrative=is_illustrative,
        )
        audit_record(
            regency=regency,
            actor=actor,
            action="partners.partner.create",
            obj=partner,
            after=snapshot(partner, ["code", "name", "kind", "is_illustrative"]),
        )
    return partner
