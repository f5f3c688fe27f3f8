"""Every URL x every role, asserting allow/deny on the server.

The tables below (and each app's ``tests/<app>/access_matrix.py``) are the
specification. The first tests fail as soon as a URL or an API operation exists that no
table mentions, so nothing can ship unchecked."""

from __future__ import annotations

import importlib
import inspect
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from kotacerdas.api import api
from kotacerdas.core.models import Role
from kotacerdas.core.services.tokens import token_issue
from tests.access import EVERYONE, ROLES, SIGNED_IN, STAFF

D, U, OF = Role.ADMIN, Role.AUDITOR, Role.OFFICER

PAGES: dict[str, tuple[Any, ...]] = {
    "home": ("GET", "/", EVERYONE),
    "healthz": ("GET", "/healthz", EVERYONE),
    "login": ("GET", "/accounts/login/", EVERYONE),
    "logout": ("POST", "/accounts/logout/", EVERYONE),
    "audit-list": ("GET", "/audit/", {D, U}),
    "set_language": ("POST", "/i18n/setlang/", EVERYONE, {"language": "id"}),
}

API: dict[tuple[str, str], Any] = {
    ("POST", "/api/v1/auth/token"): (
        EVERYONE,
        "/api/v1/auth/token",
        {"username": "x", "password": "y"},
    ),
    ("DELETE", "/api/v1/auth/token"): SIGNED_IN,
    ("GET", "/api/v1/me"): SIGNED_IN,
}

# What an allowed GET must show: url name (or API operation) -> callable returning a
# text of the real object the path names. Allowed GETs answer 200 unless the row is in
# NOT_200 with its reason (e.g. the simulator, which answers for orders it holds).
CONTENT: dict[Any, Callable[[], str]] = {
    "audit-list": lambda: "core.",
}
NOT_200: dict[Any, str] = {"login": "a signed-in user is sent on to the hub (302)"}

for _spec in sorted(Path(__file__).resolve().parents[1].glob("*/access_matrix.py")):
    _module = importlib.import_module(f"tests.{_spec.parent.name}.access_matrix")
    PAGES.update(getattr(_module, "PAGES", {}))
    API.update(getattr(_module, "API", {}))
    CONTENT.update(getattr(_module, "CONTENT", {}))
    NOT_200.update(getattr(_module, "NOT_200", {}))


def _named_patterns(resolver: URLResolver, namespace: str = "") -> dict[str, object]:
    found: dict[str, object] = {}
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if (entry.namespace or "") in {"admin", "api"}:
                continue  # checked by their own tests below
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            found.update(_named_patterns(entry, inner))
        elif isinstance(entry, URLPattern) and entry.name:
            found[namespace + entry.name] = entry.callback
    return found


def _resolve(value: Any, user: Any = None) -> str:
    """A path, or a callable building it; a callable with a parameter gets the
    requesting user (``None`` when anonymous), to name an object of their own."""
    if not callable(value):
        return str(value)
    if inspect.signature(value).parameters:
        return str(value(user))
    return str(value())


def _assert_real_answer(key: Any, method: str, response: Any) -> None:
    """An allowed read is a real 200 showing the object, not merely "not refused"."""
    if method != "GET" or key in NOT_200:
        return
    assert response.status_code == 200, f"{key}: {response.status_code}"
    if key in CONTENT:
        wanted = CONTENT[key]()
        assert wanted in response.content.decode(errors="replace"), f"{key}: no {wanted!r}"


def test_every_page_is_in_the_matrix_and_declares_access() -> None:
    patterns = _named_patterns(get_resolver())
    assert set(patterns) == set(PAGES), "add new URLs to a PAGES table with their allowed roles"
    for name, callback in patterns.items():
        if name == "set_language":
            continue  # Django's own view: public by design, CSRF-protected
        assert hasattr(callback, "access_rule"), f"{name} has no @access rule"


def test_every_api_operation_is_in_the_matrix() -> None:
    schema = api.get_openapi_schema()
    operations = {
        (method.upper(), path)
        for path, item in schema["paths"].items()
        for method in item
        if method in {"get", "post", "put", "patch", "delete"}
    }
    assert operations == set(API), "add new API operations to an API table with their roles"


