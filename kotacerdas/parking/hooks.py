"""Wiring done once at start-up: the hub tiles, the ``attendant`` block of /api/v1/me,
and the subscriptions to payment outcomes."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kotacerdas.core import hub
from kotacerdas.core.models import Role


def connect() -> None:
    from kotacerdas.core.api import ME_EXTENSIONS
    from kotacerdas.parking import kpis, payment_port
    from kotacerdas.parking.me import attendant_block
    from kotacerdas.parking.selectors import PARKING_OPDS

    ME_EXTENSIONS["attendant"] = attendant_block
    payment_port.subscribe()
    kpis.register()
    hub.register_tile(
        hub.HubTile(
            key="parking.jukir",
            audience="jukir",
            title=_("Aplikasi juru parkir"),
            description=_("Tampilkan QRIS per kendaraan, catat tunai, lihat pendapatan hari ini."),
            url="/jukir/",
            order=10,
            roles=frozenset({Role.JUKIR}),
        )
    )
    hub.register_tile(
        hub.HubTile(
            key="parking.verify",
            audience="warga",
            title=_("Cek juru parkir"),
            description=_(
                "Pindai QR di rompi jukir: pastikan resmi, lihat tarif Perda, laporkan pungutan."
            ),
            url="/v/",
            order=20,
        )
    )
    hub.register_tile(
        hub.HubTile(
            key="parking.dashboard",
            audience="staf",
            title=_("Retribusi parkir"),
            description=_(
                "Rekap QRIS dan tunai per titik dan golongan, bagi hasil, setoran, kontrak."
            ),
            url="/parking/",
            order=30,
            opds=PARKING_OPDS,
        )
    )
