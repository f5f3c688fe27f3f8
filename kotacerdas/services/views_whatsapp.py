"""The WhatsApp webhook (``/integrasi/whatsapp/masuk``): the signature of the raw body
first, then the messages, each handled once (``services/whatsapp_intake.py``).

Answers are JSON in Indonesian. The input guard lets this path through untouched (like
the payment webhooks), so a forged or broken call is still kept raw here and answered
with a clear 4xx instead of being dropped before anyone can see it."""

from __future__ import annotations

import hmac

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from kotacerdas.core.middleware import client_ip
from kotacerdas.core.permissions import PUBLIC, access
from kotacerdas.core.services.ratelimit import rate_hit
from kotacerdas.core.tenancy import host_regency
from kotacerdas.services.services.whatsapp_intake import (
    whatsapp_message_handle,
    whatsapp_refused_keep,
)
from kotacerdas.services.whatsapp import (
    SIGNATURE_HEADER,
    PayloadInvalid,
    messages_parse,
    signature_valid,
)

MAX_BODY = 64 * 1024


def _keep_refused(request: HttpRequest, body: bytes, reason: str) -> None:
    """Refused calls are kept while a source sends few of them, so a flood of forgeries
    cannot fill the table; past the limit they are only counted."""
    per_ip = int(getattr(settings, "KOTACERDAS_WEBHOOK_UNVERIFIED_PER_IP", 30))
    state = rate_hit(
        key=f"whatsapp:refused:{client_ip(request) or '-'}", limit=per_ip, window_seconds=60
    )
    if state.count <= state.limit:
        whatsapp_refused_keep(regency=host_regency(request), raw_body=body, reason=reason)


def _handshake(request: HttpRequest) -> HttpResponse:
    """The provider's subscription check: echo ``hub.challenge`` when the verify token
    matches ``KOTACERDAS_WHATSAPP_VERIFY_TOKEN``."""
    expected = str(getattr(settings, "KOTACERDAS_WHATSAPP_VERIFY_TOKEN", ""))
    given = request.GET.get("hub.verify_token", "")
    challenge = request.GET.get("hub.challenge", "")
    if (
        expected
        and request.GET.get("hub.mode") == "subscribe"
        and hmac.compare_digest(expected.encode(), given.encode())
        and challenge.isascii()
        and challenge.isalnum()
        and len(challenge) <= 64
    ):
        return HttpResponse(challenge, content_type="text/plain; charset=utf-8")
    return JsonResponse({"error": "Token verifikasi tidak cocok."}, status=403)


@csrf_exempt
@access(PUBLIC)
def incoming(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _handshake(request)
    if request.method != "POST":
        return JsonResponse({"error": "Gunakan POST."}, status=405)
    body = request.body[: MAX_BODY + 1]
    secret = str(getattr(settings, "KOTACERDAS_WHATSAPP_SECRET", ""))
    if not signature_valid(secret, body, request.headers.get(SIGNATURE_HEADER, "")):
        _keep_refused(request, body, "signature")
        return JsonResponse({"error": "Tanda tangan tidak sah. Pesan tidak diproses."}, status=403)
    if len(body) > MAX_BODY:
        _keep_refused(request, body[:MAX_BODY], "too_large")
        return JsonResponse({"error": "Data terlalu besar (paling besar 64 KB)."}, status=413)
    try:
        messages = messages_parse(body)
    except PayloadInvalid as exc:
        _keep_refused(request, body, "unreadable")
        return JsonResponse({"error": str(exc)}, status=400)
    regency = host_regency(request)
    outcomes = [
        whatsapp_message_handle(regency=regency, message=m, raw_body=body).outcome for m in messages
    ]
    return JsonResponse(
        {
            "diterima": len(outcomes),
            "diproses": sum(1 for o in outcomes if o != "duplicate"),
            "duplikat": outcomes.count("duplicate"),
        }
    )
