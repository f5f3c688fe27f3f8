"""What an attendant wears: a static QRIS under a per-attendant merchant name (so a
driver's e-wallet shows "PARKIR KOTIM JKR-0001", not a warung's name) and a plain QR to
the public verification page."""

from __future__ import annotations

import re

from django.conf import settings

from kotacerdas import qris
from kotacerdas.core.models import Regency
from kotacerdas.parking.models import Attendant

# ISO 18245 merchant category for parking lots and garages.
PARKING_MCC = "7523"
# Demo acquirer template; a live deployment sets the acquirer's GUID and PAN prefix.
DEMO_ACQUIRER_GUID = "ID.CO.BANKKALTENG.WWW"
DEMO_ACQUIRER_NNS = "93600125"


def normalise_code(text: str) -> str:
    """The code the way people type it: ``JKR 0002``, ``jkr0002``, ``jkr-2`` and ``0002``
    all mean ``JKR-0002``. Anything else (too long, other characters) gives ``""``."""
    compact = re.sub(r"[\s\-_.]+", "", (text or "")[:32]).upper()
    match = re.fullmatch(r"([A-Z]{0,4})(\d{1,6})", compact) if compact.isascii() else None
    if match is None:
        return ""
    prefix, digits = match.groups()
    return f"{prefix or 'JKR'}-{int(digits):04d}"


def dynamic_merchant_name(regency: Regency) -> str:
    """The merchant name that the regency's payment gateway prints on a dynamic QRIS.
    Gateways take it from the merchant account registered with them, not from our
    request, so it is configured per provider (``KOTACERDAS_GATEWAY_MERCHANT_NAMES``,
    e.g. ``{"midtrans": "DISHUB KOTIM PARKIR"}``); without it the regency's name is
    shown, as on the demo simulator."""
    from kotacerdas.payments.providers import gateway_config

    provider = str(gateway_config(regency).provider)
    names = getattr(settings, "KOTACERDAS_GATEWAY_MERCHANT_NAMES", {}) or {}
    default = f"RETRIBUSI PARKIR {regency.short_name.upper() or regency.code}"
    return str(names.get(provider) or default)[:25]


def merchant_name(attendant: Attendant) -> str:
    short = attendant.regency.short_name.upper() or attendant.regency.code
    return f"PARKIR {short} {attendant.code}"[:25]


def static_qris(attendant: Attendant) -> str:
    regency = attendant.regency
    account = qris.MerchantAccount(
        tag="26",
        guid=getattr(settings, "KOTACERDAS_QRIS_ACQUIRER_GUID", DEMO_ACQUIRER_GUID),
        pan=(
            getattr(settings, "KOTACERDAS_QRIS_ACQUIRER_NNS", DEMO_ACQUIRER_NNS)
            + regency.code
            + f"{attendant.pk:07d}"
        )[:19],
        merchant_id=attendant.code.replace("-", "")[:15],
    )
    return qris.build(
        merchant_name=merchant_name(attendant),
        merchant_city=(regency.qris_city or regency.capital).upper()[:15],
        postal_code=regency.postal_code or "00000",
        mcc=PARKING_MCC,
        nmid=regency.qris_nmid,
        merchant_accounts=[account],
        terminal_label=attendant.code,
        criteria="UMI",
    )


def verify_path(attendant: Attendant) -> str:
    return f"/v/{attendant.code}"


def public_url(path: str) -> str:
    return settings.KOTACERDAS_PUBLIC_URL.rstrip("/") + path
