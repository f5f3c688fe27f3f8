"""Incoming gateway notifications. Verify first; record everything; answer fast.

A verified call is answered 200 as soon as its row is committed, and processed after
the answer has been sent (``_ThenProcess``); if that processing fails or the worker
dies, the ``payments.retry_inbox`` job does it. A call that could not be stored is
answered 503 so the gateway sends it again: we never acknowledge a fact we do not hold."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from kotacerdas.core.api_errors import error_response
from kotacerdas.core.middleware import client_ip
from kotacerdas.core.permissions import PUBLIC, access
from kotacerdas.core.services.ratelimit import rate_hit, rate_peek
from kotacerdas.payments.models import Provider
from kotacerdas.payments.services.inbox import (
    InboxUnavailable,
    Received,
    delivery_check,
    delivery_process_quietly,
    delivery_receive,
)

UNVERIFIED_WINDOW = 60


def _limit_keys(request: HttpRequest) -> list[tuple[str, int]]:
    """Budgets of calls that failed verification, per source address and over all
    addresses: past them, further unverifiable calls are answered 429 without being
    recorded. Only failures are counted and a call with a valid signature is never
    refused, so forgeries (from one address, or spoofed from many) cannot silence the
    gateway; the global ceiling bounds what a spread-out flood can write."""
    return [
        (
            f"payments:webhook:unverified:{client_ip(request) or '-'}",
            settings.KOTACERDAS_WEBHOOK_UNVERIFIED_PER_IP,
        ),
        ("payments:webhook:unverified:*", settings.KOTACERDAS_WEBHOOK_UNVERIFIED_CEILING),
    ]


def _receive(request: HttpRequest, provider: str) -> Received | HttpResponse:
    length = int(request.META.get("CONTENT_LENGTH") or 0)
    if length > settings.KOTACERDAS_WEBHOOK_MAX_BYTES:
        return error_response(413, "too_large", "Notifikasi terlalu besar.")
    body = request.read(settings.KOTACERDAS_WEBHOOK_MAX_BYTES + 1)
    if len(body) > settings.KOTACERDAS_WEBHOOK_MAX_BYTES:
        return error_response(413, "too_large", "Notifikasi terlalu besar.")
    headers = dict(request.headers)
    regency_code = request.GET.get("r", "")[:8]
    try:
        checked = delivery_check(
            provider=provider,
            body=body,
            headers=headers,
            path=request.path,
            regency_code=regency_code,
        )
        if not checked.verified:
            # Only calls that fail verification are limited: a genuine notification is
            # stored whatever a flood of forgeries has used up, and costs no lookups here.
            states = [
                rate_peek(key=key, limit=limit, window_seconds=UNVERIFIED_WINDOW)
                for key, limit in _limit_keys(request)
            ]
            exceeded = [state for state in states if state.exceeded]
            if exceeded:
                retry = max(state.retry_after for state in exceeded)
                return error_response(
                    429,
                    "rate_limited",
                    "Terlalu banyak notifikasi tidak sah.",
                    {"retry_after": retry},
                    headers={"Retry-After": str(retry)},
                )
        received = delivery_receive(
            provider=provider,
            body=body,
            headers=headers,
            path=request.path,
            source_ip=client_ip(request),
            regency_code=regency_code,
            checked=checked,
        )
    except (InboxUnavailable, DatabaseError):
        return error_response(
            503,
            "unavailable",
            "Notifikasi belum dapat disimpan. Kirim ulang nanti.",
            headers={"Retry-After": "30"},
        )
    if not received.verified:
        for key, limit in _limit_keys(request):
            rate_hit(key=key, limit=limit, window_seconds=UNVERIFIED_WINDOW)
    return received


def _forged() -> HttpResponse:
    return error_response(401, "invalid_signature", "Tanda tangan notifikasi tidak sah.")


class _ThenProcess(JsonResponse):
    """A JSON answer that processes the delivery once the server has sent it: the WSGI
    server calls ``close()`` after the last byte, so the gateway never waits for our
    status query or the ledger."""

    def __init__(self, data: dict[str, Any], *, after: Callable[[], None], **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self._after = after

    def close(self) -> None:
        try:
            self._after()
        finally:
            super().close()


def _processing(received: Received) -> Callable[[], None]:
    delivery_id = received.delivery.pk
    return lambda: delivery_process_quietly(delivery_id)


def _answer(data: dict[str, Any], received: Received) -> JsonResponse:
    """``KOTACERDAS_WEBHOOK_PROCESSING``: ``"after_response"`` (default) processes once the
    answer is sent; ``"job"`` leaves it to the job runner (the request only verifies and
    inserts); ``"inline"`` (the test settings: their live server shares one SQLite
    connection between threads, so nothing may run after the answer) processes before
    answering."""
    mode = getattr(settings, "KOTACERDAS_WEBHOOK_PROCESSING", "after_response")
    if mode == "job":
        return JsonResponse(data)
    if mode == "inline":
        _processing(received)()
        return JsonResponse(data)
    return _ThenProcess(data, after=_processing(received))


def _ok(received: Received) -> JsonResponse:
    return _answer({"status": "ok", "outcome": received.outcome}, received)


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
    return _answer({"responseCode": "2005200", "responseMessage": "Successful"}, received)
