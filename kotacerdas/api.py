"""The JSON API (``/api/v1/``): one NinjaAPI that mounts each domain app's router and
turns every failure into the same error shape."""

from __future__ import annotations

import importlib
from importlib.util import find_spec
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from kotacerdas import __version__
from kotacerdas.core.api import router as core_router
from kotacerdas.core.api_errors import ApiError, api_error_for, document_errors, error_response

# Error responses an operation gives beyond those document_errors derives from its shape.
OPERATION_ERRORS: dict[tuple[str, str], set[int]] = {
    ("POST", "/api/v1/auth/token"): {401, 429},
    ("DELETE", "/api/v1/auth/token"): {400},
    ("POST", "/api/v1/parking/charges"): {404, 503},
    ("POST", "/api/v1/parking/cash"): {404},
}


class KotaCerdasAPI(NinjaAPI):
    """The API whose OpenAPI document also lists every error response."""

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> Any:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        document_errors(schema, OPERATION_ERRORS)
        return schema


api = KotaCerdasAPI(
    title="Kota Cerdas API",
    version=__version__,
    description="JSON API Kota Cerdas. Autentikasi: `Authorization: Bearer <token>` "
    "dari `POST /api/v1/auth/token`.",
    urls_namespace="api",
    docs_url="/docs",
)
api.add_router("/", core_router)
for _app in settings.DOMAIN_APPS:
    if _app != "kotacerdas.core" and find_spec(f"{_app}.api") is not None:
        api.add_router("/", importlib.import_module(f"{_app}.api").router)


@api.exception_handler(ApiError)
def _api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
    return api_error_for(request, exc)


@api.exception_handler(ValidationError)
def _validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    details = [
        {
            "field": ".".join(str(p) for p in err.get("loc", []) if p not in ("body", "payload")),
            "message": err.get("msg", ""),
            "type": err.get("type", ""),
        }
        for err in exc.errors
    ]
    return error_response(422, "validation_error", "Data yang dikirim tidak valid.", details)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return error_response(
        401,
        "unauthenticated",
        "Perlu token Bearer yang sah atau sesi masuk.",
        headers={"WWW-Authenticate": 'Bearer realm="kotacerdas"'},
    )


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return error_response(403, "forbidden", str(exc) or "Anda tidak berhak melakukan ini.")


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return error_response(404, "not_found", "Data tidak ditemukan.")


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    codes = {
        400: "bad_request",
        401: "unauthenticated",
        403: "forbidden",
        404: "not_found",
        405: "method_not_allowed",
        409: "conflict",
        429: "rate_limited",
    }
    message = str(exc)
    if message == "Cannot parse request body":  # ninja's own text for malformed JSON
        message = "Isi permintaan bukan JSON yang sah."
    return error_response(exc.status_code, codes.get(exc.status_code, "error"), message)


@api.exception_handler(Exception)
def _unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    import logging

    logging.getLogger("kotacerdas.api").exception("unhandled API error on %s", request.path)
    return error_response(500, "server_error", "Terjadi kesalahan pada server.")
