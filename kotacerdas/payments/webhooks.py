"""Incoming gateway notifications. Verify first; record everything; answer fast."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from kotacerdas.core.api_errors import error_response
from kotacerdas.core.middleware import client_ip
from kotacerdas.core.permissions import PUBLIC, access
from kotacerdas.core.services.ratelimit import rate_hit, rate_peek
from kotacerdas.payments.models import Provider
from kotacerdas.payments.services.inbox import Received, delivery_receive

# Unverified calls per IP per minute before we stop even recording them.
UNVERIFIED_LIMIT = 30
UNVERIFIED_WINDOW = 60


def _limit_key(request: HttpRequest) -> str:
    return f"payments:webhook:unverified:{client_ip(request) or '-'}"


def _receive(request: HttpRequest, provider: str) -> Received | HttpResponse:
    length = int(request.META.get("CONTENT_LENGTH") or 0)
    if length > settings.KOTACERDAS_WEBHOOK_MAX_BYTES:
        return error_response(413, "too_large", "Notifikasi terlalu besar.")
    state = rate_peek(key=_limit_key(request), limit=UNVERIFIED_LIMIT, window_seconds=60)
    if state.exceeded:
        return error_response(
            429,
            "rate_limited",
            "Terlalu banyak notifikasi tidak sah dari alamat ini.",
            {"retry_after": state.retry_after},
            headers={"Retry-After": str(state.retry_after)},
        )
    body = request.read(settings.KOTACERDAS_WEBHOOK_MAX_BYTES + 1)
    if len(body) > settings.KOTACERDAS_WEBHOOK_MAX_BYTES:
        return error_response(413, "too_large", "Notifikasi terlalu besar.")
    received = delivery_receive(
        provider=provider,
        body=body,
        headers=dict(request.headers),
        path=request.path,
        source_ip=client_ip(request),
    )
    if not received.verified:
        rate_hit(key=_limit_key(request), limit=UNVERIFIED_LIMIT, window_seconds=60)
    return received


def _forged() -> HttpResponse:
    return error_response(401, "invalid_signature", "Tanda tangan notifikasi tidak sah.")


def _ok(received: Received) -> JsonResponse:
    return JsonResponse({"status": "ok", "outcome": received.outcome})


@csrf_exempt
@access(PUBLIC)
@require_http_methods(["POST"])
def midtrans(request: HttpRequest) -> HttpResponse:
    received = _receive(request, Provider.MIDTRANS)
    if isinstance(received, HttpResponse):
        return received
    return _ok(received) if received.verified else _forged()


@csrf_exempt
@access(PUBLIC)
@require_http_methods(["POST"])
def xendit(request: HttpRequest) -> HttpResponse:
    received = _receive(request, Provider.XENDIT)
    if isinstance(received, HttpResponse):
        return received
    return _ok(received) if received.verified else _forged()


def _snap(status: int, code: str, message: str, **extra: Any) -> JsonResponse:
    return JsonResponse({"responseCode": code, "responseMessage": message, **extra}, status=status)


@csrf_exempt
@access(PUBLIC)
@require_http_methods(["POST"])
def snap_notify(request: HttpRequest) -> HttpResponse:
    """SNAP answers in SNAP's shape: ``2005200`` on success, ``4015200`` when the
    signature fails (with our error object alongside)."""
    received = _receive(request, Provider.SNAP)
    if isinstance(received, HttpResponse):
        return received
    if not received.verified:
        return _snap(
            401,
            "4015200",
            "Unauthorized. Signature",
            error={
                "code": "invalid_signature",
                "message": "Tanda tangan tidak sah.",
                "details": {},
            },
        )
    return _snap(200, "2005200", "Successful")
