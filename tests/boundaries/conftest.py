from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection, transaction
from django.test import Client

from tests.boundaries.world import HOST_A, HOST_B, Side, World, build_world
from tests.boundaries.world_apps import AppWorld, build_app_world


@pytest.fixture
def world(db: None) -> World:
    return build_world()


def client_for(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


# The two-regency world with the newer apps is large: it is built once per module that
# asks for it, inside one outer transaction rolled back after the module; each test runs
# in a savepoint of it (pytest-django's ``db``), so tests still see a fresh world.
@pytest.fixture(scope="module")
def app_world(django_db_setup: None, django_db_blocker: Any) -> Iterator[AppWorld]:
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield build_app_world()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            connection.close()


@pytest.fixture
def aw(app_world: AppWorld, db: None) -> AppWorld:
    return app_world


def host(side: Side) -> str:
    return HOST_B if side.tag == "2222" else HOST_A


def clients(side: Side) -> dict[str, Client]:
    found = {"anonim": Client(HTTP_HOST=host(side))}
    for name, user in side.users.items():
        client = Client(HTTP_HOST=host(side))
        client.force_login(user)
        found[name] = client
    return found
