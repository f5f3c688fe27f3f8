"""Secret links for reporters (``/lapor/saya/<token>/``), stored hashed.

The token is ``HMAC(SECRET_KEY, nonce)``; the row keeps the random nonce and the
SHA-256 of the token. Every notice can repeat the same link (recomputed from the nonce)
and the page finds the row by the token's hash, yet someone holding a copy of the
database (a backup, a read replica, an export) can neither read a token nor make one.
Rotating SECRET_KEY changes every link already sent (see docs/security.md)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import TYPE_CHECKING

from django.utils.crypto import salted_hmac

if TYPE_CHECKING:
    from kotacerdas.services.models import ServiceRequest

_SALT = "kotacerdas.services.reporter-link"
MAX_TOKEN_LENGTH = 64


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8", "replace")).hexdigest()


def _derive(nonce: str) -> str:
    return salted_hmac(_SALT, nonce, algorithm="sha256").hexdigest()[:40]


def reporter_token_new() -> tuple[str, str]:
    """(nonce, hash) for a new request's row."""
    nonce = secrets.token_hex(16)
    return nonce, token_hash(_derive(nonce))


def reporter_link_token(request: ServiceRequest) -> str:
    """The token of the reporter's link, for notices and the redirect after submitting."""
    return _derive(request.reporter_token_nonce)


def reporter_token_matches(request: ServiceRequest, given: str) -> bool:
    """Constant-time check of a token from a URL against the row's stored hashes."""
    if not given or len(given) > MAX_TOKEN_LENGTH:
        return False
    digest = token_hash(given)
    return hmac.compare_digest(digest, request.reporter_token) or bool(
        request.reporter_token_legacy and hmac.compare_digest(digest, request.reporter_token_legacy)
    )
