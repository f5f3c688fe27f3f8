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


def _order() -> str:
    from kotacerdas.payments.models import Charge

    found = Charge.objects.order_by("-id").first()
    assert found is not None
    return found.order_id


# What the allowed reads must show (see tests/core/test_role_matrix.py).
CONTENT: dict[Any, Any] = {"payments:charge-detail": _order}

# The simulator stands in for the gateway and answers for the orders it holds; these
# rows check that its endpoints are public at the access layer. Its answers for real
# orders are tested in tests/payments/test_simulator.py.
NOT_200: dict[Any, str] = {
    "payments:simulator:status": "gateway stand-in: unknown order is the gateway's 404",
    "payments:simulator:qr-code": "gateway stand-in: unknown transaction is its 404",
}
