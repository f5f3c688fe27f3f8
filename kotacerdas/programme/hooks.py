"""Wiring done once at start-up: the hub tiles of the smart-city programme."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kotacerdas.core import hub


def connect() -> None:
    hub.register_tile(
        hub.HubTile(
            key="programme.dashboard",
            audience="warga",
            title=_("Smart city Kotim"),
            description=_("Kemajuan menuju 2027 per dimensi, indikator kinerja dan data terbuka."),
            url="/smartcity/",
            order=40,
        )
    )
    hub.register_tile(
        hub.HubTile(
            key="programme.staff",
            audience="staf",
            title=_("Program smart city"),
            description=_("Masterplan, program per OPD, nilai indikator dan evaluasi Kominfo."),
            url="/program/",
            order=40,
        )
    )
