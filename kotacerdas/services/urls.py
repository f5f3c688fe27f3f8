from django.urls import path, re_path

from kotacerdas.services import views, views_citizen, views_lapor, views_map, views_whatsapp
from kotacerdas.services.open311 import views as o311

app_name = "services"

FMT = r"\.(?P<fmt>[a-z]+)$"

urlpatterns = [
    # Citizens
    path("lapor/", views.catalogue_page, name="catalogue"),
    path("lapor/cek/", views.track_lookup, name="track-lookup"),
    path("lapor/status/<str:tracking>/", views.track, name="track"),
    path("lapor/status/<str:tracking>/dukung", views_map.support, name="support"),
    path("lapor/sekitar/", views_map.nearby, name="nearby"),
    path("lapor/peta/", views_map.public_map, name="public-map"),
    path("lapor/saya/", views_citizen.my_reports, name="my-reports"),
    path("lapor/akun/<str:tracking>/", views_citizen.my_report, name="my-report"),
    path("lapor/akun/<str:tracking>/tambah", views_citizen.my_report_add, name="my-report-add"),
    path(
        "lapor/akun/<str:tracking>/pemberitahuan",
        views_citizen.my_report_notify,
        name="my-report-notify",
    ),
    path("lapor/akun/<str:tracking>/nilai", views_citizen.my_report_rate, name="my-report-rate"),
    path("lapor/saya/<str:token>/", views.mine, name="mine"),
    path("lapor/saya/<str:token>/nilai", views.rate, name="rate"),
    path("lapor/saya/<str:token>/buka-lagi", views.reopen, name="reopen"),
    path("lapor/foto/<int:photo_id>.jpg", views.photo, name="photo"),
    path("lapor/layanan/<slug:code>/", views.submit, name="submit"),
    # SP4N-LAPOR! hand-off (HMAC-signed)
    path("integrasi/lapor/masuk", views_lapor.incoming, name="lapor-incoming"),
    path("integrasi/whatsapp/masuk", views_whatsapp.incoming, name="whatsapp-incoming"),
    path(
        "integrasi/lapor/laporan/<str:tracking>.json",
        views_lapor.export_record,
        name="lapor-export",
    ),
    # Back office
    path("layanan/", views.queue, name="queue"),
    path("layanan/dasbor/", views.dashboard_page, name="dashboard"),
    path("layanan/foto/<int:photo_id>/asli", views.photo_original, name="photo-original"),
    path("layanan/<str:tracking>/", views.handle, name="handle"),
    # Open311 GeoReport v2
    re_path(r"^open311/v2/discovery" + FMT, o311.discovery, name="o311-discovery"),
    re_path(r"^open311/v2/services" + FMT, o311.services, name="o311-services"),
    re_path(
        r"^open311/v2/services/(?P<code>[^/]+)" + FMT, o311.service_definition, name="o311-service"
    ),
    re_path(
        r"^open311/v2/service/(?P<code>[^/]+)" + FMT,
        o311.service_definition,
        name="o311-service-singular",
    ),
    re_path(r"^open311/v2/requests" + FMT, o311.requests_collection, name="o311-requests"),
    re_path(
        r"^open311/v2/requests/(?P<request_id>[^/]+)" + FMT,
        o311.request_detail,
        name="o311-request",
    ),
    re_path(r"^open311/v2/tokens/(?P<token>[^/]+)" + FMT, o311.token_detail, name="o311-token"),
]
