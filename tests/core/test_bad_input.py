"""No bad value produces a server error, anywhere.

Walks every page of the role matrix and every API operation of the OpenAPI document as
a role that may use it, and sends the values a probe sends: a NUL byte, Unicode digits
(superscript two, Arabic-Indic three), a number no column can hold, a date far in the
future or the past, a very long string, and JSON nested thousands deep. Parameters are
those the platform's views read (found in their source) and those the OpenAPI document
declares. The answer may be any refusal, never a 5xx."""

from __future__ import annotations

import inspect
import json
import re
import sys
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import pytest
from django.test import Client
from django.urls import resolve

import kotacerdas
from kotacerdas.api import api
from kotacerdas.core.models import Role
from kotacerdas.core.services.tokens import token_issue
from kotacerdas.payments.models import WebhookDelivery
from tests.core.test_role_matrix import API, PAGES

BAD_VALUES = [
    "a\x00",
    "²",
    "-" + "9" * 40,
    "9999-12-31T23:59:59Z",
    "9999-12-31",
    "0001-01-01",
    "x" * 3000,
]
# One value of each kind per parameter; NUL and long strings are covered by the
# all-parameters requests above (the guard refuses them before any view runs).
PER_PARAM_VALUES = ["²", "-" + "9" * 40, "9999-12-31", "0001-01-01"]
JSON_BAD_VALUES: list[Any] = [*BAD_VALUES, 10**30, -(10**30), 1e308, [], {}, None, True]
DEEP_JSON = "[" * 5000 + "]" * 5000
PREFERENCE = [Role.ADMIN, Role.OFFICER, Role.JUKIR, Role.KORLAP, Role.AUDITOR, Role.WARGA, None]
_PARAM = re.compile(
    r"""(?:GET|POST|params|data|FILES|post|query)(?:\.get|\.getlist|\[)\(?\s*["']([a-z_]+)["']"""
)
_SOURCES = sorted(Path(kotacerdas.__file__).parent.rglob("*.py"))
ALL_PARAMS = sorted(
    {name for path in _SOURCES for name in _PARAM.findall(path.read_text(encoding="utf-8"))}
    | {"kecamatan", "hari", "start_date", "end_date", "service_code", "nomor", "spot", "date"}
)


def _role_for(allowed: set[Role | None]) -> Role | None:
    """The first role of PREFERENCE that may open the page, else any that may."""
    for role in PREFERENCE:
        if role in allowed:
            return role
    if not allowed:
        pytest.skip("no role opens this page (signed machine-to-machine calls only)")
    return sorted(allowed, key=str)[0]


def _client(role: Role | None, make_user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.kc_user = None  # type: ignore[attr-defined]
    if role is not None:
        client.kc_user = make_user(role)  # type: ignore[attr-defined]
        client.force_login(client.kc_user)  # type: ignore[attr-defined]
    return client


def _params_of_view(path: str) -> list[str]:
    """Names the view behind ``path`` reads, from its module's source."""
    try:
        match = resolve(path.split("?")[0])
    except Exception:  # a path that does not resolve reads nothing
        return []
    module = sys.modules.get(getattr(match.func, "__module__", ""), None)
    if module is None:
        return []
    return sorted(set(_PARAM.findall(inspect.getsource(module))))


def _assert_no_server_error(response: Any, what: str) -> None:
    assert response.status_code < 500, f"{what} -> {response.status_code}"


def _variants(path: str) -> list[str]:
    """The path with each of its URL parameters replaced by each bad value."""
    try:
        match = resolve(path)
    except Exception:
        return []
    found = []
    for value in match.kwargs.values():
        text = str(value)
        if text and text in path:
            for bad in BAD_VALUES:
                found.append(path.replace(text, quote(bad, safe=""), 1))
    return found


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(PAGES))
def test_no_page_answers_5xx_to_bad_values(name: str, make_user, regency) -> None:  # type: ignore[no-untyped-def]
    method, path, allowed, *_ = PAGES[name]
    role = _role_for(allowed)
    client = _client(role, make_user)
    if callable(path):
        # A builder with a parameter names an object of the requesting user.
        user = getattr(client, "kc_user", None)
        path = path(user) if inspect.signature(path).parameters else path()
    own = _params_of_view(path)
    for bad in BAD_VALUES:
        everything = {param: bad for param in ALL_PARAMS}
        _assert_no_server_error(client.get(path, everything), f"GET {path} all={bad!r}")
        _assert_no_server_error(client.post(path, everything), f"POST {path} all={bad!r}")
        if bad not in PER_PARAM_VALUES:
            continue
        send = client.get if method == "GET" else client.post
        for param in own:
            _assert_no_server_error(send(path, {param: bad}), f"{method} {path} {param}={bad!r}")
    for variant in _variants(path):
        _assert_no_server_error(client.get(variant), f"GET {variant}")
    _assert_no_server_error(
        client.post(path, DEEP_JSON, content_type="application/json"), f"deep JSON to {path}"
    )


