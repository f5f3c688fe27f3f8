from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InnovationConfig(AppConfig):
    name = "kotacerdas.innovation"
    label = "innovation"
    verbose_name = _("Inovasi daerah")

    def ready(self) -> None:
        from kotacerdas.innovation import hooks

        hooks.connect()
