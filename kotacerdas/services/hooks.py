"""Wiring done once at start-up: the hub tiles of the public-services module."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kotacerdas.core import hub


def connect() -> None:
    from kotacerdas.services import kpis

    kpis.register()
    hub.register_tile(
        hub.HubTile(
            key="services.report",
            audience="warga",
            title=_("Lapor & layanan publik"),
            description=_(
                "Laporkan jalan rusak, lampu mati, sampah atau ajukan layanan; pantau statusnya."
            ),
            url="/lapor/",
            order=5,
        )
    )
    hub.register_tile(
        hub.HubTile(
            key="services.queue",
            audience="staf",
            title=_("Antrean pengaduan"),
            description=_("Verifikasi, teruskan, tindak lanjuti dan selesaikan laporan warga."),
            url="/layanan/",
            order=25,
        )
    )
