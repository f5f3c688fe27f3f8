"""The hub tile of the reconciliation, shown to Dishub and Bapenda officers, admins and
auditors."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kotacerdas.core import hub


def connect() -> None:
    from kotacerdas.treasury.selectors import TREASURY_OPDS

    hub.register_tile(
        hub.HubTile(
            key="treasury.recon",
            audience="staf",
            title=_("Rekonsiliasi kas daerah"),
            description=_(
                "Cocokkan QRIS lunas, settlement gateway dan rekening koran; sahkan per hari."
            ),
            url="/keuangan/rekonsiliasi/",
            order=35,
            opds=TREASURY_OPDS,
        )
    )
