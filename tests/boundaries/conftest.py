from __future__ import annotations

import pytest
from django.test import Client

from tests.boundaries.world import World, build_world


@pytest.fixture
def world(db: None) -> World:
    return build_world()


def client_for(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client
