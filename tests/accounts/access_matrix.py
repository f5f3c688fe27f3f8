"""Who may reach the citizen sign-in pages and API (merged by the role matrix test)."""

from __future__ import annotations

from typing import Any

from tests.access import EVERYONE

PAGES: dict[str, tuple[Any, ...]] = {
    "accounts:phone": ("GET", "/masuk/", EVERYONE),
    "accounts:code": ("GET", "/masuk/kode/", EVERYONE),
    "accounts:home": ("GET", "/saya/", EVERYONE),
}

API: dict[tuple[str, str], Any] = {
    ("POST", "/api/v1/auth/otp"): (EVERYONE, "/api/v1/auth/otp", {"phone": "+6591234567"}),
    ("POST", "/api/v1/auth/otp/verify"): (
        EVERYONE,
        "/api/v1/auth/otp/verify",
        {"phone": "081234567890", "code": "000000"},
    ),
}

# Allowed, but not a 200 by design (the role matrix checks the rest for a real 200).
NOT_200: dict[Any, str] = {
    "accounts:phone": "a signed-in visitor is sent on to their own home (302)",
    "accounts:code": "without a code sent first the visitor goes back to /masuk/ (302)",
    "accounts:home": "only a redirect to the visitor's own home (302)",
}
