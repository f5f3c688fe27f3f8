"""``POST /api/v1/auth/otp`` and ``POST /api/v1/auth/otp/verify``: phone sign-in for
citizen apps. The token answer works like ``/auth/token``'s (``Authorization: Bearer``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status

from kotacerdas.accounts.phone import PhoneInvalid
from kotacerdas.accounts.services.otp import OtpRefused, otp_send, otp_verify
from kotacerdas.core.api_errors import ApiError
from kotacerdas.core.middleware import client_ip
from kotacerdas.core.services.tokens import token_issue
from kotacerdas.core.tenancy import host_regency

router = Router(tags=["auth"])


class OtpIn(Schema):
    phone: str


class OtpSentOut(Schema):
    phone: str
    expires_in: int
    message: str


class OtpVerifyIn(Schema):
    phone: str
    code: str


class OtpTokenOut(Schema):
    token: str
    expires_at: str
    created: bool


def _refusal(exc: OtpRefused) -> ApiError:
    if exc.retry_after:
        return ApiError(429, exc.code, exc.message, {"retry_after": exc.retry_after})
    status = 403 if exc.code in ("staff_account", "inactive") else 400
    return ApiError(status, exc.code, exc.message)


@router.post(
    "/auth/otp", response={202: OtpSentOut}, auth=None, summary="Kirim kode masuk ke nomor ponsel"
)
def otp_request(request: HttpRequest, payload: OtpIn) -> Status[dict[str, Any]]:
    try:
        sent = otp_send(
            regency=host_regency(request), phone=payload.phone, client=client_ip(request) or ""
        )
    except PhoneInvalid as exc:
        raise ApiError(400, "phone_invalid", str(exc)) from exc
    except OtpRefused as exc:
        raise _refusal(exc) from exc
    return Status(
        202,
        {
            "phone": sent.phone,
            "expires_in": sent.expires_in,
            "message": "Kode dikirim lewat SMS.",
        },
    )


@router.post(
    "/auth/otp/verify",
    response={200: OtpTokenOut},
    auth=None,
    summary="Tukar kode masuk dengan token (akun warga dibuat saat pertama kali)",
)
def otp_confirm(request: HttpRequest, payload: OtpVerifyIn) -> dict[str, Any]:
    regency = host_regency(request)
    try:
        login = otp_verify(regency=regency, phone=payload.phone, code=payload.code)
    except PhoneInvalid as exc:
        raise ApiError(400, "phone_invalid", str(exc)) from exc
    except OtpRefused as exc:
        raise _refusal(exc) from exc
    token, raw = token_issue(user=login.user, regency=regency, name="otp")
    return {"token": raw, "expires_at": token.expires_at.isoformat(), "created": login.created}
