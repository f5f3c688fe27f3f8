"""Shared builders for the innovation tests and the access matrix."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from kotacerdas.core.models import OPD, Regency, Role, User
from kotacerdas.innovation.models import Criterion, Innovation, ReviewStatus
from kotacerdas.innovation.services.innovations import (
    draft_from_data,
    innovation_review,
    innovation_submit,
)
from tests.factories import user_with

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name: str = "bukti.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def form_data(**over: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": "Lapak UMKM daring Baamang",
        "problem": "Pelaku UMKM sulit menjangkau pembeli di luar pasar.",
        "solution": "Katalog daring per kelurahan dengan pembayaran QRIS.",
        "form": "pelayanan",
        "is_digital": "1",
        "initiator_type": "masyarakat",
        "urusan": "Koperasi dan UMKM",
        "credit_name": "Rina, warga Baamang",
        "location": "Baamang Tengah",
        "lat": "-2.5167",
        "lon": "112.9289",
        "programme_refs": "QW-SE-01",
        "video_url": "https://example.org/video",
    }
    data.update(over)
    return data


def bapperida(regency: Regency) -> User:
    return user_with(Role.OFFICER, opd=OPD.objects.get(regency=regency, code="bapperida"))


def submitted(regency: Regency, innovator: User | None = None, **over: Any) -> Innovation:
    innovator = innovator or user_with(Role.WARGA)
    draft = draft_from_data(
        regency=regency,
        data=form_data(**over),
        lists={"elements": ["SE-WE"], "criteria": list(Criterion.values)},
    )
    return innovation_submit(regency=regency, draft=draft, actor=innovator, files=[pdf()])


def accepted(regency: Regency, reviewer: User | None = None, **over: Any) -> Innovation:
    item = submitted(regency, **over)
    return innovation_review(
        innovation=item,
        target=ReviewStatus.DITERIMA,
        note="",
        criteria=list(Criterion.values),
        actor=reviewer or bapperida(regency),
        owner_opd=OPD.objects.get(regency=regency, code="diskominfo"),
    )


def katingan() -> Regency:
    """A second regency with its own Bapperida, to prove nothing leaks across."""
    from kotacerdas.core.models.regency import OPDKind

    regency, _ = Regency.objects.get_or_create(
        code="6206",
        defaults={
            "name": "Kabupaten Katingan",
            "capital": "Kasongan",
            "jurisdiction_id": "katingankab.go.id",
            "centre_lat": "-1.880000",
            "centre_lon": "113.400000",
        },
    )
    OPD.objects.get_or_create(
        regency=regency,
        code="bapperida",
        defaults={"short_name": "Bapperida", "name": "Bapperida Katingan", "kind": OPDKind.BADAN},
    )
    return regency
