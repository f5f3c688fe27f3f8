from django.urls import path

from kotacerdas.partners import views

app_name = "partners"

urlpatterns = [
    path("kerja-sama/", views.public_list, name="public-list"),
    path("mitra/", views.register, name="register"),
    path("mitra/perjanjian/baru/", views.agreement_new, name="agreement-new"),
    path("mitra/perjanjian/<int:pk>/", views.agreement_detail, name="agreement"),
    path("mitra/perjanjian/<int:pk>/pindaian.pdf", views.agreement_scan, name="agreement-scan"),
]
