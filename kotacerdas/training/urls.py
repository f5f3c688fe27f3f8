from django.urls import path

from kotacerdas.training import views_asn

app_name = "training"

urlpatterns = [
    path("asn/", views_asn.asn_list, name="asn-list"),
    path("asn/impor/", views_asn.import_upload, name="import-upload"),
    path("asn/impor/<int:pk>/", views_asn.import_preview, name="import-preview"),
    path("asn/impor/<int:pk>/kesalahan.csv", views_asn.import_errors, name="import-errors"),
    path("asn/<int:pk>/", views_asn.asn_detail, name="asn-detail"),
]
