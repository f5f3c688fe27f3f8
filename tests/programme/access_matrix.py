"""Who may reach each programme URL and API operation (merged by the role matrix test).
The matrix officer is a Dishub officer: Dishub leads the matrix programme, but it is
not the secretariat (Bapperida, Diskominfo), so secretariat-only writes deny it."""

from __future__ import annotations

from typing import Any

from kotacerdas.core.models import Role
from tests.access import EVERYONE

OF, D, U, P = Role.OFFICER, Role.ADMIN, Role.AUDITOR, Role.PENILAI
READERS = {OF, D, U, P}


def _code() -> str:
    from tests.programme.matrix_data import programme_code

    return programme_code()


def _kpi() -> str:
    """A KPI of the seeded catalogue (the catalogue is seeded with the regency's profile)."""
    from tests.programme.matrix_data import value_id

    value_id()
    return "data-terbuka"


def _value() -> int:
    from tests.programme.matrix_data import value_id

    return value_id()


def _cycle() -> int:
    from tests.programme.matrix_data import cycle_id

    return cycle_id()


def _sheet() -> int:
    from tests.programme.matrix_data import commitment_id

    return commitment_id()


def _progress() -> int:
    from tests.programme.matrix_data import progress_id

    return progress_id()


PAGES: dict[str, tuple[Any, ...]] = {
    "programme:dashboard": ("GET", "/smartcity/", EVERYONE),
    "programme:national": ("GET", "/smartcity/nasional/", EVERYONE),
    "programme:catalog": ("GET", "/data/catalog.json", EVERYONE),
    "programme:kpi-data": ("GET", lambda: f"/data/indikator/{_kpi()}.csv", EVERYONE),
    "programme:programmes-data": ("GET", "/data/program.json", EVERYONE),
    "programme:evaluations-data": ("GET", "/data/evaluasi.csv", EVERYONE),
    "programme:staff-home": ("GET", "/program/", READERS),
    "programme:programme": ("GET", lambda: f"/program/p/{_code()}/", READERS),
    "programme:kpis": ("GET", "/program/indikator/", READERS),
    # Approving is for the secretariat: the admin may, the Dishub officer may not.
    "programme:kpi-decide": (
        "POST",
        lambda: f"/program/indikator/nilai/{_value()}/putuskan",
        {D},
        {"decision": "reject"},
    ),
    "programme:kpi-correct": (
        "GET",
        lambda: f"/program/indikator/nilai/{_value()}/koreksi",
        READERS,
    ),
    "programme:evaluations": ("GET", "/program/evaluasi/", READERS),
    "programme:evaluation": ("GET", lambda: f"/program/evaluasi/{_cycle()}/", READERS),
    "programme:documents": ("GET", "/program/dokumen/", READERS),
    "programme:evidence": ("GET", lambda: f"/program/berkas/kemajuan/{_progress()}", READERS),
    "programme:commitments": ("GET", lambda: f"/program/komitmen/?_={_sheet()}", READERS),
    "programme:commitment": ("GET", lambda: f"/program/komitmen/{_sheet()}/", READERS),
    "programme:readiness": ("GET", lambda: f"/program/kesiapan/?_={_sheet()}", READERS),
    "programme:bimtek": ("GET", lambda: f"/program/bimtek/?_={_sheet()}", READERS),
}

# Text of the real rows the matrix objects put on these pages.
CONTENT: dict[Any, Any] = {
    "programme:commitments": lambda: "Bupati",
    "programme:commitment": lambda: "Bupati",
    "programme:readiness": lambda: "(50,0%)",  # 5 of 10 items in good condition
    "programme:bimtek": lambda: "Bimtek IV",
}

API: dict[tuple[str, str], Any] = {
    ("GET", "/api/v1/smartcity/kpis"): EVERYONE,
    ("GET", "/api/v1/smartcity/kpis/{code}"): (
        EVERYONE,
        lambda: f"/api/v1/smartcity/kpis/{_kpi()}",
    ),
}

# Allowed, but not a 200 by design (the role matrix checks the rest for a real 200).
NOT_200: dict[Any, str] = {
    "programme:evidence": "the matrix progress update carries no file (404); downloads "
    "are covered by tests/programme/test_plan.py",
}
