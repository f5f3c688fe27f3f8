"""Security headers, body limits before parsing, 401 for anonymous API writes and the
error responses in the OpenAPI document."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client

from kotacerdas.api import api
from kotacerdas.services.models import ServiceRequest

pytestmark = pytest.mark.django_db

TEMPLATES = sorted(Path(__file__).resolve().parents[2].glob("kotacerdas/**/templates/**/*.html"))


def test_every_response_carries_a_policy_without_inline_script(regency) -> None:  # type: ignore[no-untyped-def]
    response = Client().get("/")
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.name)
def test_templates_hold_no_inline_script_or_handler(template: Path) -> None:
    text = template.read_text(encoding="utf-8")
    for tag in re.findall(r"<script\b[^>]*>", text):
        assert "src=" in tag or 'type="application/json"' in tag, f"inline script: {tag}"
    assert not re.search(r"\son[a-z]+\s*=", text), "on*= handler attribute"


def test_an_oversized_photo_is_refused_before_the_body_is_read(regency, settings) -> None:  # type: ignore[no-untyped-def]
    settings.KOTACERDAS_UPLOAD_MAX_BYTES = 1000
    body = b"--x\r\n" + b"a" * 20
    response = Client().generic(
        "POST",
        "/lapor/layanan/jalan-rusak/",
        data=body,
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(50 * 1024 * 1024),
    )
    assert response.status_code == 413
    assert not ServiceRequest.objects.exists()


def test_ordinary_pages_have_a_smaller_limit_than_photo_routes(regency, settings) -> None:  # type: ignore[no-untyped-def]
    from kotacerdas.core.guards import body_limit_for

    settings.KOTACERDAS_BODY_MAX_BYTES = 1024
    assert body_limit_for("/accounts/login/") == 1024
    assert body_limit_for("/lapor/layanan/jalan-rusak/") > 3 * settings.KOTACERDAS_UPLOAD_MAX_BYTES
    assert body_limit_for("/payments/webhooks/midtrans") == settings.KOTACERDAS_WEBHOOK_MAX_BYTES
    response = Client().post("/accounts/login/", {"username": "x" * 2000, "password": "y"})
    assert response.status_code == 413


def test_too_many_fields_is_a_400_not_a_500(regency) -> None:  # type: ignore[no-untyped-def]
    body = "&".join(f"f{n}=1" for n in range(1500))
    response = Client().generic(
        "POST", "/accounts/login/", data=body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400


def test_anonymous_api_write_is_401_not_a_csrf_403(regency) -> None:  # type: ignore[no-untyped-def]
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/api/v1/parking/charges",
        {"spot": "PPM-01", "vehicle_class": "motorcycle"},
        content_type="application/json",
    )
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthenticated"


def test_a_signed_in_browser_still_needs_csrf_for_api_writes(make_user, regency) -> None:  # type: ignore[no-untyped-def]
    from kotacerdas.core.models import Role

    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user(Role.JUKIR))
    response = client.post(
        "/api/v1/parking/charges",
        {"spot": "PPM-01", "vehicle_class": "motorcycle"},
        content_type="application/json",
    )
    assert response.status_code == 403


def test_openapi_lists_error_responses_in_the_shared_shape() -> None:
    schema = api.get_openapi_schema()
    error = schema["components"]["schemas"]["Error"]
    assert error["properties"]["error"]["required"] == ["code", "message", "details"]
    charges = schema["paths"]["/api/v1/parking/charges"]["post"]["responses"]
    assert {400, 401, 403, 404, 413, 422} <= set(charges)
    token = schema["paths"]["/api/v1/auth/token"]["post"]["responses"]
    assert {401, 422, 429} <= set(token)
    ref = token[429]["content"]["application/json"]["schema"]["$ref"]
    assert ref == "#/components/schemas/Error"
    detail = schema["paths"]["/api/v1/parking/charges/{charge_id}"]["get"]["responses"]
    assert {401, 403, 404} <= set(detail)
