"""The public entry point for parking complaints from the attendants' verification
pages: filed as the "Pengaduan Parkir" service and routed to Dishub."""

from __future__ import annotations

from decimal import Decimal

from kotacerdas.core.models import Regency
from kotacerdas.services.models import Channel, ServiceRequest
from kotacerdas.services.selectors import service_get
from kotacerdas.services.services.requests import RequestInvalid, request_submit

PARKING_SERVICE_CODE = "pengaduan-parkir"
PARKING_KINDS = {
    "minta_tunai": "Jukir meminta tunai / tidak menawarkan QRIS",
    "tarif_lebih": "Tarif lebih mahal dari Perda",
    "qr_palsu": "QR palsu / nama merchant tidak sesuai",
}


def parking_complaint_file(
    *,
    regency: Regency,
    attendant_code: str,
    kind: str,
    description: str = "",
    lat: Decimal | float | None = None,
    lon: Decimal | float | None = None,
    contact: str | None = None,
) -> ServiceRequest:
    """Files a parking complaint and returns the request (``.tracking_number``).

    ``kind`` is one of ``minta_tunai``, ``tarif_lebih``, ``qr_palsu``. ``contact`` is an
    email address or a phone number for notices; it is never shown publicly."""
    if kind not in PARKING_KINDS:
        raise RequestInvalid(f"Jenis pengaduan parkir tidak dikenal: {kind}", "kind")
    service = service_get(regency=regency, code=PARKING_SERVICE_CODE)
    if service is None:
        raise RequestInvalid("Layanan Pengaduan Parkir belum ada di katalog.", "service_code")
    contact = (contact or "").strip()
    email = contact if "@" in contact else ""
    phone = "" if email else "".join(ch for ch in contact if ch.isdigit() or ch == "+")[:20]
    return request_submit(
        regency=regency,
        service=service,
        channel=Channel.PARKING,
        description=description,
        lat=lat,
        lon=lon,
        address_id=f"jukir:{attendant_code}",
        attributes={"jenis": [kind], "kode_jukir": [attendant_code]},
        reporter_email=email,
        reporter_phone=phone,
    )
