"""Who may reach each competency-development URL (merged by the role matrix test).

The matrix officer is a Dishub officer: an OPD head's stand-in. BKPSDM-only pages
therefore admit only administrators here; tests/training/test_pages.py checks a BKPSDM
officer separately."""

from __future__ import annotations

from typing import Any

from kotacerdas.core.models import Role
from tests.access import EVERYONE

OF, D, U = Role.OFFICER, Role.ADMIN, Role.AUDITOR
STAFF = {OF, D, U}


def _m(name: str) -> Any:
    from tests.training import matrix_data

    return getattr(matrix_data, name)()


def _asn() -> int:
    from tests.training.matrix_data import dishub_asn

    return dishub_asn().pk


def _batch() -> int:
    from tests.training.matrix_data import import_batch

    return import_batch().pk


PAGES: dict[str, tuple[Any, ...]] = {
    "training:asn-list": ("GET", "/asn/", STAFF),
    "training:asn-detail": ("GET", lambda: f"/asn/{_asn()}/", STAFF),
    "training:import-upload": ("GET", "/asn/impor/", {D}),
    "training:import-preview": ("GET", lambda: f"/asn/impor/{_batch()}/", {D}),
    "training:import-errors": ("GET", lambda: f"/asn/impor/{_batch()}/kesalahan.csv", {D}),
    "training:classes": ("GET", "/pelatihan/", {*STAFF, Role.DOSEN}),
    # A lecturer reaches only the classes they teach; the matrix lecturer teaches none.
    "training:class": ("GET", lambda: f"/pelatihan/kelas/{_m('class_pk')}/", STAFF),
    "training:session-qr": ("GET", lambda: f"/pelatihan/sesi/{_m('session_pk')}/qr", {D}),
    "training:session-qr-json": (
        "GET",
        lambda: f"/pelatihan/sesi/{_m('session_pk')}/qr.json",
        {D},
    ),
    "training:compliance": ("GET", "/pelatihan/kepatuhan/", STAFF),
    "training:compliance-csv": ("GET", "/pelatihan/kepatuhan.csv", STAFF),
    "training:compliance-xlsx": ("GET", "/pelatihan/kepatuhan.xlsx", STAFF),
    "training:external-queue": ("GET", "/pelatihan/sertifikat-eksternal/", {D}),
    "training:external-file": (
        "GET",
        lambda: f"/pelatihan/sertifikat-eksternal/{_m('external_pk')}/berkas",
        {D},
    ),
    "training:cert-staff": ("GET", "/pelatihan/sertifikat/", {D, U}),
    "training:cert-status": (
        "GET",
        lambda: f"/pelatihan/sertifikat/{_m('credential_id')}/status",
        {D},
    ),
    "training:check-in": (
        "GET",
        lambda: f"/hadir/{_m('session_pk')}/aaaaaaaaaaaa",
        {Role.ASN},
    ),
    "training:me": ("GET", "/saya/pelatihan/", {Role.ASN}),
    "training:cert-lookup": ("GET", "/sertifikat/", EVERYONE),
    "training:jwks": ("GET", "/sertifikat/jwks.json", EVERYONE),
    "training:competencies": ("GET", "/sertifikat/kompetensi/", EVERYONE),
    "training:issuer": ("GET", "/sertifikat/penerbit/6202", EVERYONE),
    "training:partner-profile": (
        "GET",
        lambda: f"/sertifikat/mitra/6202/{_m('cosigning_partner')}",
        EVERYONE,
    ),
    "training:partner-jwks": (
        "GET",
        lambda: f"/sertifikat/mitra/6202/{_m('cosigning_partner')}/jwks.json",
        EVERYONE,
    ),
    "training:status-list": ("GET", "/sertifikat/status/6202/revocation", EVERYONE),
    "training:cert-jwt": ("GET", lambda: f"/sertifikat/{_m('credential_id')}.jwt", EVERYONE),
    "training:cert-json": ("GET", lambda: f"/sertifikat/{_m('credential_id')}.json", EVERYONE),
    "training:cert-print": ("GET", lambda: f"/sertifikat/{_m('credential_id')}/cetak", EVERYONE),
    "training:cert": ("GET", lambda: f"/sertifikat/{_m('credential_id')}", EVERYONE),
}

API: dict[tuple[str, str], Any] = {
    ("GET", "/api/v1/training/credentials"): {D, U},
}
