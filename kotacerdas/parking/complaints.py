"""Driver complaints from the verification page go to the public-services module as the
"Pengaduan Parkir" service, routed to Dishub, so they are handled in the same queue,
with the same SLA, as every other complaint."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kotacerdas.parking.models import Attendant

COMPLAINT_KINDS = [
    ("minta_tunai", _("Jukir meminta tunai / tidak menawarkan QRIS")),
    ("tarif_lebih", _("Tarif lebih mahal dari Perda")),
    ("qr_palsu", _("QR palsu / nama merchant tidak sesuai")),
]


def complaint_file(
    *, attendant: Attendant, kind: str, description: str = "", contact: str = ""
) -> str:
    """Files the complaint and returns its tracking number."""
    from kotacerdas.services.services.parking import parking_complaint_file

    request = parking_complaint_file(
        regency=attendant.regency,
        attendant_code=attendant.code,
        kind=kind,
        description=description,
        contact=contact or None,
    )
    return str(request.tracking_number)
