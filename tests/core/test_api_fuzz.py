"""Schema-based fuzzing of the JSON API with schemathesis.

The OpenAPI document is the one the platform publishes (built by the same API object),
and every generated request goes through the application's WSGI handler. For every
operation a bounded number of generated requests (valid and invalid) is sent as an administrator, an
attendant and a citizen, each with a real bearer token; every answer must be free of
server errors and match the document: a status code it lists, the declared content
type and a body that validates against the declared schema (errors included)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from kotacerdas.api import api
from kotacerdas.core.models import Role
from kotacerdas.core.services.tokens import token_issue

# Examples per operation and role: 9 operations x 3 roles x this stays near two minutes
# on a loaded two-core machine.
EXAMPLES = 12
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]

# The document is the one /api/v1/openapi.json serves, built by the same API object
# without a request: serving it over WSGI would resolve the request's regency, which
# reads the database, and collection runs before any test database exists. The cases
# themselves go through the full WSGI stack, middleware included.
schema = schemathesis.openapi.from_dict(json.loads(json.dumps(api.get_openapi_schema())))
schema.app = get_wsgi_application()


@pytest.fixture(autouse=True)
def _keep_the_test_connection() -> Iterator[None]:
    """Cases run through the real WSGI handler, which closes old database connections
    at the start and end of every request; inside a test transaction that would close
    the test's own connection. Django's test client unhooks the same two receivers."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture(params=[Role.ADMIN, Role.JUKIR, Role.WARGA], ids=["admin", "jukir", "warga"])
def bearer(request, make_user, regency) -> dict[str, str]:  # type: ignore[no-untyped-def]
    if request.param == Role.JUKIR:
        from tests.parking.matrix_data import attendant

        # An attendant on an active assignment, so writes reach the parking service.
        user = attendant().user
    else:
        user = make_user(request.param)
    _, raw = token_issue(user=user, regency=user.regency)
    return {"Authorization": f"Bearer {raw}"}


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_to_its_document(case: Any, bearer: dict[str, str]) -> None:
    headers = dict(bearer)
    if case.operation.path == "/api/v1/auth/token":
        headers = {}  # public; the generated credentials are what is being fuzzed
    case.call_and_validate(headers=headers, checks=CHECKS)


@pytest.mark.django_db
def test_the_fuzzed_document_is_the_served_one(client) -> None:  # type: ignore[no-untyped-def]
    served = client.get("/api/v1/openapi.json")
    assert served.status_code == 200
    assert served.json() == json.loads(json.dumps(api.get_openapi_schema()))
