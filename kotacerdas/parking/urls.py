from django.urls import path

from kotacerdas.parking import (
    views_alerts,
    views_jukir,
    views_public,
    views_reports,
    views_staff,
    views_survey,
)

app_name = "parking"

urlpatterns = [
    path("jukir/", views_jukir.home, name="jukir-home"),
    path("jukir/issue", views_jukir.issue, name="jukir-issue"),
    path("jukir/charge/<int:event_id>/", views_jukir.charge, name="jukir-charge"),
    path("jukir/manifest.webmanifest", views_jukir.manifest, name="jukir-manifest"),
    path("jukir/sw.js", views_jukir.service_worker, name="jukir-sw"),
    path("v/", views_public.verify_lookup, name="verify-lookup"),
    path("v/<str:code>", views_public.verify, name="verify"),
    path("v/<str:code>/lapor", views_public.complain, name="complain"),
    path("r/<str:token>", views_public.receipt, name="receipt"),
    path("parking/", views_staff.dashboard, name="dashboard"),
    path("parking/export.csv", views_staff.export_csv, name="export-csv"),
    path("parking/map/", views_staff.spot_map, name="map"),
    path("parking/attendants/", views_staff.attendants, name="attendants"),
    path("parking/attendants/cards/", views_reports.vest_cards, name="vest-cards"),
    path("parking/attendants/<str:code>/card.svg", views_staff.vest_card, name="vest-card"),
    path("parking/setoran/", views_staff.deposits, name="deposits"),
    path("parking/concessions/", views_staff.concessions, name="concessions"),
    path("parking/survei/", views_survey.survey, name="survey"),
    path("parking/peringatan/", views_alerts.alert_list, name="alerts"),
    path("parking/laporan/pad.xlsx", views_reports.pad_recap, name="pad-recap"),
    path("parking/laporan/pad.pdf", views_reports.pad_recap_pdf, name="pad-recap-pdf"),
    path("parking/peringatan/<int:alert_id>/", views_alerts.alert_detail, name="alert"),
]
