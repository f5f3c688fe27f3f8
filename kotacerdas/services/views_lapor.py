"""SP4N-LAPOR! integration endpoints: signed with HMAC-SHA256 of the raw body
(``X-Lapor-Signature``), JSON in and out; see ``services/lapor.py``."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from kotacerdas.core.permissions import PUBLIC, access
from kotacerdas.core.tenancy import host_regency
from kotacerdas.services import selectors
from kotacerdas.services.lapor import (
    lapor_import,
    lapor_record,
    lapor_update_apply,
    signature_valid,
)
from kotacerdas.services.services.requests import RequestInvalid

MAX_BODY = 64 * 1024


def _signed_json(request: HttpRequest) -> dict[str, Any] | JsonResponse:
    body = request.body[: MAX_BODY + 1]
    if not signature_valid(body, request.headers.get("X-Lapor-Signature", "")):
        return JsonResponse({"error": "Tanda tangan tidak sah."}, status=403)
    if len(body) > MAX_BODY:
        return JsonResponse({"error": "Data terlalu besar."}, status=400)
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError):
        return JsonResponse({"error": "Data bukan JSON yang sah."}, status=400)
    if not isinstance(data, dict):
        return JsonResponse({"error": "Data harus objek JSON."}, status=400)
    return data


@csrf_exempt
@access(PUBLIC)
def export_record(request: HttpRequest, tracking: str) -> JsonResponse:
    """GET with the signature of the tracking number as body."""
    if not signature_valid(tracking.encode(), request.headers.get("X-Lapor-Signature", "")):
        return JsonResponse({"error": "Tanda tangan tidak sah."}, status=403)
    item = selectors.request_by_tracking(regency=host_regency(request), tracking_number=tracking)
    if item is None:
        return JsonResponse({"error": "Laporan tidak ditemukan."}, status=404)
    return JsonResponse(lapor_record(item), json_dumps_params={"ensure_ascii": False})


@csrf_exempt
@access(PUBLIC)
def incoming(request: HttpRequest) -> JsonResponse:
    """POST a report (``"jenis": "laporan"``) or a status update (``"jenis": "status"``)."""
    data = _signed_json(request)  # the signature first: unsigned callers learn nothing
    if isinstance(data, JsonResponse):
        return data
    if request.method != "POST":
        return JsonResponse({"error": "Gunakan POST."}, status=405)
    regency = host_regency(request)
    try:
        if data.get("jenis") == "laporan":
            item, created = lapor_import(regency=regency, record=data)
            return JsonResponse(
                {"tracking_number": item.tracking_number, "created": created},
                status=201 if created else 200,
            )
        update, created = lapor_update_apply(regency=regency, payload=data)
    except RequestInvalid as exc:
        return JsonResponse({"error": str(exc), "field": exc.field}, status=400)
    return JsonResponse({"update_id": update.update_id, "applied": created})
