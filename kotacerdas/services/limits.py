"""Submission limits that do not punish neighbours: only accepted submissions count;
the limit is per account (signed in) or per device (a random cookie), and the client
address is only a coarse ceiling, so one clumsy citizen behind a carrier NAT does not
block the others."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse

from kotacerdas.core.middleware import client_ip
from kotacerdas.core.services.ratelimit import rate_hit, rate_peek

DEVICE_COOKIE = "kc_perangkat"
PER_SUBMITTER_PER_HOUR = 10
PER_ADDRESS_PER_HOUR = 60  # a shared address (kantor desa, warnet, carrier NAT) files more


def device_id(request: HttpRequest) -> str:
    """The device cookie's value (URL-safe, bounded) or a fresh one."""
    value = request.COOKIES.get(DEVICE_COOKIE, "")
    if 16 <= len(value) <= 64 and value.replace("-", "").replace("_", "").isalnum():
        return value
    fresh: str = getattr(request, "_kc_device", "") or secrets.token_urlsafe(18)
    request._kc_device = fresh  # type: ignore[attr-defined]
    return fresh


def device_cookie_set(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    if request.COOKIES.get(DEVICE_COOKIE) != device_id(request):
        response.set_cookie(
            DEVICE_COOKIE,
            device_id(request),
            max_age=365 * 86400,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response


def _keys(request: HttpRequest, scope: str) -> list[tuple[str, int]]:
    user = request.user
    who = f"user:{user.pk}" if user.is_authenticated else f"device:{device_id(request)}"
    return [
        (f"{scope}:{who}", PER_SUBMITTER_PER_HOUR),
        (f"{scope}:ip:{client_ip(request) or '-'}", PER_ADDRESS_PER_HOUR),
    ]


@dataclass(frozen=True)
class Blocked:
    retry_after: int

    @property
    def message(self) -> str:
        minutes = max(1, -(-self.retry_after // 60))
        return (
            "Sudah banyak laporan terkirim dari akun atau perangkat ini dalam satu jam. "
            f"Coba lagi dalam {minutes} menit."
        )


def submit_blocked(request: HttpRequest, scope: str = "services-submit") -> Blocked | None:
    for key, limit in _keys(request, scope):
        state = rate_peek(key=key, limit=limit, window_seconds=3600)
        if state.exceeded:
            return Blocked(retry_after=state.retry_after)
    return None


def submit_counted(request: HttpRequest, scope: str = "services-submit") -> None:
    """Called after a submission was accepted (never for refused input)."""
    for key, limit in _keys(request, scope):
        rate_hit(key=key, limit=limit, window_seconds=3600)