def _operations() -> list[tuple[str, str]]:
    return sorted(API)


def _body_properties(operation: dict[str, Any]) -> list[str]:
    schema = api.get_openapi_schema()
    content = operation.get("requestBody", {}).get("content", {})
    body = content.get("application/json", {}).get("schema", {})
    if "$ref" in body:
        body = schema["components"]["schemas"][body["$ref"].split("/")[-1]]
    return sorted(body.get("properties", {}))


@pytest.mark.django_db
@pytest.mark.parametrize("operation", _operations(), ids=lambda o: f"{o[0]} {o[1]}")
def test_no_api_operation_answers_5xx_to_bad_values(
    operation: tuple[str, str], make_user, regency
) -> None:  # type: ignore[no-untyped-def]
    method, template = operation
    spec = API[operation]
    allowed, concrete = (spec, template) if isinstance(spec, set) else spec[:2]
    concrete = concrete() if callable(concrete) else concrete
    role = _role_for(allowed)
    headers = {}
    if role is not None:
        user = make_user(role)
        _, raw = token_issue(user=user, regency=user.regency)
        headers["HTTP_AUTHORIZATION"] = f"Bearer {raw}"
    described = api.get_openapi_schema()["paths"][template][method.lower()]
    query = [p["name"] for p in described.get("parameters", []) if p["in"] == "query"]
    fields = _body_properties(described)
    client = Client()
    for bad in JSON_BAD_VALUES:
        params = urlencode({name: bad for name in query}) if isinstance(bad, str) else ""
        target = f"{concrete}?{params}" if params else concrete
        payload = json.dumps({field: bad for field in fields}) if fields else "{}"
        response = client.generic(
            method, target, data=payload, content_type="application/json", **headers
        )
        _assert_no_server_error(response, f"{method} {target} {payload[:80]}")
    for variant in _variants(concrete):
        response = client.generic(method, variant, content_type="application/json", **headers)
        _assert_no_server_error(response, f"{method} {variant}")
    if method in {"POST", "PUT", "PATCH"}:
        response = client.generic(
            method, concrete, data=DEEP_JSON, content_type="application/json", **headers
        )
        _assert_no_server_error(response, f"deep JSON to {method} {concrete}")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/payments/webhooks/midtrans",
        "/payments/webhooks/xendit",
        "/payments/webhooks/snap/v1.0/qr/qr-mpm-notify",
    ],
)
def test_webhooks_refuse_deep_or_nul_json_without_5xx(path: str, regency) -> None:  # type: ignore[no-untyped-def]
    """The inbox keeps such bodies raw as evidence and refuses them unsigned (401)."""
    client = Client()
    deep = client.post(path, DEEP_JSON, content_type="application/json")
    assert deep.status_code == 401
    nul = client.post(path, '{"order_id": "a\\u0000"}', content_type="application/json")
    assert nul.status_code == 401
    assert WebhookDelivery.objects.filter(verified=False).count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "method", "path", "data"),
    [
        (None, "GET", "/open311/v2/requests.json?service_code=a%00", None),
        (None, "GET", "/open311/v2/requests.json?start_date=9999-12-31", None),
        (None, "GET", "/open311/v2/requests.json?end_date=0001-01-01", None),
        (None, "GET", "/lapor/cek/?nomor=a%00", None),
        (None, "GET", "/v/a%00", None),
        (None, "POST", "/accounts/login/", {"username": "a\x00", "password": "x"}),
        (None, "POST", "/api/v1/auth/token", '{"username": "a\\u0000", "password": "x"}'),
        (
            Role.JUKIR,
            "POST",
            "/api/v1/parking/charges",
            '{"spot": "a\\u0000", "vehicle_class": "car"}',
        ),
        (Role.ADMIN, "GET", "/layanan/?kecamatan=%C2%B2", None),
        (Role.ADMIN, "GET", "/layanan/dasbor/?hari=%C2%B2", None),
        (Role.ADMIN, "GET", "/audit/?date_from=9999-12-31&date_to=0001-01-01", None),
    ],
)
def test_probe_findings_answer_a_clear_4xx(role, method, path, data, make_user, regency) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    if role is not None:
        client.force_login(make_user(role))
    if method == "GET":
        response = client.get(path)
    elif isinstance(data, str):
        response = client.post(path, data, content_type="application/json")
    else:
        response = client.post(path, data)
    assert response.status_code < 500
    if "%00" in path or "\x00" in str(data) or "u0000" in str(data):
        assert response.status_code == 400
