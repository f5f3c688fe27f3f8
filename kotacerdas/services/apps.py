from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    name = "kotacerdas.services"
    label = "services"
    verbose_name = _("Layanan publik & pengaduan")

    def ready(self) -> None:
        from kotacerdas.services import hooks

        hooks.connect()
