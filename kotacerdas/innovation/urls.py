from django.urls import path

from kotacerdas.innovation import views_iid, views_public, views_staff

app_name = "innovation"

urlpatterns = [
    # Public gallery and open data
    path("inovasi/", views_public.gallery, name="gallery"),
    path("inovasi/data.csv", views_public.open_data_csv, name="open-csv"),
    path("inovasi/data.json", views_public.open_data_json, name="open-json"),
    path("inovasi/verifikasi/<str:code>/", views_public.bast_verify, name="verify"),
    # Innovators
    path("inovasi/usul/", views_public.submit, name="submit"),
    path("inovasi/saya/", views_public.mine, name="mine"),
    path("inovasi/saya/<slug:slug>/", views_public.mine_detail, name="mine-detail"),
    path("inovasi/berkas/<int:file_id>/", views_public.evidence_file, name="evidence"),
    # Bapperida and the receiving OPDs
    path("inovasi/kelola/", views_staff.queue, name="queue"),
    path("inovasi/kelola/<slug:slug>/", views_staff.review, name="review"),
    path("inovasi/kelola/<slug:slug>/serah-terima/", views_staff.handover, name="handover"),
    path("inovasi/kelola/<slug:slug>/bast/", views_staff.bast, name="bast"),
    path("inovasi/adopsi/", views_staff.adoptions, name="adoptions"),
    path("inovasi/adopsi/tonggak/<int:milestone_id>/", views_staff.milestone, name="milestone"),
    path("inovasi/iid/", views_iid.home, name="iid"),
    path("inovasi/iid/<int:year>/", views_iid.year_page, name="iid-year"),
    path("inovasi/iid/<int:year>/isi/", views_iid.entries, name="iid-entries"),
    path("inovasi/iid/<int:year>/what-if/", views_iid.what_if, name="iid-whatif"),
    path("inovasi/iid/<int:year>/laporan.xlsx", views_iid.report_xlsx, name="iid-xlsx"),
    # Last: any other slug is an innovation's public page.
    path("inovasi/<slug:slug>/", views_public.detail, name="detail"),
]
