from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    name = "kotacerdas.programme"
    label = "programme"
    verbose_name = _("Program smart city")

    def ready(self) -> None:
        from kotacerdas.programme import hooks

        hooks.connect()
