from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kotacerdas.core.models import OPD, Regency, Role
from kotacerdas.programme.seed import seed_catalogue_kpis, seed_profile
from kotacerdas.programme.services.taxonomy import taxonomy_seed
from tests.parking.conftest import _parking_listens_to_payments, street  # noqa: F401
from tests.services.conftest import catalogue  # noqa: F401

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name: str = "bukti.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings.KOTACERDAS_PRIVATE_MEDIA_ROOT = str(tmp_path / "private")


@pytest.fixture
def programme(regency: Regency) -> Regency:
    """Taxonomy, the regency profile and its KPI catalogue."""
    taxonomy_seed()
    seed_profile(regency)
    seed_catalogue_kpis(regency)
    return regency


@pytest.fixture
def secretariat(make_user, regency):  # type: ignore[no-untyped-def]
    return make_user(Role.OFFICER, opd=OPD.objects.get(regency=regency, code="bapperida"))


@pytest.fixture
def secretariat2(make_user, regency):  # type: ignore[no-untyped-def]
    return make_user(Role.OFFICER, opd=OPD.objects.get(regency=regency, code="diskominfo"))


@pytest.fixture
def dishub_officer(make_user, regency):  # type: ignore[no-untyped-def]
    return make_user(Role.OFFICER, opd=OPD.objects.get(regency=regency, code="dishub"))


@pytest.fixture
def assessor(make_user):  # type: ignore[no-untyped-def]
    return make_user(Role.PENILAI)
