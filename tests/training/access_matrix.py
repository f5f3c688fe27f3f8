"""Who may reach each competency-development URL (merged by the role matrix test).

The matrix officer is a Dishub officer: an OPD head's stand-in. BKPSDM-only pages
therefore admit only administrators here; tests/training/test_pages.py checks a BKPSDM
officer separately."""

from __future__ import annotations

from typing import Any

from kotacerdas.core.models import Role

OF, D, U = Role.OFFICER, Role.ADMIN, Role.AUDITOR
STAFF = {OF, D, U}


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
}

API: dict[tuple[str, str], Any] = {}
