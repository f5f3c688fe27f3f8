"""Authentication for the JSON API: ``Authorization: Bearer <token>`` for phones and
outside systems, or the browser session (with CSRF) for the platform's own pages."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import APIKeyCookie, HttpBearer

from kotacerdas.core.services.tokens import token_authenticate


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        api_token = token_authenticate(token)
        if api_token is None:
            return None
        request.user = api_token.user
        request.api_token = api_token  # type: ignore[attr-defined]
        return api_token.user


class SessionAuth(APIKeyCookie):
    """Django's session cookie; CSRF is checked for unsafe methods by ninja."""

    param_name = "sessionid"

    def __call__(self, request: HttpRequest) -> Any:
        # Without a signed-in session there is nothing for a forged request to ride on,
        # so a caller with neither a token nor a session gets 401, not a CSRF 403.
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        return super().__call__(request)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return user
        return None


API_AUTH = [BearerToken(), SessionAuth()]
