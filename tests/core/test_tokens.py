from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from kotacerdas.core.models import ApiToken, AuditLog, Role
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def _login(client: Client, username: str, password: str = PASSWORD):  # type: ignore[no-untyped-def]
    return client.post(
        "/api/v1/auth/token",
        {"username": username, "password": password},
        content_type="application/json",
    )


def test_token_lifecycle_issue_use_revoke(make_user) -> None:  # type: ignore[no-untyped-def]
    user = make_user(Role.JUKIR)
    client = Client()
    response = _login(client, user.username)
    assert response.status_code == 201
    raw = response.json()["token"]
    assert raw.startswith("kc_") and len(raw) > 40

    stored = ApiToken.objects.get(user=user)
    assert raw not in (stored.key_hash, stored.prefix)
    assert stored.key_hash != raw and len(stored.key_hash) == 64

    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    me = client.get("/api/v1/me", **auth)
    assert me.status_code == 200
    assert me.json() == {
        "username": user.username,
        "name": user.get_full_name(),
        "regency": "kotimkab.go.id",
        "opd": None,
        "roles": ["jukir"],
        "attendant": None,
    }
    assert client.delete("/api/v1/auth/token", **auth).status_code == 204
    after = client.get("/api/v1/me", **auth)
    assert after.status_code == 401
    assert after.json()["error"]["code"] == "unauthenticated"
    assert after["WWW-Authenticate"].startswith("Bearer")
    actions = list(
        AuditLog.objects.filter(object_type="core.apitoken").values_list("action", flat=True)
    )
    assert sorted(actions) == ["core.token.issue", "core.token.revoke"]


def test_expired_token_and_inactive_user_are_refused(make_user) -> None:  # type: ignore[no-untyped-def]
    user = make_user(Role.WARGA)
    client = Client()
    raw = _login(client, user.username).json()["token"]
    ApiToken.objects.filter(user=user).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401

    raw2 = _login(client, user.username).json()["token"]
    from kotacerdas.core.services.users import user_set_active

    user_set_active(user=user, active=False, actor=None)
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw2}").status_code == 401
    assert ApiToken.objects.filter(user=user, revoked_at__isnull=True).count() == 0


@pytest.mark.parametrize(
    "header", ["Bearer kc_forged", "Bearer ", "Token abc", "Bearer " + "x" * 500]
)
def test_malformed_or_forged_tokens_get_401(header: str, make_user) -> None:  # type: ignore[no-untyped-def]
    response = Client().get("/api/v1/me", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert set(response.json()["error"]) == {"code", "message", "details"}


def test_wrong_password_then_lockout(make_user, settings) -> None:  # type: ignore[no-untyped-def]
    settings.KOTACERDAS_LOGIN_MAX_FAILURES = 3
    user = make_user(Role.WARGA)
    client = Client()
    for _ in range(3):
        bad = _login(client, user.username, "salah")
        assert bad.status_code == 401
        assert bad.json()["error"]["code"] == "invalid_credentials"
    locked = _login(client, user.username)  # even the right password is refused now
    assert locked.status_code == 429
    assert locked.json()["error"]["code"] == "rate_limited"
    assert int(locked["Retry-After"]) > 0
    assert not ApiToken.objects.filter(user=user).exists()


def test_validation_errors_use_the_one_error_shape() -> None:
    response = Client().post(
        "/api/v1/auth/token", {"username": "a"}, content_type="application/json"
    )
    assert response.status_code == 422
    body = response.json()["error"]
    assert body["code"] == "validation_error"
    assert any(item["field"] == "password" for item in body["details"])
    broken = Client().post("/api/v1/auth/token", "{not json", content_type="application/json")
    assert broken.status_code in (400, 422)
    assert "error" in broken.json()


def test_unknown_api_path_answers_json_404() -> None:
    response = Client().get("/api/v1/does-not-exist")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_session_api_calls_need_csrf(make_user) -> None:  # type: ignore[no-untyped-def]
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user(Role.WARGA))
    assert client.get("/api/v1/me").status_code == 200
    response = client.delete("/api/v1/auth/token")
    assert response.status_code == 403


def test_openapi_document_and_docs_page() -> None:
    client = Client()
    schema = client.get("/api/v1/openapi.json")
    assert schema.status_code == 200
    assert "/api/v1/me" in schema.json()["paths"]
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    assert b"cdn.jsdelivr" not in docs.content  # served from our own static files
