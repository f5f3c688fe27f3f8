"""Photo uploads: checked by opening them with Pillow (never trusting the name or the
declared type), limited in size, and re-encoded for the public copy so EXIF data (GPS
position, camera serial, time) never leaves the building. The original is kept in a
private storage that only staff can read through the back office."""

from __future__ import annotations

import io
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, Storage, default_storage
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from PIL import Image, ImageOps, UnidentifiedImageError

ACCEPTED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
MAX_PIXELS = 40_000_000
PUBLIC_MAX_SIDE = 1600


class PhotoRejected(ValueError):
    """The upload is not an acceptable photo; the message is shown to the person."""


@dataclass(frozen=True)
class StoredPhoto:
    public_name: str
    original_name: str
    content_type: str
    width: int
    height: int


def max_upload_bytes() -> int:
    return int(getattr(settings, "KOTACERDAS_UPLOAD_MAX_BYTES", 5 * 1024 * 1024))


def private_storage() -> Storage:
    """Originals live outside MEDIA_ROOT so no web server ever serves them directly."""
    root = getattr(settings, "KOTACERDAS_PRIVATE_MEDIA_ROOT", "") or (
        str(Path(settings.MEDIA_ROOT).with_name(Path(settings.MEDIA_ROOT).name + "-private"))
    )
    return FileSystemStorage(location=root)


def _read(upload: UploadedFile) -> bytes:
    limit = max_upload_bytes()
    if upload.size is not None and upload.size > limit:
        raise PhotoRejected(f"Foto terlalu besar (maksimal {limit // (1024 * 1024)} MB).")
    upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise PhotoRejected(f"Foto terlalu besar (maksimal {limit // (1024 * 1024)} MB).")
    return data


def photo_public_copy(data: bytes) -> tuple[bytes, str, int, int]:
    """Returns (public JPEG bytes without any metadata, original format ext, w, h)."""
    try:
        with Image.open(io.BytesIO(data)) as probe:
            fmt = probe.format or ""
            probe.verify()
        if fmt not in ACCEPTED_FORMATS:
            raise PhotoRejected("Foto harus berformat JPEG, PNG atau WebP.")
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_PIXELS:
                raise PhotoRejected("Resolusi foto terlalu besar.")
            image.load()
            upright = ImageOps.exif_transpose(image)
            rgb = upright.convert("RGB")
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise PhotoRejected("Berkas ini bukan foto JPEG, PNG atau WebP yang sah.") from exc
    rgb.thumbnail((PUBLIC_MAX_SIDE, PUBLIC_MAX_SIDE))
    out = io.BytesIO()
    # A fresh image carries no EXIF, ICC or XMP unless passed explicitly.
    rgb.save(out, format="JPEG", quality=82, optimize=True)
    return out.getvalue(), ACCEPTED_FORMATS[fmt], rgb.width, rgb.height


def photo_store(upload: UploadedFile) -> StoredPhoto:
    data = _read(upload)
    public, ext, width, height = photo_public_copy(data)
    stem = f"services/{timezone.now():%Y/%m}/{secrets.token_hex(12)}"
    public_name = default_storage.save(f"{stem}.jpg", ContentFile(public))
    original_name = private_storage().save(f"{stem}.{ext}", ContentFile(data))
    return StoredPhoto(
        public_name=public_name,
        original_name=original_name,
        content_type="image/jpeg",
        width=width,
        height=height,
    )
