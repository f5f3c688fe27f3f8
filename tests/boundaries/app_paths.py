"""Paths of the newer apps for the two-regency walk (``test_apps_everywhere.py``): URL name
-> (path naming the *other* regency's object, True when the path names one object of that
regency, which must then not be served to the caller at all)."""

from __future__ import annotations

from collections.abc import Callable

from tests.boundaries.world import Side
from tests.boundaries.world_apps import Apps

Build = Callable[[Side, Apps], tuple[str, bool]]

APP_PATHS: dict[str, Build] = {
    # Citizen sign-in and home
    "accounts:phone": lambda s, a: ("/masuk/", False),
    "accounts:code": lambda s, a: ("/masuk/kode/", False),
    "accounts:home": lambda s, a: ("/saya/", False),
    # Parking pages added after the first walk
    "parking:alerts": lambda s, a: ("/parking/peringatan/", False),
    "parking:alert": lambda s, a: (f"/parking/peringatan/{a.alert.pk}/", True),
    "parking:pad-recap": lambda s, a: ("/parking/laporan/pad.xlsx", False),
    # A PDF's text may be compressed, so the marker search there is weaker than for the
    # XLSX recap above, which holds the same rows.
    "parking:pad-recap-pdf": lambda s, a: ("/parking/laporan/pad.pdf", False),
    "parking:survey": lambda s, a: ("/parking/survei/", False),
    "parking:vest-cards": lambda s, a: ("/parking/attendants/cards/", False),
    # Citizen reports from an account, the public map, LAPOR! integration
    "services:my-reports": lambda s, a: ("/lapor/saya/", False),
    "services:my-report": lambda s, a: (f"/lapor/akun/{a.citizen_request.tracking_number}/", True),
    "services:my-report-add": lambda s, a: (
        f"/lapor/akun/{a.citizen_request.tracking_number}/tambah",
        True,
    ),
    "services:my-report-notify": lambda s, a: (
        f"/lapor/akun/{a.citizen_request.tracking_number}/pemberitahuan",
        True,
    ),
    "services:my-report-rate": lambda s, a: (
        f"/lapor/akun/{a.citizen_request.tracking_number}/nilai",
        True,
    ),
    "services:nearby": lambda s, a: ("/lapor/sekitar/?lat=-2.536&lon=112.958", False),
    "services:public-map": lambda s, a: ("/lapor/peta/", False),
    "services:support": lambda s, a: (
        f"/lapor/status/{a.citizen_request.tracking_number}/dukung",
        True,
    ),
    "services:lapor-incoming": lambda s, a: ("/integrasi/lapor/masuk", False),
    "services:lapor-export": lambda s, a: (
        f"/integrasi/lapor/laporan/{a.citizen_request.tracking_number}.json",
        True,
    ),
    # Partners
    "partners:public-list": lambda s, a: ("/kerja-sama/", False),
    "partners:register": lambda s, a: ("/mitra/", False),
    "partners:agreement-new": lambda s, a: ("/mitra/perjanjian/baru/", False),
    "partners:agreement": lambda s, a: (f"/mitra/perjanjian/{a.agreement.pk}/", True),
    "partners:agreement-scan": lambda s, a: (
        f"/mitra/perjanjian/{a.agreement.pk}/pindaian.pdf",
        True,
    ),
    # Smart-city programme: public data and the secretariat's pages
    "programme:dashboard": lambda s, a: ("/smartcity/", False),
    "programme:national": lambda s, a: ("/smartcity/nasional/", False),
    "programme:catalog": lambda s, a: ("/data/catalog.json", False),
    "programme:kpi-data": lambda s, a: ("/data/indikator/data-terbuka.json", False),
    "programme:programmes-data": lambda s, a: ("/data/program.json", False),
    "programme:evaluations-data": lambda s, a: ("/data/evaluasi.csv", False),
    "programme:staff-home": lambda s, a: ("/program/", False),
    # The same code exists in both regencies: it resolves to the caller's own programme.
    "programme:programme": lambda s, a: (f"/program/p/{a.programme.code}/", False),
    "programme:kpis": lambda s, a: ("/program/indikator/", False),
    "programme:kpi-decide": lambda s, a: (
        f"/program/indikator/nilai/{a.kpi_value.pk}/putuskan",
        True,
    ),
    "programme:kpi-correct": lambda s, a: (
        f"/program/indikator/nilai/{a.kpi_value.pk}/koreksi",
        True,
    ),
    "programme:evaluations": lambda s, a: ("/program/evaluasi/", False),
    "programme:evaluation": lambda s, a: (f"/program/evaluasi/{a.cycle.pk}/", True),
    "programme:documents": lambda s, a: ("/program/dokumen/", False),
    "programme:evidence": lambda s, a: (f"/program/berkas/kemajuan/{a.progress.pk}", True),
    # Competency development (ASN, classes, credentials)
    "training:asn-list": lambda s, a: ("/asn/", False),
    "training:asn-detail": lambda s, a: (f"/asn/{a.asn.pk}/", True),
    "training:import-upload": lambda s, a: ("/asn/impor/", False),
    "training:import-preview": lambda s, a: (f"/asn/impor/{a.batch.pk}/", True),
    "training:import-errors": lambda s, a: (f"/asn/impor/{a.batch.pk}/kesalahan.csv", True),
    "training:classes": lambda s, a: ("/pelatihan/", False),
    "training:class": lambda s, a: (f"/pelatihan/kelas/{a.klass.pk}/", True),
    "training:session-qr": lambda s, a: (f"/pelatihan/sesi/{a.session.pk}/qr", True),
    "training:session-qr-json": lambda s, a: (f"/pelatihan/sesi/{a.session.pk}/qr.json", True),
    "training:compliance": lambda s, a: ("/pelatihan/kepatuhan/", False),
    "training:compliance-csv": lambda s, a: ("/pelatihan/kepatuhan.csv", False),
    "training:compliance-xlsx": lambda s, a: ("/pelatihan/kepatuhan.xlsx", False),
    "training:external-queue": lambda s, a: ("/pelatihan/sertifikat-eksternal/", False),
    "training:external-file": lambda s, a: (
        f"/pelatihan/sertifikat-eksternal/{a.external.pk}/berkas",
        True,
    ),
    "training:cert-staff": lambda s, a: ("/pelatihan/sertifikat/", False),
    "training:cert-status": lambda s, a: (
        f"/pelatihan/sertifikat/{a.credential.public_id}/status",
        True,
    ),
    "training:check-in": lambda s, a: (f"/hadir/{a.session.pk}/aaaaaaaaaaaa", True),
    "training:me": lambda s, a: ("/saya/pelatihan/", False),
    "training:cert-lookup": lambda s, a: ("/sertifikat/", False),
    "training:jwks": lambda s, a: ("/sertifikat/jwks.json", False),
    "training:competencies": lambda s, a: ("/sertifikat/kompetensi/", False),
    # Innovation: gallery, proposals, review desk, handovers, IID
    "innovation:gallery": lambda s, a: ("/inovasi/", False),
    "innovation:open-csv": lambda s, a: ("/inovasi/data.csv", False),
    "innovation:open-json": lambda s, a: ("/inovasi/data.json", False),
    "innovation:verify": lambda s, a: (f"/inovasi/verifikasi/{a.handover.verify_code}/", True),
    "innovation:detail": lambda s, a: (f"/inovasi/{a.innovation.slug}/", True),
    "innovation:submit": lambda s, a: ("/inovasi/usul/", False),
    "innovation:mine": lambda s, a: ("/inovasi/saya/", False),
    "innovation:mine-detail": lambda s, a: (f"/inovasi/saya/{a.draft_innovation.slug}/", True),
    "innovation:evidence": lambda s, a: (f"/inovasi/berkas/{a.evidence.pk}/", True),
    "innovation:queue": lambda s, a: ("/inovasi/kelola/", False),
    "innovation:review": lambda s, a: (f"/inovasi/kelola/{a.innovation.slug}/", True),
    "innovation:handover": lambda s, a: (
        f"/inovasi/kelola/{a.innovation.slug}/serah-terima/",
        True,
    ),
    "innovation:bast": lambda s, a: (f"/inovasi/kelola/{a.innovation.slug}/bast/", True),
    "innovation:adoptions": lambda s, a: ("/inovasi/adopsi/", False),
    "innovation:milestone": lambda s, a: (f"/inovasi/adopsi/tonggak/{a.milestone.pk}/", True),
    "innovation:iid": lambda s, a: ("/inovasi/iid/", False),
    # Both regencies have an IID year 2027: the year resolves to the caller's own.
    "innovation:iid-year": lambda s, a: ("/inovasi/iid/2027/", False),
    "innovation:iid-entries": lambda s, a: ("/inovasi/iid/2027/isi/", False),
    "innovation:iid-whatif": lambda s, a: ("/inovasi/iid/2027/what-if/", False),
    "innovation:iid-xlsx": lambda s, a: ("/inovasi/iid/2027/laporan.xlsx", False),
}

# Signed credentials (Open Badges 3.0) are public documents by design: their URLs are
# signed into the credential, live for years under the deployment's one public URL and
# must verify from anywhere (wallets, other employers), so they answer on every host, and
# the verification page says who holds it (docs/training.md). They carry nothing else of
# their regency: never the holder's NIP (only a salted hash), never another ASN, report
# or programme, which the walk checks.
PUBLIC_DOCUMENTS: dict[str, Build] = {
    "training:cert": lambda s, a: (f"/sertifikat/{a.credential.public_id}", False),
    "training:cert-json": lambda s, a: (f"/sertifikat/{a.credential.public_id}.json", False),
    "training:cert-jwt": lambda s, a: (f"/sertifikat/{a.credential.public_id}.jwt", False),
    "training:cert-print": lambda s, a: (f"/sertifikat/{a.credential.public_id}/cetak", False),
    "training:issuer": lambda s, a: (f"/sertifikat/penerbit/{s.regency.code}", False),
    "training:status-list": lambda s, a: (
        f"/sertifikat/status/{s.regency.code}/revocation",
        False,
    ),
}
