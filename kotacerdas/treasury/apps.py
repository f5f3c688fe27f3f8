from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TreasuryConfig(AppConfig):
    name = "kotacerdas.treasury"
    label = "treasury"
    verbose_name = _("Rekonsiliasi kas daerah")

    def ready(self) -> None:
        from kotacerdas.treasury import hooks

        hooks.connect()
