"""The rotating attendance QR: a short code that is the HMAC of the session and the
current 30-second window. The lecturer's screen shows the code of the current window;
the check-in accepts the current window and the one before it (so a scan made just
before the code changes still works) and nothing older, so a photo of yesterday's or
even last minute's code is refused. Pure Python: the key is passed in."""

from __future__ import annotations

import base64
import hashlib
import hmac

PERIOD_SECONDS = 30
ACCEPTED_WINDOWS = 2  # the current window and the previous one
CODE_LENGTH = 12


def window_of(timestamp: float, period: int = PERIOD_SECONDS) -> int:
    return int(timestamp // period)


def session_code(key: bytes, session_id: int, salt: str, window: int) -> str:
    message = f"{session_id}:{salt}:{window}".encode()
    digest = hmac.new(key, message, hashlib.sha256).digest()
    return base64.b32encode(digest).decode()[:CODE_LENGTH].lower()


def seconds_left(timestamp: float, period: int = PERIOD_SECONDS) -> int:
    return int(period - (timestamp % period)) or period


def code_is_fresh(key: bytes, session_id: int, salt: str, code: str, timestamp: float) -> bool:
    if len(code) != CODE_LENGTH or not code.isascii():
        return False
    now = window_of(timestamp)
    return any(
        hmac.compare_digest(session_code(key, session_id, salt, now - back), code.lower())
        for back in range(ACCEPTED_WINDOWS)
    )
