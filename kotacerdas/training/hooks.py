"""Wiring done once at start-up: hub tiles (and the training KPI)."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext_lazy as _

from kotacerdas.core import hub, kpis
from kotacerdas.core.models import Regency, Role


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
    hub.register_tile(
        hub.HubTile(
            key="training.classes",
            audience="staf",
            title=_("Pelatihan & JP"),
            description=_(
                "Angkatan pelatihan, presensi QR, nilai, kepatuhan 20 JP dan sertifikat."
            ),
            url="/pelatihan/",
            order=41,
        )
    )
    hub.register_tile(
        hub.HubTile(
            key="training.mine",
            audience="warga",
            title=_("Pelatihan saya (ASN)"),
            description=_("JP tahun ini, riwayat pelatihan dan sertifikat digital Anda."),
            url="/saya/pelatihan/",
            order=70,
        )
    )
    hub.register_tile(
        hub.HubTile(
            key="training.verify",
            audience="warga",
            title=_("Cek sertifikat ASN"),
            description=_("Periksa keaslian sertifikat pelatihan ASN dari nomornya."),
            url="/sertifikat/",
            order=71,
        )
    )
    kpis.register_kpi(
        kpis.KpiSource(
            code="training.asn_meeting_jp_share",
            title=_("ASN yang memenuhi 20 JP setahun"),
            unit="persen",
            element="SG-BR",
            compute=_kpi_share,
            description=_(
                "Persentase ASN aktif yang JP tahun berjalan (PNS: tahun kalender; PPPK: "
                "tahun kontrak) mencapai target 20 JP."
            ),
        )
    )


def _kpi_share(regency: Regency, start: date, end: date) -> kpis.KpiResult:
    from kotacerdas.training.selectors_jp import kpi_share_meeting_jp

    return kpi_share_meeting_jp(regency, start, end)
