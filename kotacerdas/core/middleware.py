from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from kotacerdas.core.context import source_ip


def client_ip(request: HttpRequest) -> str | None:
    """The caller's address; X-Forwarded-For only when the operator says a trusted proxy
    sets it (otherwise anyone could forge their address into the audit log)."""
    if getattr(settings, "KOTACERDAS_TRUST_X_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip() or None
    return request.META.get("REMOTE_ADDR") or None


class RequestContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with source_ip(client_ip(request)):
            return self.get_response(request)
