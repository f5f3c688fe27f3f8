"""Which regency a request or command acts for."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from kotacerdas.core.models import Regency, User


def default_regency() -> Regency:
    """The regency this deployment is configured for (``KOTACERDAS_REGENCY_CODE``)."""
    return Regency.objects.get(code=settings.KOTACERDAS_REGENCY_CODE)


def request_regency(request: HttpRequest) -> Regency:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.regency_id is not None:
        return user.regency
    return default_regency()


def acting_user(request: HttpRequest) -> User:
    """The signed-in user of a request that a permission check already let through."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionError("this action needs a signed-in user")
    return user
