"""The login lockout shared by the sign-in page and the API's token endpoint.

Keys: the username *from one address* (KOTACERDAS_LOGIN_MAX_FAILURES), so a stranger
guessing someone's password locks out only himself, never the owner on another network;
and a coarse ceiling per address whatever the username (KOTACERDAS_LOGIN_IP_CEILING),
high enough for a carrier NAT that puts thousands of phones behind one address.

Every attempt takes a slot *before* the password is checked and gives it back only when
the password was right, so concurrent attempts cannot slip past the limit between
"check the count" and "count the failure": at most ``limit`` password checks happen per
window however many requests arrive at once."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.conf import settings

from kotacerdas.core.services.ratelimit import (
    rate_acquire,
    rate_release,
    rate_reset,
    rate_retry_after,
)


@dataclass(frozen=True)
class LoginSlot:
    user_key: str
    ip_key: str


def _keys(username: str, ip: str | None) -> LoginSlot:
    # The username is hashed: keys are stored, and a mistyped password pasted into the
    # username field must not sit in the database in clear.
    name = hashlib.sha256(username.strip().lower().encode("utf-8", "replace")).hexdigest()[:32]
    address = ip or "-"
    return LoginSlot(user_key=f"login:user-ip:{name}:{address}", ip_key=f"login:ip:{address}")


def login_attempt_begin(*, username: str, ip: str | None) -> LoginSlot | int:
    """A slot for one password check, or the seconds to wait when locked out."""
    window = settings.KOTACERDAS_LOGIN_LOCKOUT_SECONDS
    slot = _keys(username, ip)
    if (
        rate_acquire(
            key=slot.user_key, limit=settings.KOTACERDAS_LOGIN_MAX_FAILURES, window_seconds=window
        )
        is None
    ):
        return rate_retry_after(window_seconds=window)
    if (
        rate_acquire(
            key=slot.ip_key, limit=settings.KOTACERDAS_LOGIN_IP_CEILING, window_seconds=window
        )
        is None
    ):
        rate_release(key=slot.user_key, window_seconds=window)
        return rate_retry_after(window_seconds=window)
    return slot


def login_attempt_succeeded(slot: LoginSlot) -> None:
    """The password was right: earlier failures of this person from this address are
    forgiven, and the attempt does not count against the address's ceiling."""
    rate_reset(key=slot.user_key)
    rate_release(key=slot.ip_key, window_seconds=settings.KOTACERDAS_LOGIN_LOCKOUT_SECONDS)
