from __future__ import annotations

import os
import shutil

import pytest
from django.db import connection

from kotacerdas.core.models import Regency, Role, User
from tests.access import ROLES  # noqa: F401 - re-exported for older imports
from tests.factories import kotim, user_with


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # On CI every browser and PostgreSQL test must run: a skip there would hide a gap.
    if os.environ.get("KOTACERDAS_REQUIRE_BROWSER") and not chromium_path():
        raise pytest.UsageError("KOTACERDAS_REQUIRE_BROWSER is set but chromium is missing")


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session", autouse=True)
def _require_postgres(django_db_setup: None, django_db_blocker: object) -> None:
    if os.environ.get("KOTACERDAS_REQUIRE_POSTGRES"):
        assert connection.vendor == "postgresql", "CI must run the suite on PostgreSQL"


@pytest.fixture
def regency(db: None) -> Regency:
    return kotim()


@pytest.fixture
def make_user(db: None):
    def make(role: Role | None = None, **kwargs: object) -> User:
        return user_with(role, **kwargs)

    return make
