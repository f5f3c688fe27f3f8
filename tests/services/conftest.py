from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from kotacerdas.core.models import OPD, Regency, Role
from kotacerdas.services.models import Channel, Service, ServiceRequest
from kotacerdas.services.seed import seed_catalogue
from kotacerdas.services.services.apikeys import apikey_create
from kotacerdas.services.services.requests import request_submit


def jpeg(colour: tuple[int, int, int] = (200, 30, 30), size: tuple[int, int] = (40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="JPEG")
    return buffer.getvalue()


def upload(data: bytes | None = None, name: str = "foto.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data if data is not None else jpeg(), content_type="image/jpeg")


@pytest.fixture
def catalogue(regency: Regency) -> dict[str, Service]:
    seed_catalogue(regency)
    return {s.code: s for s in Service.objects.filter(regency=regency)}


@pytest.fixture
def officer_pupr(make_user, regency):  # type: ignore[no-untyped-def]
    return make_user(Role.OFFICER, opd=OPD.objects.get(regency=regency, code="pupr"))


@pytest.fixture
def officer_dishub(make_user, regency):  # type: ignore[no-untyped-def]
    return make_user(Role.OFFICER, opd=OPD.objects.get(regency=regency, code="dishub"))


@pytest.fixture
def admin_user(make_user):  # type: ignore[no-untyped-def]
    return make_user(Role.ADMIN)


@pytest.fixture
def api_key(regency: Regency) -> str:
    return apikey_create(regency=regency, name="Aplikasi Uji", actor=None)[1]


@pytest.fixture
def pothole(regency: Regency, catalogue: dict[str, Service]) -> ServiceRequest:
    return request_submit(
        regency=regency,
        service=catalogue["jalan-rusak"],
        channel=Channel.WEB,
        description="Lubang besar di Jl. Kembali",
        lat="-2.539000",
        lon="112.953000",
        address="Jl. Kembali, Sampit",
        attributes={"tingkat": ["berat"]},
        photos=[upload()],
        reporter_name="Budi Santoso",
        reporter_email="budi@contoh.id",
        reporter_phone="+6281234567890",
    )
