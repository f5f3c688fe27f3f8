from __future__ import annotations

import pytest
from django.test import Client

from kotacerdas.core.models import AuditLog, Role
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_login_page_signs_in_and_audits(make_user) -> None:  # type: ignore[no-untyped-def]
    user = make_user(Role.WARGA)
    client = Client()
    response = client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    assert AuditLog.objects.filter(action="core.auth.login", actor=user).exists()


def test_login_lockout_after_repeated_failures(make_user, settings) -> None:  # type: ignore[no-untyped-def]
    settings.KOTACERDAS_LOGIN_MAX_FAILURES = 4
    user = make_user(Role.WARGA)
    client = Client()
    for _ in range(4):
        response = client.post("/accounts/login/", {"username": user.username, "password": "salah"})
        assert response.status_code == 200
        assert "Username atau kata sandi salah" in response.content.decode()
    locked = client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
    assert locked.status_code == 429
    assert "Terlalu banyak percobaan" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_username(make_user, settings) -> None:  # type: ignore[no-untyped-def]
    settings.KOTACERDAS_LOGIN_MAX_FAILURES = 2
    victim, other = make_user(Role.WARGA), make_user(Role.WARGA)
    client = Client()
    for _ in range(2):
        client.post("/accounts/login/", {"username": victim.username, "password": "salah"})
    response = client.post("/accounts/login/", {"username": other.username, "password": PASSWORD})
    assert response.status_code == 302


def test_login_form_needs_csrf(make_user) -> None:  # type: ignore[no-untyped-def]
    user = make_user(Role.WARGA)
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 403
