from django.contrib import admin
from django.urls import include, path

from kotacerdas.api import api
from kotacerdas.core import views as core_views
from kotacerdas.web import views as web_views

admin.site.site_header = "Kota Cerdas · Back office"
admin.site.site_title = "Kota Cerdas"
admin.site.index_title = "Administrasi"

urlpatterns = [
    path("", web_views.home, name="home"),
    path("healthz", web_views.healthz, name="healthz"),
    path("accounts/login/", web_views.login_view, name="login"),
    path("accounts/logout/", web_views.logout_view, name="logout"),
    path("audit/", core_views.audit_list, name="audit-list"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

handler404 = "kotacerdas.web.errors.not_found"
handler403 = "kotacerdas.web.errors.forbidden"
handler500 = "kotacerdas.web.errors.server_error"
