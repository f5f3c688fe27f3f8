from django.urls import path

from kotacerdas.training import (
    views_asn,
    views_certs,
    views_classes,
    views_compliance,
    views_me,
)

app_name = "training"

urlpatterns = [
    # ASN registry (BKPSDM)
    path("asn/", views_asn.asn_list, name="asn-list"),
    path("asn/impor/", views_asn.import_upload, name="import-upload"),
    path("asn/impor/<int:pk>/", views_asn.import_preview, name="import-preview"),
    path("asn/impor/<int:pk>/kesalahan.csv", views_asn.import_errors, name="import-errors"),
    path("asn/<int:pk>/", views_asn.asn_detail, name="asn-detail"),
    # Classes, attendance, compliance (staff and lecturers)
    path("pelatihan/", views_classes.class_list, name="classes"),
    path("pelatihan/kelas/<int:pk>/", views_classes.class_detail, name="class"),
    path("pelatihan/sesi/<int:pk>/qr", views_classes.session_qr, name="session-qr"),
    path("pelatihan/sesi/<int:pk>/qr.json", views_classes.session_qr_json, name="session-qr-json"),
    path("pelatihan/kepatuhan/", views_compliance.compliance_page, name="compliance"),
    path("pelatihan/kepatuhan.csv", views_compliance.compliance_csv, name="compliance-csv"),
    path("pelatihan/kepatuhan.xlsx", views_compliance.compliance_xlsx, name="compliance-xlsx"),
    path("pelatihan/sertifikat-eksternal/", views_compliance.external_queue, name="external-queue"),
    path(
        "pelatihan/sertifikat-eksternal/<int:pk>/berkas",
        views_compliance.external_file,
        name="external-file",
    ),
    path("pelatihan/sertifikat/", views_certs.staff_list, name="cert-staff"),
    path(
        "pelatihan/sertifikat/<slug:public_id>/status", views_certs.staff_status, name="cert-status"
    ),
    # ASN
    path("hadir/<int:session_pk>/<slug:code>", views_classes.check_in, name="check-in"),
    path("saya/pelatihan/", views_me.my_training, name="me"),
    # Public verification (stable URLs: they are signed into credentials)
    path("sertifikat/", views_certs.lookup, name="cert-lookup"),
    path("sertifikat/jwks.json", views_certs.jwks_view, name="jwks"),
    path("sertifikat/kompetensi/", views_certs.competencies, name="competencies"),
    path("sertifikat/penerbit/<str:code>", views_certs.issuer_view, name="issuer"),
    path(
        "sertifikat/mitra/<str:code>/<slug:partner_code>/jwks.json",
        views_certs.partner_jwks_view,
        name="partner-jwks",
    ),
    path(
        "sertifikat/mitra/<str:code>/<slug:partner_code>",
        views_certs.partner_profile_view,
        name="partner-profile",
    ),
    path(
        "sertifikat/status/<str:code>/<str:purpose>",
        views_certs.status_list_view,
        name="status-list",
    ),
    path("sertifikat/<slug:public_id>.jwt", views_certs.credential_jwt, name="cert-jwt"),
    path("sertifikat/<slug:public_id>.json", views_certs.credential_json, name="cert-json"),
    path("sertifikat/<slug:public_id>/cetak", views_certs.print_page, name="cert-print"),
    path("sertifikat/<slug:public_id>", views_certs.verify_page, name="cert"),
]
