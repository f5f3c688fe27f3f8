from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from kotacerdas import __version__
from kotacerdas.core.models import Regency
from kotacerdas.core.selectors import user_roles
from kotacerdas.core.tenancy import UnknownRegency, request_regency


def platform(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    return {
        "kc_version": __version__,
        "kc_roles": user_roles(user) if user is not None else frozenset(),
        "kc_regency": _page_regency(request),
    }


def _page_regency(request: HttpRequest) -> Regency | None:
    """The regency the page speaks for, named in the header: the signed-in user's, else
    the host's (the deployment rule); none on a host no regency serves."""
    try:
        return request_regency(request)
    except UnknownRegency:
        return None
