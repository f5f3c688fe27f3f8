"""Request guards that run before any view parses input.

``BodyLimitMiddleware`` refuses a body by its declared ``Content-Length`` before a byte
of it is read (per path: photo uploads may be larger than a login form), so a 500 MB
"photo" is never spooled to disk. ``InputGuardMiddleware`` refuses the values no field
of the platform accepts (control characters such as NUL in the path, a parameter or a
form field; JSON with a NUL or nested absurdly deep) with a 400, so that class of input
cannot reach a database query or a recursive parser anywhere, whatever view it targets."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation, TooManyFieldsSent
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from kotacerdas.core.api_errors import error_response
from kotacerdas.core.inputs import has_control_chars, json_has_nul, json_nesting_exceeds

# Room for the multipart framing and the text fields around the photos.
_FORM_OVERHEAD = 256 * 1024
# No legitimate JSON document of the platform nests deeper than this.
JSON_MAX_DEPTH = 32


_MIB = 1024 * 1024


def _upload_limit(photos: int) -> int:
    return photos * int(settings.KOTACERDAS_UPLOAD_MAX_BYTES) + _FORM_OVERHEAD


def body_limit_for(path: str) -> int:
    """The largest body accepted on ``path``: photo routes allow their photos, webhooks
    their notification limit, everything else ``KOTACERDAS_BODY_MAX_BYTES``."""
    for pattern, limit in _path_limits():
        if pattern.match(path):
            return limit
    return int(settings.KOTACERDAS_BODY_MAX_BYTES)


def _path_limits() -> list[tuple[re.Pattern[str], int]]:
    return [
        (re.compile(r"^/payments/webhooks/"), int(settings.KOTACERDAS_WEBHOOK_MAX_BYTES)),
        (re.compile(r"^/integrasi/whatsapp/"), int(settings.KOTACERDAS_WEBHOOK_MAX_BYTES)),
        # A citizen's report and an Open311 POST carry up to three photos.
        (re.compile(r"^/lapor/layanan/[^/]+/$"), _upload_limit(3)),
        (re.compile(r"^/open311/v2/requests\.[a-z]+$"), _upload_limit(3)),
        # The back office attaches one after-photo when resolving a request.
        (re.compile(r"^/layanan/[^/]+/$"), _upload_limit(1)),
        # Evidence, scans and import files: each app checks its own file limit (10 MB
        # evidence and scans, 5 MB certificates, 15 MB ASN imports) after this coarse one.
        (re.compile(r"^/(program|inovasi|mitra)/"), 10 * _MIB + _FORM_OVERHEAD),
        (re.compile(r"^/(asn|pelatihan|saya/pelatihan)/"), 15 * _MIB + _FORM_OVERHEAD),
        # Settlement reports and bank statements (the treasury checks 5 MB per file).
        (re.compile(r"^/keuangan/"), 5 * _MIB + _FORM_OVERHEAD),
    ]


def _wants_json(request: HttpRequest) -> bool:
    return request.path_info.startswith(
        ("/api/", "/open311/", "/payments/webhooks/", "/integrasi/whatsapp/")
    )


def refuse(request: HttpRequest, status: int, message: str) -> HttpResponse:
    """An answer in the shape the caller expects: the API's JSON error, or a page."""
    if _wants_json(request):
        code = {400: "bad_request", 413: "too_large"}.get(status, "error")
        return error_response(status, code, message)
    return render(request, "web/error.html", {"status": status, "message": message}, status=status)


class BodyLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        raw = request.META.get("CONTENT_LENGTH") or "0"
        try:
            length = int(raw)
        except ValueError:
            return refuse(request, 400, _("Panjang isi permintaan tidak sah."))
        limit = body_limit_for(request.path_info)
        if length > limit:
            return refuse(
                request,
                413,
                _("Isi permintaan terlalu besar (paling besar %(mb)s MB).")
                % {"mb": max(1, round(limit / 1024 / 1024))},
            )
        return self.get_response(request)


class InputGuardMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        problem = self._problem(request)
        if problem:
            return refuse(request, 400, problem)
        return self.get_response(request)

    def _problem(self, request: HttpRequest) -> str:
        bad_value = _("Permintaan berisi karakter yang tidak diizinkan.")
        if has_control_chars(request.path):
            return bad_value
        if any(_bad(k, v) for k, values in request.GET.lists() for v in [*values, ""]):
            return bad_value
        if request.method not in ("POST", "PUT", "PATCH", "DELETE"):
            return ""
        content_type = request.content_type or ""
        if request.path_info.startswith(("/payments/webhooks/", "/integrasi/whatsapp/")):
            # Gateway notifications are kept raw in the inbox, whatever they hold, and
            # parsed there behind the signature check: refusing them here would lose the
            # evidence of a forged or broken call.
            return ""
        if "json" in content_type:
            try:
                body = request.body
            except RequestDataTooBig:
                return _("Isi permintaan terlalu besar.")
            if json_has_nul(body):
                return bad_value
            if json_nesting_exceeds(body, JSON_MAX_DEPTH):
                return _("Data JSON bersarang terlalu dalam.")
        elif content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            try:
                fields = request.POST
            except TooManyFieldsSent:
                return _("Formulir berisi terlalu banyak isian.")
            except SuspiciousOperation:
                return _("Formulir tidak dapat dibaca.")
            if any(_bad(k, v) for k, values in fields.lists() for v in [*values, ""]):
                return bad_value
            if any(has_control_chars(name) for name in request.FILES):
                return bad_value
        return ""


def _bad(key: str, value: str) -> bool:
    return has_control_chars(key) or has_control_chars(value)
