"""Wiring done once at start-up: hub tiles (and the training KPI)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kotacerdas.core import hub
from kotacerdas.core.models import Role


def connect() -> None:
    hub.register_tile(
        hub.HubTile(
            key="training.asn",
            audience="staf",
            title=_("Kompetensi ASN"),
            description=_("Data ASN, kelas pelatihan, JP tahunan dan sertifikat."),
            url="/asn/",
            order=40,
            roles=frozenset({Role.OFFICER, Role.ADMIN, Role.AUDITOR}),
        )
    )
