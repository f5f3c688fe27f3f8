"""Evidence files: recognised by their first bytes (never by name or declared type),
limited in size and kept in private storage that no web server serves; staff and the
innovator read them through a checked view."""

from __future__ import annotations

import hashlib
import secrets
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, Storage
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone

from kotacerdas.core.models import Regency, User
from kotacerdas.innovation.models import EvidenceFile, Innovation

MAX_BYTES = 10 * 1024 * 1024
# (magic prefix, content type, extension). Office files are ZIP containers and are not
# accepted: a ZIP may hold anything.
SIGNATURES: list[tuple[bytes, str, str]] = [
    (b"%PDF-", "application/pdf", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
]


class EvidenceRejected(ValueError):
    """The upload is not acceptable evidence; the message is shown to the person."""


def private_storage() -> Storage:
    root = getattr(settings, "KOTACERDAS_PRIVATE_MEDIA_ROOT", "") or (
        str(Path(settings.MEDIA_ROOT).with_name(Path(settings.MEDIA_ROOT).name + "-private"))
    )
    return FileSystemStorage(location=root)


def evidence_kind(data: bytes) -> tuple[str, str]:
    for magic, content_type, ext in SIGNATURES:
        if data.startswith(magic):
            return content_type, ext
    raise EvidenceRejected("Bukti harus berupa berkas PDF, JPEG atau PNG.")


def evidence_store(
    *, regency: Regency, upload: UploadedFile, innovation: Innovation | None, actor: User | None
) -> EvidenceFile:
    """Check and save one file; call inside the caller's transaction."""
    limit = MAX_BYTES
    message = f"Berkas bukti terlalu besar (maksimal {limit // (1024 * 1024)} MB)."
    if upload.size is not None and upload.size > limit:
        raise EvidenceRejected(message)
    upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise EvidenceRejected(message)
    if not data:
        raise EvidenceRejected("Berkas bukti kosong.")
    content_type, ext = evidence_kind(data)
    name = private_storage().save(
        f"innovation/{timezone.now():%Y/%m}/{secrets.token_hex(12)}.{ext}", ContentFile(data)
    )
    original = "".join(ch for ch in (upload.name or "bukti") if ch.isprintable())[-150:]
    return EvidenceFile.objects.create(
        regency=regency,
        innovation=innovation,
        storage_name=name,
        original_name=original or f"bukti.{ext}",
        content_type=content_type,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        uploaded_by=actor,
    )
