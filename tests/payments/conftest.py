from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from kotacerdas.payments import events


@pytest.fixture(autouse=True)
def _isolated_handlers() -> Iterator[None]:
    """Tests register their own owner handlers; keep the app's (parking) ones intact."""
    saved = {key: list(value) for key, value in events._HANDLERS.items()}
    yield
    events._HANDLERS.clear()
    events._HANDLERS.update(saved)


@pytest.fixture
def sim_server(live_server: Any, settings: Any) -> Any:
    """The platform and its simulator on a real HTTP server (pytest-django live_server)."""
    settings.KOTACERDAS_PUBLIC_URL = live_server.url
    settings.KOTACERDAS_SIMULATOR_DELIVERY = "manual"
    return live_server
