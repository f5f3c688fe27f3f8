from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from kotacerdas.services.services.photos import PhotoRejected, photo_store, private_storage
from tests.services.conftest import jpeg, upload

GPS_IFD = 0x8825


def _jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (120, 80), (10, 120, 40))
    exif = Image.Exif()
    exif[0x010F] = "KameraUji"  # Make
    exif[GPS_IFD] = {1: "S", 2: (2.0, 32.0, 0.0), 3: "E", 4: (112.0, 57.0, 0.0)}
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


def test_gps_exif_is_stripped_from_the_public_copy_and_kept_in_the_original() -> None:
    data = _jpeg_with_gps()
    with Image.open(io.BytesIO(data)) as original:
        assert original.getexif().get_ifd(GPS_IFD)  # the fixture really has GPS data
    stored = photo_store(upload(data))
    with default_storage.open(stored.public_name, "rb") as fh:
        public = fh.read()
    with Image.open(io.BytesIO(public)) as copy:
        assert copy.format == "JPEG"
        assert len(copy.getexif()) == 0
        assert "exif" not in copy.info
    assert b"KameraUji" not in public
    with private_storage().open(stored.original_name, "rb") as fh:
        assert fh.read() == data
    # The original is not under MEDIA_ROOT, so no public URL can reach it.
    original_path = Path(private_storage().path(stored.original_name)).resolve()
    assert not original_path.is_relative_to(Path(settings.MEDIA_ROOT).resolve())


def test_png_and_webp_are_accepted() -> None:
    for fmt in ("PNG", "WEBP"):
        buffer = io.BytesIO()
        Image.new("RGBA", (30, 30), (1, 2, 3, 128)).save(buffer, format=fmt)
        stored = photo_store(SimpleUploadedFile(f"a.{fmt.lower()}", buffer.getvalue()))
        assert stored.public_name.endswith(".jpg")
        assert stored.original_name.endswith("." + fmt.lower().replace("jpeg", "jpg"))


def test_text_renamed_to_jpg_is_rejected() -> None:
    with pytest.raises(PhotoRejected):
        photo_store(SimpleUploadedFile("foto.jpg", b"bukan gambar, hanya teks", "image/jpeg"))


def test_gif_is_rejected_even_though_pillow_reads_it() -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, format="GIF")
    with pytest.raises(PhotoRejected, match="JPEG, PNG atau WebP"):
        photo_store(SimpleUploadedFile("foto.jpg", buffer.getvalue()))


def test_over_the_limit_is_rejected(settings) -> None:  # type: ignore[no-untyped-def]
    data = jpeg(size=(400, 400))
    settings.KOTACERDAS_UPLOAD_MAX_BYTES = len(data) - 1
    with pytest.raises(PhotoRejected, match="terlalu besar"):
        photo_store(upload(data))
    settings.KOTACERDAS_UPLOAD_MAX_BYTES = len(data)
    assert photo_store(upload(data)).width == 400


def test_truncated_jpeg_is_rejected() -> None:
    with pytest.raises(PhotoRejected):
        photo_store(upload(jpeg()[:60]))
