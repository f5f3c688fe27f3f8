from django.urls import path

from kotacerdas.programme import views_masterplan, views_public, views_staff

app_name = "programme"

urlpatterns = [
    path("smartcity/", views_public.dashboard, name="dashboard"),
    path("smartcity/nasional/", views_public.national, name="national"),
    path("data/catalog.json", views_public.catalog, name="catalog"),
    path("data/indikator/<slug:code>.<str:fmt>", views_public.kpi_data, name="kpi-data"),
    path("data/program.<str:fmt>", views_public.programmes_data, name="programmes-data"),
    path("data/evaluasi.<str:fmt>", views_public.evaluations_data, name="evaluations-data"),
    path("program/", views_staff.home, name="staff-home"),
    path("program/p/<slug:code>/", views_staff.programme_detail, name="programme"),
    path("program/indikator/", views_staff.kpis, name="kpis"),
    path(
        "program/indikator/nilai/<int:value_id>/putuskan", views_staff.kpi_decide, name="kpi-decide"
    ),
    path(
        "program/indikator/nilai/<int:value_id>/koreksi",
        views_staff.kpi_correct,
        name="kpi-correct",
    ),
    path("program/evaluasi/", views_staff.evaluations, name="evaluations"),
    path("program/evaluasi/<int:cycle_id>/", views_staff.evaluation, name="evaluation"),
    path("program/dokumen/", views_staff.documents, name="documents"),
    path("program/komitmen/", views_masterplan.commitments, name="commitments"),
    path("program/komitmen/<int:sheet_id>/", views_masterplan.commitment, name="commitment"),
    path("program/kesiapan/", views_masterplan.readiness_page, name="readiness"),
    path("program/bimtek/", views_masterplan.bimtek, name="bimtek"),
    path("program/berkas/<str:kind>/<int:item_id>", views_staff.evidence, name="evidence"),
]
