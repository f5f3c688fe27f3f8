"""Root URLs. Each domain app in ``settings.DOMAIN_APPS`` that has a ``urls`` module is
mounted at the root (its patterns carry their own prefixes such as ``jukir/``)."""

import importlib
from importlib.util import find_spec

from django.conf import settings
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path
from django.utils.translation import gettext_lazy as _

from kotacerdas.api import api
from kotacerdas.core import views as core_views
from kotacerdas.web import views as web_views

admin.site.site_header = _("Kota Cerdas · Panel pengelola")
admin.site.site_title = "Kota Cerdas"
admin.site.index_title = "Administrasi"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", web_views.home, name="home"),
    path("healthz", web_views.healthz, name="healthz"),
    path("accounts/login/", web_views.login_view, name="login"),
    path("accounts/logout/", web_views.logout_view, name="logout"),
    path("audit/", core_views.audit_list, name="audit-list"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

for _app in settings.DOMAIN_APPS:
    if _app != "kotacerdas.core" and find_spec(f"{_app}.urls") is not None:
        urlpatterns.append(path("", include(importlib.import_module(f"{_app}.urls"))))

handler404 = "kotacerdas.web.errors.not_found"
handler403 = "kotacerdas.web.errors.forbidden"
handler500 = "kotacerdas.web.errors.server_error"
