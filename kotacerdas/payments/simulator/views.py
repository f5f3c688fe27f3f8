"""The simulator's HTTP face: the Midtrans Core API subset that ``midtransclient`` uses,
plus ``/pay`` (simulator-only) and a page where a person pays a QR in the demo."""

from __future__ import annotations

import base64
import binascii
import json
import uuid
from datetime import timedelta
from functools import wraps
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from kotacerdas import qris
from kotacerdas.core.models import Regency
from kotacerdas.core.permissions import PUBLIC, access
from kotacerdas.payments.providers import webhook_url
from kotacerdas.payments.providers.base import rupiah, same_secret
from kotacerdas.payments.simulator.models import SimTransaction
from kotacerdas.payments.simulator.notifier import (
    kick,
    parse_chaos,
    queue_notifications,
    transaction_body,
    wib,
)


def _enabled(view: Any) -> Any:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not settings.KOTACERDAS_SIMULATOR_ENABLED:
            raise Http404("simulator disabled")
        response: HttpResponse = view(request, *args, **kwargs)
        return response

    return wrapped


def _answer(status: int, message: str, **extra: Any) -> JsonResponse:
    return JsonResponse(
        {"status_code": str(status), "status_message": message, **extra}, status=status
    )


def _authorised(request: HttpRequest) -> bool:
    raw = request.headers.get("Authorization", "")
    if not raw.startswith("Basic "):
        return False
    try:
        user, _, _password = base64.b64decode(raw[6:]).decode("utf-8").partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return False
    return same_secret(user, settings.KOTACERDAS_MIDTRANS_SERVER_KEY)


