from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "kotacerdas.partners"
    label = "partners"
    verbose_name = _("Mitra & kerja sama")

    def ready(self) -> None:
        from kotacerdas.partners import hooks

        hooks.connect()
