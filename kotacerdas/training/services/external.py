"""External certificates (e.g. Digital Talent Scholarship): uploaded by the ASN,
verified or rejected by BKPSDM; only a verified one books JP."""

from __future__ import annotations

import secrets
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, Storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from kotacerdas.core.models import User
from kotacerdas.core.services.audit import audit_record
from kotacerdas.training.models import (
    Asn,
    ExternalCertificate,
    ExternalStatus,
    JpEntry,
    JpSource,
)
from kotacerdas.training.workflow import TrainingRefused

MAX_BYTES = 5 * 1024 * 1024
SIGNATURES = {
    b"%PDF-": "application/pdf",
    b"\xff\xd8\xff": "image/jpeg",
    b"\x89PNG\r\n\x1a\n": "image/png",
}
EXTENSIONS = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}


def certificate_storage() -> Storage:
    root = getattr(settings, "KOTACERDAS_PRIVATE_MEDIA_ROOT", "") or str(
        Path(settings.MEDIA_ROOT).with_name(Path(settings.MEDIA_ROOT).name + "-private")
    )
    return FileSystemStorage(location=str(Path(root) / "sertifikat-eksternal"))


def _text(label: str, value: str, limit: int) -> str:
    value = (value or "").strip()
    if not value:
        raise TrainingRefused(f"{label} wajib diisi.")
    if "\x00" in value or len(value) > limit:
        raise TrainingRefused(f"{label} tidak sah atau lebih dari {limit} karakter.")
    return value


def _jp(value: str) -> int:
    text = (value or "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 3 or not 1 <= int(text) <= 200:
        raise TrainingRefused("JP harus bilangan bulat 1–200.")
    return int(text)


def external_submit(
    *,
    asn: Asn,
    title: str,
    provider: str,
    jp: str,
    completed_on: date,
    upload: UploadedFile,
    actor: User,
    today: date,
) -> ExternalCertificate:
    if completed_on > today:
        raise TrainingRefused("Tanggal selesai tidak boleh di masa depan.")
    if completed_on < date(today.year - 5, 1, 1):
        raise TrainingRefused("Tanggal selesai terlalu lampau (lebih dari lima tahun).")
    clean = (_text("Nama pelatihan", title, 160), _text("Penyelenggara", provider, 120), _jp(jp))
    if upload.size is not None and upload.size > MAX_BYTES:
        raise TrainingRefused("Berkas sertifikat terlalu besar (maksimal 5 MB).")
    upload.seek(0)
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise TrainingRefused("Berkas sertifikat terlalu besar (maksimal 5 MB).")
    content_type = next((t for sig, t in SIGNATURES.items() if data.startswith(sig)), None)
    if content_type is None:
        raise TrainingRefused("Berkas sertifikat harus PDF, JPEG atau PNG.")
    name = f"{asn.regency_id}/{asn.pk}-{secrets.token_hex(8)}.{EXTENSIONS[content_type]}"
    stored = certificate_storage().save(name, ContentFile(data))
    with transaction.atomic():
        item = ExternalCertificate.objects.create(
            regency=asn.regency,
            asn=asn,
            title=clean[0],
            provider=clean[1],
            jp=clean[2],
            completed_on=completed_on,
            file_name=stored,
            content_type=content_type,
        )
        audit_record(
            regency=asn.regency,
            actor=actor,
            action="training.external.submit",
            obj=item,
            after={"jp": item.jp, "completed_on": completed_on.isoformat(), "type": content_type},
        )
    return item


def external_review(
    *, item: ExternalCertificate, accept: bool, note: str, actor: User
) -> ExternalCertificate:
    note = (note or "").strip()[:300]
    if not accept and not note:
        raise TrainingRefused("Tuliskan alasan penolakan.")
    with transaction.atomic():
        locked = ExternalCertificate.objects.select_for_update().get(pk=item.pk)
        if locked.status != ExternalStatus.PENDING:
            raise TrainingRefused("Sertifikat ini sudah diperiksa.")
        locked.status = ExternalStatus.VERIFIED if accept else ExternalStatus.REJECTED
        locked.reviewed_by = actor
        locked.reviewed_at = timezone.now()
        locked.review_note = note
        locked.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_note"])
        if accept:
            JpEntry.objects.create(
                regency=locked.regency,
                asn_id=locked.asn_id,
                source=JpSource.EXTERNAL,
                external=locked,
                jp=locked.jp,
                earned_on=locked.completed_on,
                title=locked.title,
            )
        audit_record(
            regency=locked.regency,
            actor=actor,
            action="training.external.review",
            obj=locked,
            after={"status": locked.status, "note": note},
        )
    return locked