def _api(view: Any) -> Any:
    """Basic auth with the server key, like Midtrans."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not _authorised(request):
            return _answer(
                401,
                "Access denied due to unauthorized transaction, please check client or server key",
            )
        response: HttpResponse = view(request, *args, **kwargs)
        return response

    return wrapped


def _merchant() -> dict[str, str]:
    regency = Regency.objects.filter(code=settings.KOTACERDAS_REGENCY_CODE).first()
    return {
        "merchant_name": "PARKIR KOTIM SIMULATOR",
        "merchant_city": (regency.qris_city if regency and regency.qris_city else "SAMPIT"),
        "postal_code": (regency.postal_code if regency and regency.postal_code else "74322"),
        "mcc": "7523",
        "nmid": (regency.qris_nmid if regency and regency.qris_nmid else "ID1020012345678"),
    }


def _lazy_expire(tx: SimTransaction) -> SimTransaction:
    """Midtrans expires pending transactions on its own schedule; so do we, on read."""
    if tx.status == "pending" and tx.expiry_at <= timezone.now():
        with transaction.atomic():
            if SimTransaction.objects.filter(pk=tx.pk, status="pending").update(status="expire"):
                tx.refresh_from_db()
                queue_notifications(tx, chaos={})
                kick()
        tx.refresh_from_db()
    return tx


def _body_of(tx: SimTransaction, request: HttpRequest) -> dict[str, Any]:
    body = transaction_body(tx, api=True)
    body["qr_string"] = tx.qr_string
    return body


@csrf_exempt
@access(PUBLIC)
@_enabled
@require_http_methods(["POST"])
@_api
def charge(request: HttpRequest) -> HttpResponse:
    try:
        data = json.loads(request.body or b"{}")
    except ValueError:
        return _answer(400, "Invalid JSON")
    if not isinstance(data, dict) or data.get("payment_type") != "qris":
        return _answer(400, "Simulator supports payment_type qris only")
    details = data.get("transaction_details") or {}
    order_id = str(details.get("order_id", ""))
    amount = rupiah(details.get("gross_amount"))
    if not order_id or len(order_id) > 50 or amount is None or amount <= 0:
        return _answer(400, "transaction_details.order_id and gross_amount are required")
    expiry = data.get("custom_expiry") or {}
    units = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}
    seconds = int(expiry.get("expiry_duration", 15)) * units.get(
        str(expiry.get("unit", "minute")), 60
    )
    notify = request.headers.get("X-Override-Notification", "").split(",")[0].strip()
    try:
        chaos = parse_chaos(json.loads(request.headers.get("X-Simulator-Chaos", "") or "{}"))
    except ValueError:
        return _answer(400, "X-Simulator-Chaos must be a JSON object")
    try:
        merchant = _merchant()
        payload = qris.build(
            merchant_name=merchant["merchant_name"],
            merchant_city=merchant["merchant_city"],
            postal_code=merchant["postal_code"],
            mcc=merchant["mcc"],
            nmid=merchant["nmid"],
            amount=amount,
            reference=order_id[-25:],
        )
    except qris.QRISError as exc:
        return _answer(400, f"QR not buildable: {exc}")
    try:
        with transaction.atomic():
            tx = SimTransaction.objects.create(
                order_id=order_id,
                transaction_id=str(uuid.uuid4()),
                gross_amount=amount,
                qr_string=payload,
                notification_url=notify or webhook_url("midtrans"),
                chaos=chaos,
                expiry_at=timezone.now() + timedelta(seconds=max(seconds, 1)),
            )
    except IntegrityError:
        return _answer(
            406,
            "The request could not be completed due to a conflict with the current state of "
            "the target resource, order_id has already been taken",
        )
    base = request.build_absolute_uri("/simulator/midtrans")
    body = _body_of(tx, request)
    body.update(
        status_code="201",
        status_message="QRIS transaction is created",
        actions=[
            {
                "name": "generate-qr-code",
                "method": "GET",
                "url": f"{base}/v2/qris/{tx.transaction_id}/qr-code",
            }
        ],
    )
    body.pop("signature_key", None)
    return JsonResponse(body, status=200)


def _find(order_id: str) -> SimTransaction | None:
    return (
        SimTransaction.objects.filter(order_id=order_id).first()
        or SimTransaction.objects.filter(transaction_id=order_id).first()
    )


def _missing() -> JsonResponse:
    return _answer(404, "Transaction doesn't exist.")


@csrf_exempt
@access(PUBLIC)
@_enabled
@require_http_methods(["GET"])
@_api
def status(request: HttpRequest, order_id: str) -> HttpResponse:
    tx = _find(order_id)
    if tx is None:
        return _missing()
    tx = _lazy_expire(tx)
    body = _body_of(tx, request)
    body["status_message"] = (
        "Success, transaction has expired"
        if tx.status == "expire"
        else "Success, transaction is found"
    )
    # Midtrans puts the result in the body's status_code; the HTTP status is 200 for a
    # found transaction (midtransclient reads the body, not the HTTP line).
    return JsonResponse(body)


def _close(order_id: str, to: str, code: str, message: str) -> HttpResponse:
    tx = _find(order_id)
    if tx is None:
        return _missing()
    tx = _lazy_expire(tx)
    with transaction.atomic():
        changed = SimTransaction.objects.filter(pk=tx.pk, status="pending").update(status=to)
        tx.refresh_from_db()
        if changed:
            queue_notifications(tx, chaos={})
            kick()
    if tx.status != to:
        return _answer(412, "Merchant cannot modify the status of the transaction")
    body = transaction_body(tx, api=True)
    body.update(status_code=code, status_message=message)
    return JsonResponse(body)


@csrf_exempt
@access(PUBLIC)
@_enabled
@require_http_methods(["POST"])
@_api
def cancel(request: HttpRequest, order_id: str) -> HttpResponse:
    return _close(order_id, "cancel", "200", "Success, transaction is canceled")


@csrf_exempt
@access(PUBLIC)
@_enabled
@require_http_methods(["POST"])
@_api
def expire(request: HttpRequest, order_id: str) -> HttpResponse:
    # Midtrans answers a successful expire with status_code 407 (midtransclient
    # deliberately does not treat 407 as an error).
    return _close(order_id, "expire", "407", "Success, transaction has expired")


def settle(tx: SimTransaction, *, amount: int | None, late: bool, chaos: dict[str, Any]) -> str:
    """Pay a transaction. ``late``: pay even after expiry (a QR screenshot paid after the
    deadline, shared doc §11). ``amount``: pay a different amount (tests mismatch)."""
    tx = _lazy_expire(tx)
    allowed = ["pending", "expire", "cancel"] if late else ["pending"]
    with transaction.atomic():
        changed = SimTransaction.objects.filter(pk=tx.pk, status__in=allowed).update(
            status="settlement",
            settled_at=timezone.now(),
            paid_amount=amount,
            chaos={**tx.chaos, **chaos},
        )
        if not changed:
            return "not_payable"
        tx.refresh_from_db()
        queue_notifications(tx, chaos=tx.chaos)
        kick()
    return "settled"


@csrf_exempt
@access(PUBLIC)
@_enabled
@require_http_methods(["POST"])
@_api
def pay(request: HttpRequest, order_id: str) -> HttpResponse:
    """Simulator-only: settle and queue the signed notification(s). Chaos options as
    query parameters: duplicates, out_of_order, fail_first, delay, compress; ``late=1``
    pays an expired transaction; ``amount`` pays a different amount."""
    tx = _find(order_id)
    if tx is None:
        return _missing()
    params = request.GET
    amount = rupiah(params.get("amount")) if params.get("amount") else None
    result = settle(
        tx,
        amount=amount,
        late=params.get("late") in {"1", "true"},
        chaos=parse_chaos(params),
    )
    if result != "settled":
        return _answer(412, "Transaction is not payable")
    tx.refresh_from_db()
    body = transaction_body(tx)
    body["status_message"] = "Success, transaction is settled (simulator)"
    return JsonResponse(body)


@csrf_exempt
@access(PUBLIC)
@_enabled
@require_http_methods(["GET"])
def qr_code(request: HttpRequest, transaction_id: str) -> HttpResponse:
    tx = SimTransaction.objects.filter(transaction_id=transaction_id).first()
    if tx is None:
        raise Http404("no such transaction")
    return HttpResponse(qris.render_png(tx.qr_string), content_type="image/png")


def _lookup(text: str) -> SimTransaction | None:
    text = text.strip()
    if not text:
        return None
    found = SimTransaction.objects.filter(qr_string=text).first() or _find(text)
    if found is None and qris.is_valid(text):
        reference = qris.parse(text).get("62.05")
        if reference:
            found = SimTransaction.objects.filter(order_id__endswith=reference).first()
    return found


@access(PUBLIC)
@_enabled
@require_http_methods(["GET", "POST"])
def pay_page(request: HttpRequest) -> HttpResponse:
    """Demo: paste (or scan) a QR, check what it charges, tap Bayar."""
    context: dict[str, Any] = {"text": "", "tx": None, "message": "", "error": ""}
    status_code = 200
    if request.method == "POST":
        text = request.POST.get("qr", "")
        context["text"] = text
        tx = _lookup(text)
        if tx is None:
            context["error"] = _("QR tidak dikenal oleh simulator.")
            status_code = 404 if text.strip() else 400
        else:
            tx = _lazy_expire(tx)
            context["tx"] = tx
            if request.POST.get("action") == "pay":
                result = settle(tx, amount=None, late=False, chaos=parse_chaos(request.POST))
                tx.refresh_from_db()
                context["tx"] = tx
                if result == "settled":
                    context["message"] = _("Pembayaran berhasil. Notifikasi dikirim ke platform.")
                else:
                    context["error"] = _("Transaksi ini tidak dapat dibayar lagi.")
                    status_code = 409
    if context["tx"] is not None:
        context["expiry"] = wib(context["tx"].expiry_at)
    return render(request, "simulator/pay.html", context, status=status_code)
