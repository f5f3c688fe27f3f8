"""Whether a cash record taken on the phone without signal may still be accepted.

Pure logic (no Django): the service passes the server clock and the configured bounds.
The window is bounded because a late record changes a day the korlap may already have
settled, and a phone clock that runs ahead would otherwise book money on future days."""

from __future__ import annotations

from datetime import datetime, timedelta

TOO_OLD = "offline_too_old"
IN_FUTURE = "offline_in_future"


def capture_verdict(
    captured: datetime, now: datetime, *, max_age: timedelta, skew: timedelta
) -> str | None:
    """None when ``captured`` is acceptable; otherwise the refusal code. Both times must
    be timezone-aware. A record exactly ``max_age`` old is still accepted."""
    if captured > now + skew:
        return IN_FUTURE
    if now - captured > max_age:
        return TOO_OLD
    return None
