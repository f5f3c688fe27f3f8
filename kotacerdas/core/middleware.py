from __future__ import annotations

import ipaddress
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers

from kotacerdas.core.context import source_ip


def client_ip(request: HttpRequest) -> str | None:
    """The caller's address as seen by the outermost trusted proxy.

    Each proxy appends the address it received the connection from to X-Forwarded-For,
    so behind ``KOTACERDAS_TRUSTED_PROXY_COUNT`` = N proxies the client is the N-th
    entry from the right; everything left of it was written by the client and proves
    nothing. With N = 0 (no proxy) or a header shorter than N (a request that bypassed
    a proxy), the socket address is the only one that can be trusted."""
    remote = request.META.get("REMOTE_ADDR") or None
    count = int(getattr(settings, "KOTACERDAS_TRUSTED_PROXY_COUNT", 0) or 0)
    if count <= 0:
        return remote
    entries = [e.strip() for e in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    entries = [e for e in entries if e]
    if len(entries) < count:
        return remote
    candidate = entries[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


class RequestContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with source_ip(client_ip(request)):
            return self.get_response(request)


class LanguageMiddleware:
    """Bahasa Indonesia unless the person chose otherwise with the language switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language, which shows
    English to most Android phones set up in English; a regency's public service speaks
    Indonesian first, and the switch (a cookie) is the only way to change that."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


class RegencyMiddleware:
    """Acts for one regency per request: its time zone is activated (so dates and the
    ``wib`` filter show WIB, WITA or WIT as the regency lives them) and, where
    PostgreSQL row-level security is on, the database session is told the regency
    (``kotacerdas.rls``). Requests for no known regency get the deployment's zone."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django.db import DatabaseError
        from django.utils import timezone

        from kotacerdas.core.rls import acting_for
        from kotacerdas.core.tenancy import UnknownRegency, request_regency
        from kotacerdas.core.timeutil import zone_of

        try:
            regency = request_regency(request)
        except (UnknownRegency, DatabaseError):
            # No regency for this host, or no database (``/healthz`` reports that).
            regency = None
        user = getattr(request, "user", None)
        from kotacerdas.core.rls import BYPASS_PATH_PREFIXES

        operator = bool(user is not None and getattr(user, "is_superuser", False))
        operator = operator or request.path.startswith(BYPASS_PATH_PREFIXES)
        if regency is not None:
            timezone.activate(zone_of(regency))
        try:
            with acting_for(regency.pk if regency else None, bypass=operator):
                return self.get_response(request)
        finally:
            timezone.deactivate()
