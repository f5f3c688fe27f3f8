"""Every URL x every role, asserting allow/deny on the server.

The tables below are the specification. The first tests fail as soon as a URL or an API
operation exists that the tables do not mention, so nothing can ship unchecked."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from kotacerdas.api import api
from kotacerdas.core.models import Role
from tests.conftest import ROLES

A, W, J, K, OF, D, U = (
    None,
    Role.WARGA,
    Role.JUKIR,
    Role.KORLAP,
    Role.OFFICER,
    Role.ADMIN,
    Role.AUDITOR,
)
EVERYONE = set(ROLES)
SIGNED_IN = set(Role)
STAFF = {OF, D, U}

# path -> (method, roles allowed). "Allowed" means the view ran (2xx/3xx other than a
# bounce to the login page); denied means 403, or a redirect to login for anonymous.
PAGES: dict[str, tuple[str, str, set[Role | None]]] = {
    "home": ("GET", "/", EVERYONE),
    "healthz": ("GET", "/healthz", EVERYONE),
    "login": ("GET", "/accounts/login/", EVERYONE),
    "logout": ("POST", "/accounts/logout/", EVERYONE),
    "audit-list": ("GET", "/audit/", {D, U}),
    "set_language": ("POST", "/i18n/setlang/", EVERYONE),
}

# (method, path) -> roles allowed.
API: dict[tuple[str, str], set[Role | None]] = {
    ("POST", "/api/v1/auth/token"): EVERYONE,
    ("DELETE", "/api/v1/auth/token"): SIGNED_IN,
    ("GET", "/api/v1/me"): SIGNED_IN,
}


def _named_patterns(resolver: URLResolver, prefix: str = "") -> dict[str, object]:
    found: dict[str, object] = {}
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            namespace = entry.namespace or ""
            if namespace in {"admin", "api"}:
                continue  # checked by their own tests below
            found.update(_named_patterns(entry, prefix + str(entry.pattern)))
        elif isinstance(entry, URLPattern) and entry.name:
            found[entry.name] = entry.callback
    return found


def test_every_page_is_in_the_matrix_and_declares_access() -> None:
    patterns = _named_patterns(get_resolver())
    assert set(patterns) == set(PAGES), "add new URLs to PAGES with their allowed roles"
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
    assert operations == set(API), "add new API operations to API with their allowed roles"


def _client_for(role: Role | None, make_user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    if role is not None:
        client.force_login(make_user(role))
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES, ids=lambda r: str(r or "anonymous"))
@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_access(name: str, role: Role | None, make_user) -> None:  # type: ignore[no-untyped-def]
    method, path, allowed = PAGES[name]
    client = _client_for(role, make_user)
    response = client.generic(
        method,
        path,
        data="language=id" if name == "set_language" else "",
        content_type="application/x-www-form-urlencoded",
    )
    bounced = (
        response.status_code == 302
        and "/accounts/login/" in response.get("Location", "")
        and path != "/accounts/login/"
    )
    denied = response.status_code == 403 or bounced
    if role in allowed:
        assert not denied, f"{role} should reach {path}, got {response.status_code}"
        assert response.status_code < 400
    else:
        assert denied, f"{role} must not reach {path}, got {response.status_code}"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES, ids=lambda r: str(r or "anonymous"))
@pytest.mark.parametrize("operation", sorted(API), ids=lambda o: f"{o[0]} {o[1]}")
def test_api_access(operation: tuple[str, str], role: Role | None, make_user) -> None:  # type: ignore[no-untyped-def]
    method, path = operation
    client = Client()
    headers = {}
    if role is not None:
        from kotacerdas.core.services.tokens import token_issue

        user = make_user(role)
        _, raw = token_issue(user=user, regency=user.regency)
        headers["HTTP_AUTHORIZATION"] = f"Bearer {raw}"
    body = '{"username": "nobody", "password": "x"}' if method == "POST" else ""
    response = client.generic(method, path, data=body, content_type="application/json", **headers)
    # A refusal by the permission layer carries one of these codes; a public endpoint may
    # still answer 401 for bad credentials, which is its business, not a denial.
    refused = response.status_code in (401, 403) and response.json()["error"]["code"] in {
        "unauthenticated",
        "forbidden",
        "csrf_failed",
    }
    if role in API[operation]:
        assert not refused, response.content
    else:
        assert refused, response.content


ADMIN_ALLOWED = STAFF


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES, ids=lambda r: str(r or "anonymous"))
def test_admin_back_office_access(role: Role | None, make_user) -> None:  # type: ignore[no-untyped-def]
    client = _client_for(role, make_user)
    response = client.get("/admin/")
    if role in ADMIN_ALLOWED:
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
    view = client.get(f"/admin/core/opd/{opd.pk}/change/")
    assert view.status_code == 200  # every staff role may read
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
