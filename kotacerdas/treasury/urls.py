from django.urls import path

from kotacerdas.treasury import views

app_name = "treasury"

urlpatterns = [
    path("keuangan/rekonsiliasi/", views.day_status, name="day"),
    path("keuangan/rekonsiliasi/bulan/", views.month_status, name="month"),
    path("keuangan/rekonsiliasi/impor/", views.import_file, name="import"),
    path("keuangan/rekonsiliasi/selisih/<int:pk>/", views.mismatch_detail, name="mismatch"),
]
