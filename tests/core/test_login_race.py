"""The login lockout under concurrency (PostgreSQL only: SQLite serialises writers, so it
cannot show a race between reading a counter and incrementing it)."""

from __future__ import annotations

import threading

import pytest
from django.contrib.auth.backends import ModelBackend
from django.db import connection
from django.test import Client

from kotacerdas.core.models import Role

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ATTEMPTS = 41


@pytest.fixture(autouse=True)
def _postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks; CI runs this with KOTACERDAS_REQUIRE_POSTGRES=1")


def test_concurrent_wrong_passwords_check_at_most_the_limit(
    make_user, settings, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    settings.KOTACERDAS_LOGIN_MAX_FAILURES = 5
    user = make_user(Role.JUKIR)
    checks = 0
    lock = threading.Lock()
    original = ModelBackend.authenticate

    def counting(self, request, username=None, password=None, **kwargs):  # type: ignore[no-untyped-def]
        nonlocal checks
        with lock:
            checks += 1
        return original(self, request, username=username, password=password, **kwargs)

    monkeypatch.setattr(ModelBackend, "authenticate", counting)
    barrier = threading.Barrier(ATTEMPTS)
    statuses: list[int] = []

    def attempt() -> None:
        try:
            barrier.wait()
            response = Client().post(
                "/api/v1/auth/token",
                {"username": user.username, "password": "salah"},
                content_type="application/json",
                REMOTE_ADDR="36.1.2.3",
            )
            with lock:
                statuses.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt) for _ in range(ATTEMPTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert checks == 5
    assert sorted(statuses) == [401] * 5 + [429] * (ATTEMPTS - 5)
