"""Who may reach each payments URL (merged by the role matrix test). Webhooks and the
simulator are public at the access layer and authenticate callers themselves (signature,
token, Basic auth), answering 401 — not a permission refusal."""

from __future__ import annotations

from typing import Any

from kotacerdas.core.models import Role
from tests.access import EVERYONE

OF, D, U = Role.OFFICER, Role.ADMIN, Role.AUDITOR


def _charge_path() -> str:
    from tests.payments.factories import make_charge

    return f"/payments/charges/{make_charge().pk}/"


def _flag_path() -> str:
    from tests.payments.factories import make_flag

    return f"/payments/flags/{make_flag().pk}/resolve"


PAGES: dict[str, tuple[Any, ...]] = {
    "payments:dashboard": ("GET", "/payments/", {OF, D, U}),
    "payments:charge-detail": ("GET", _charge_path, {OF, D, U}),
    "payments:flag-resolve": ("POST", _flag_path, {OF, D}, {"note": "dicek"}),
    "payments:webhook-midtrans": ("POST", "/payments/webhooks/midtrans", EVERYONE),
    "payments:webhook-xendit": ("POST", "/payments/webhooks/xendit", EVERYONE),
    "payments:webhook-snap-notify": (
        "POST",
        "/payments/webhooks/snap/v1.0/qr/qr-mpm-notify",
        EVERYONE,
    ),
    "payments:simulator:pay-page": ("GET", "/simulator/pay", EVERYONE),
    "payments:simulator:charge": ("POST", "/simulator/midtrans/v2/charge", EVERYONE),
    "payments:simulator:status": ("GET", "/simulator/midtrans/v2/X-1/status", EVERYONE),
    "payments:simulator:cancel": ("POST", "/simulator/midtrans/v2/X-1/cancel", EVERYONE),
    "payments:simulator:expire": ("POST", "/simulator/midtrans/v2/X-1/expire", EVERYONE),
    "payments:simulator:pay": ("POST", "/simulator/midtrans/v2/X-1/pay", EVERYONE),
    "payments:simulator:qr-code": (
        "GET",
        "/simulator/midtrans/v2/qris/00000000-0000/qr-code",
        EVERYONE,
    ),
}
