"""Core JSON endpoints: token login, token revocation, the caller's identity."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import authenticate
from django.http import HttpRequest
from ninja import Router, Schema, Status

from kotacerdas.core.api_auth import API_AUTH
from kotacerdas.core.api_errors import ApiError
from kotacerdas.core.middleware import client_ip
from kotacerdas.core.models import User
from kotacerdas.core.selectors import user_roles
from kotacerdas.core.services.logins import login_attempt_begin, login_attempt_succeeded
from kotacerdas.core.services.tokens import token_issue, token_revoke
from kotacerdas.core.tenancy import acting_user

router = Router(tags=["auth"])

# Pluggable: the parking app fills the attendant block of /me when it is installed.
ME_EXTENSIONS: dict[str, Any] = {}


class TokenIn(Schema):
    username: str
    password: str
    name: str = ""


class TokenOut(Schema):
    token: str
    expires_at: str


class MeOut(Schema):
    username: str
    name: str
    regency: str | None
    opd: str | None
    roles: list[str]
    attendant: dict[str, Any] | None


@router.post(
    "/auth/token",
    response={201: TokenOut},
    auth=None,
    summary="Tukar username+password dengan token",
)
def token_create(request: HttpRequest, payload: TokenIn) -> Status[dict[str, str]]:
    slot = login_attempt_begin(username=payload.username, ip=client_ip(request))
    if isinstance(slot, int):
        raise ApiError(
            429,
            "rate_limited",
            "Terlalu banyak percobaan masuk yang gagal. Coba lagi nanti.",
            {"retry_after": slot},
        )
    user = authenticate(request, username=payload.username, password=payload.password)
    if not isinstance(user, User) or user.regency is None:
        raise ApiError(401, "invalid_credentials", "Username atau kata sandi salah.")
    login_attempt_succeeded(slot)
    token, raw = token_issue(user=user, regency=user.regency, name=payload.name or "api")
    return Status(201, {"token": raw, "expires_at": token.expires_at.isoformat()})


@router.delete(
    "/auth/token", response={204: None}, auth=API_AUTH, summary="Cabut token yang sedang dipakai"
)
def token_delete(request: HttpRequest) -> Status[None]:
    token = getattr(request, "api_token", None)
    if token is None:
        raise ApiError(400, "no_token", "Permintaan ini tidak memakai token Bearer.")
    token_revoke(token=token, actor=acting_user(request))
    return Status(204, None)


@router.get("/me", response=MeOut, auth=API_AUTH, summary="Identitas dan peran pemanggil")
def me(request: HttpRequest) -> dict[str, Any]:
    user: Any = request.user
    attendant = None
    provider = ME_EXTENSIONS.get("attendant")
    if provider is not None:
        attendant = provider(user)
    return {
        "username": user.username,
        "name": user.get_full_name() or user.username,
        "regency": user.regency.jurisdiction_id if user.regency_id else None,
        "opd": user.opd.code if user.opd_id else None,
        "roles": sorted(user_roles(user)),
        "attendant": attendant,
    }
