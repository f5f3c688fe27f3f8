"""Wiring done once at start-up: hub tiles of the partners module."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kotacerdas.core import hub


def connect() -> None:
    hub.register_tile(
        hub.HubTile(
            key="partners.public",
            audience="warga",
            title=_("Kerja sama daerah"),
            description=_(
                "Perguruan tinggi, kementerian dan mitra yang bekerja sama dengan Pemkab."
            ),
            url="/kerja-sama/",
            order=60,
        )
    )
    hub.register_tile(
        hub.HubTile(
            key="partners.register",
            audience="staf",
            title=_("MoU & PKS"),
            description=_(
                "Perjanjian kerja sama, kewajiban, pindaian dan peringatan masa berlaku."
            ),
            url="/mitra/",
            order=45,
        )
    )
