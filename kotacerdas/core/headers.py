"""Content-Security-Policy for every response (Django 5.2 has none built in).

Scripts only from the platform's own origin: templates carry no inline ``<script>`` and
no ``on*=`` handler attributes (data for scripts travels in ``json_script`` blocks or
``data-`` attributes), so an injected ``<script>`` or ``onerror=`` does not run even
where an escaping mistake lets one through. Inline ``style=`` attributes remain allowed:
a few templates size a map or a bar with them, and styles cannot run code."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse


def _origin(url: str) -> str:
    parts = urlsplit(url.replace("{s}", "a"))
    if not parts.scheme or not parts.netloc:
        return ""
    host = parts.netloc
    if "{s}." in url:  # tile servers with a/b/c sub-domains
        host = "*." + host.split(".", 1)[1]
    return f"{parts.scheme}://{host}"


def content_security_policy() -> str:
    tiles = _origin(getattr(settings, "KOTACERDAS_MAP_TILE_URL", ""))
    directives = {
        "default-src": "'self'",
        "script-src": "'self'",
        "style-src": "'self' 'unsafe-inline'",
        "img-src": " ".join(p for p in ("'self'", "data:", "blob:", tiles) if p),
        "connect-src": "'self'",
        "font-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items())


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.policy = content_security_policy()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.policy)
        return response
