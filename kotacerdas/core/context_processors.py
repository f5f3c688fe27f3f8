from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from kotacerdas import __version__
from kotacerdas.core.selectors import user_roles


def platform(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    return {
        "kc_version": __version__,
        "kc_roles": user_roles(user) if user is not None else frozenset(),
    }