def _client_for(role: Role | None, make_user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    if role is not None:
        client.force_login(make_user(role))
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES, ids=lambda r: str(r or "anonymous"))
@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_access(name: str, role: Role | None, make_user, regency) -> None:  # type: ignore[no-untyped-def]
    method, path, allowed, *rest = PAGES[name]
    user = make_user(role) if role is not None else None
    path = _resolve(path, user)
    client = Client()
    if user is not None:
        client.force_login(user)
    data = rest[0] if rest else {}
    if method == "GET":
        response = client.get(path, data)
    else:
        response = client.generic(
            method,
            path,
            data="&".join(f"{k}={v}" for k, v in data.items()),
            content_type="application/x-www-form-urlencoded",
        )
    location = response.get("Location", "")
    bounced = (
        response.status_code == 302
        and "/accounts/login/" in location
        and "/accounts/login/" not in path
    )
    denied = response.status_code == 403 or bounced
    if role in allowed:
        assert not denied, f"{role} should reach {path}, got {response.status_code}"
        assert response.status_code < 500
        _assert_real_answer(name, method, response)
    else:
        assert denied, f"{role} must not reach {path}, got {response.status_code}"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES, ids=lambda r: str(r or "anonymous"))
@pytest.mark.parametrize("operation", sorted(API), ids=lambda o: f"{o[0]} {o[1]}")
def test_api_access(operation: tuple[str, str], role: Role | None, make_user, regency) -> None:  # type: ignore[no-untyped-def]
    method, path = operation
    spec = API[operation]
    allowed, concrete, body = (spec, path, None) if isinstance(spec, set) else (*spec, None)[:3]
    headers = {}
    user = make_user(role) if role is not None else None
    concrete = _resolve(concrete, user)
    if user is not None:
        _, raw = token_issue(user=user, regency=user.regency)
        headers["HTTP_AUTHORIZATION"] = f"Bearer {raw}"
    payload = (
        json.dumps(body)
        if body is not None
        else ("{}" if method in {"POST", "PUT", "PATCH"} else "")
    )
    response = Client().generic(
        method, concrete, data=payload, content_type="application/json", **headers
    )
    # A refusal by the permission layer carries one of these codes; a public endpoint may
    # still answer 401 for bad credentials, which is its business, not a denial.
    refused = response.status_code in (401, 403) and response.json()["error"]["code"] in {
        "unauthenticated",
        "forbidden",
        "csrf_failed",
    }
    if role in allowed:
        assert not refused, response.content
        assert response.status_code < 500, response.content
        _assert_real_answer(operation, method, response)
    else:
        assert refused, response.content


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES, ids=lambda r: str(r or "anonymous"))
def test_admin_back_office_access(role: Role | None, make_user) -> None:  # type: ignore[no-untyped-def]
    client = _client_for(role, make_user)
    response = client.get("/admin/")
    if role in STAFF:
        assert response.status_code == 200
    else:
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "can_change"),
    [(OF, False), (D, True), (U, False)],
    ids=["officer", "admin", "auditor"],
)
def test_admin_write_permissions_follow_roles(
    role: Role, can_change: bool, make_user, regency
) -> None:  # type: ignore[no-untyped-def]
    from kotacerdas.core.models import OPD

    client = _client_for(role, make_user)
    opd = OPD.objects.get(regency=regency, code="dishub")
    assert client.get(f"/admin/core/opd/{opd.pk}/change/").status_code == 200  # all staff read
    response = client.post(
        f"/admin/core/opd/{opd.pk}/change/",
        {
            "regency": regency.pk,
            "code": "dishub",
            "name": "Dinas Perhubungan Kotim",
            "short_name": "Dishub",
            "kind": "dinas",
            "is_active": "on",
        },
    )
    opd.refresh_from_db()
    if can_change:
        assert response.status_code == 302
        assert opd.name == "Dinas Perhubungan Kotim"
    else:
        assert response.status_code == 403
        assert opd.name == "Dinas Perhubungan"


@pytest.mark.django_db
@pytest.mark.parametrize("role", [OF, D, U], ids=["officer", "admin", "auditor"])
def test_nobody_edits_the_audit_log_in_admin(role: Role, make_user) -> None:  # type: ignore[no-untyped-def]
    from kotacerdas.core.models import AuditLog

    client = _client_for(role, make_user)
    entry = AuditLog.objects.order_by("-id").first()
    assert entry is not None
    assert client.get(f"/admin/core/auditlog/{entry.pk}/delete/").status_code in (403, 302)
    assert (
        client.post(f"/admin/core/auditlog/{entry.pk}/change/", {"action": "x"}).status_code == 403
    )
    assert AuditLog.objects.get(pk=entry.pk).action == entry.action
