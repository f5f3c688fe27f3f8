from django.urls import path

from kotacerdas.accounts import views

app_name = "accounts"

urlpatterns = [
    path("masuk/", views.phone_start, name="phone"),
    path("masuk/kode/", views.code_enter, name="code"),
    path("saya/", views.my_home, name="home"),
]
