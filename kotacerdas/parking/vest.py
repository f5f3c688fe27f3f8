"""What an attendant wears: a static QRIS under a per-attendant merchant name (so a
driver's e-wallet shows "PARKIR KOTIM JKR-0001", not a warung's name) and a plain QR to
the public verification page."""

from __future__ import annotations

from django.conf import settings

from kotacerdas import qris
from kotacerdas.parking.models import Attendant

# ISO 18245 merchant category for parking lots and garages.
PARKING_MCC = "7523"
# Demo acquirer template; a live deployment sets the acquirer's GUID and PAN prefix.
DEMO_ACQUIRER_GUID = "ID.CO.BANKKALTENG.WWW"
DEMO_ACQUIRER_NNS = "93600125"


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
