"""Evidence files (progress evidence, manual KPI values, self-assessment, Kominfo
letters, masterplan books, commitment scans): checked for type and size, stored in the
private storage (never served directly; staff download through an access-checked
view)."""

from __future__ import annotations

import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage
from django.core.files.uploadedfile import UploadedFile

from kotacerdas.programme.errors import ProgrammeInputError

# Extension → content types browsers send for it, plus the file's first bytes.
ALLOWED: dict[str, tuple[frozenset[str], bytes]] = {
    ".pdf": (frozenset({"application/pdf"}), b"%PDF-"),
    ".jpg": (frozenset({"image/jpeg"}), b"\xff\xd8\xff"),
    ".jpeg": (frozenset({"image/jpeg"}), b"\xff\xd8\xff"),
    ".png": (frozenset({"image/png"}), b"\x89PNG\r\n\x1a\n"),
}
MAX_EVIDENCE_BYTES = 10 * 1024 * 1024


def private_storage() -> Storage:
    root = getattr(settings, "KOTACERDAS_PRIVATE_MEDIA_ROOT", "") or str(
        Path(settings.MEDIA_ROOT).with_name(Path(settings.MEDIA_ROOT).name + "-private")
    )
    return FileSystemStorage(location=str(Path(root) / "programme"))


def evidence_check(upload: UploadedFile) -> tuple[str, bytes]:
    """Returns (extension, content) or raises with a clear Indonesian message."""
    suffix = Path(upload.name or "").suffix.lower()
    if suffix not in ALLOWED:
        raise ProgrammeInputError("Bukti harus berupa berkas PDF, JPG atau PNG.")
    if upload.size is not None and upload.size > MAX_EVIDENCE_BYTES:
        raise ProgrammeInputError("Berkas bukti terlalu besar (maksimal 10 MB).")
    types, magic = ALLOWED[suffix]
    content_type = (upload.content_type or "").split(";")[0].strip().lower()
    if content_type and content_type not in types and content_type != "application/octet-stream":
        raise ProgrammeInputError("Jenis berkas bukti tidak sesuai dengan isinya.")
    upload.seek(0)
    content = upload.read(MAX_EVIDENCE_BYTES + 1)
    if len(content) > MAX_EVIDENCE_BYTES:
        raise ProgrammeInputError("Berkas bukti terlalu besar (maksimal 10 MB).")
    if not content.startswith(magic):
        raise ProgrammeInputError("Isi berkas bukti bukan PDF, JPG atau PNG yang sah.")
    return suffix, content


def evidence_save(upload: UploadedFile, *, regency_code: str, kind: str) -> tuple[str, str]:
    """Stores a checked file under a random name; returns (stored name, content type)."""
    from django.core.files.base import ContentFile

    suffix, content = evidence_check(upload)
    name = f"{regency_code}/{kind}/{uuid.uuid4().hex}{suffix}"
    stored = private_storage().save(name, ContentFile(content))
    content_type = next(iter(ALLOWED[suffix][0]))
    return stored, content_type
