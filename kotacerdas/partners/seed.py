"""Kotim's partners. The UNDA MoU of 1 November 2021 is a real, dated event (ANTARA
Kalteng, Radar Sampit); its official number and end date are not public, so the record
carries a registry key instead of a number and a validity derived from the announced
six-year target, and says so. The Ditjen Aptika agreement of 21 April 2022 is likewise
dated from the press. Brawijaya, ULM and every PKS below are illustrative demo data and
are flagged as such on every page that shows them."""

from __future__ import annotations

from datetime import date

from kotacerdas.core.models import Regency
from kotacerdas.partners.models import Agreement, AgreementKind, PartnerKind
from kotacerdas.partners.services.agreements import agreement_create, obligation_add, partner_ensure

UNDA_MOU = "MOU-UNDA-2021-11-01"
APTIKA_NK = "NK-APTIKA-2022-04-21"


def seed_demo(regency: Regency) -> None:
    if Agreement.objects.filter(regency=regency, number=UNDA_MOU).exists():
        return
    unda = partner_ensure(
        regency=regency,
        code="unda",
        name="Universitas Darwan Ali",
        short_name="UNDA",
        kind=PartnerKind.UNIVERSITY,
    )
    kominfo = partner_ensure(
        regency=regency,
        code="komdigi",
        name="Kementerian Komunikasi dan Digital (dahulu Kominfo) – Ditjen Aptika / BPSDM",
        short_name="Komdigi",
        kind=PartnerKind.MINISTRY,
        website="https://digitalent.komdigi.go.id",
    )
    ub = partner_ensure(
        regency=regency,
        code="ub",
        name="Universitas Brawijaya",
        short_name="UB",
        kind=PartnerKind.UNIVERSITY,
        website="https://ub.ac.id",
        is_illustrative=True,
    )
    ulm = partner_ensure(
        regency=regency,
        code="ulm",
        name="Universitas Lambung Mangkurat",
        short_name="ULM",
        kind=PartnerKind.UNIVERSITY,
        website="https://ulm.ac.id",
        is_illustrative=True,
    )
    mou = agreement_create(
        regency=regency,
        partner=unda,
        kind=AgreementKind.MOU,
        number=UNDA_MOU,
        title="Peningkatan kapasitas ASN di bidang teknologi informasi menuju smart city",
        parties="Pemerintah Kabupaten Kotawaringin Timur; Universitas Darwan Ali (UNDA)",
        signatories="Bupati Kotawaringin Timur; Rektor Universitas Darwan Ali",
        signed_on=date(2021, 11, 1),
        # Not public: six years from signing, after the announced six-year target.
        valid_until=date(2027, 10, 31),
        scope=(
            "Penandatanganan pada rapat koordinasi smart city di Sampit Creative Hub, "
            "1 November 2021: peningkatan kemampuan TI ASN Pemkab Kotim bersama UNDA. "
            "Nomor resmi dan masa berlaku belum dipublikasikan; kunci registri dan masa "
            "berlaku enam tahun (target program) dipakai sampai dokumen aslinya dicatat."
        ),
        source_url="https://kalteng.antaranews.com/amp/berita/516945/pemkab-kotim-gandeng-unda-wujudkan-smart-city",
        actor=None,
    )
    pks = agreement_create(
        regency=regency,
        partner=unda,
        parent=mou,
        kind=AgreementKind.PKS,
        number="PKS-UNDA-2026-01",
        title="Pelatihan literasi dan keterampilan digital ASN tahun 2026",
        parties="BKPSDM dan Diskominfo Kabupaten Kotawaringin Timur; Fakultas Teknik UNDA",
        signatories="Kepala BKPSDM; Kepala Diskominfo; Dekan Fakultas Teknik UNDA",
        signed_on=date(2026, 1, 15),
        valid_until=date(2026, 12, 31),
        scope="Enam kelas pelatihan ASN, dosen pengajar dari UNDA, sertifikat bersama.",
        is_illustrative=True,
        actor=None,
    )
    obligation_add(
        agreement=pks,
        party="UNDA",
        description="Laporan pelaksanaan kelas semester I",
        due_on=date(2026, 7, 31),
        actor=None,
    )
    obligation_add(
        agreement=pks,
        party="BKPSDM",
        description="Rekap JP dan sertifikat peserta 2026",
        due_on=date(2026, 12, 15),
        actor=None,
    )
    agreement_create(
        regency=regency,
        partner=kominfo,
        kind=AgreementKind.MOU,
        number=APTIKA_NK,
        title="Nota kesepakatan Gerakan Menuju Smart City",
        parties="Pemerintah Kabupaten Kotawaringin Timur; Direktorat Jenderal Aplikasi Informatika",
        signed_on=date(2022, 4, 21),
        valid_until=date(2027, 4, 20),
        scope=(
            "Pendampingan penyusunan masterplan smart city; akses ASN ke program Digital "
            "Talent Scholarship (GTA, DLA). Masa berlaku ilustratif."
        ),
        source_url="https://kalteng.antaranews.com/amp/berita/567329/program-smart-city-diharapkan-pacu-peningkatan-kesejahteraan-masyarakat-kotim",
        is_illustrative=True,
        actor=None,
    )
    agreement_create(
        regency=regency,
        partner=ub,
        kind=AgreementKind.MOU,
        number="MOU-UB-2022-03",
        title="Kerja sama tridharma dan pengembangan SDM aparatur",
        parties="Pemerintah Kabupaten Kotawaringin Timur; Universitas Brawijaya",
        signed_on=date(2022, 3, 1),
        valid_until=date(2027, 2, 28),
        scope="Magang ASN, riset terapan kota cerdas. Data ilustratif.",
        is_illustrative=True,
        actor=None,
    )
    agreement_create(
        regency=regency,
        partner=ulm,
        kind=AgreementKind.MOU,
        number="MOU-ULM-2023-08",
        title="Kerja sama pendidikan, penelitian dan pengabdian",
        parties="Pemerintah Kabupaten Kotawaringin Timur; Universitas Lambung Mangkurat",
        signed_on=date(2023, 8, 10),
        valid_until=date(2028, 8, 9),
        scope="Tugas belajar ASN, coaching dan mentoring. Data ilustratif.",
        is_illustrative=True,
        actor=None,
    )
