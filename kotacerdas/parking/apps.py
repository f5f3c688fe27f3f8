from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParkingConfig(AppConfig):
    name = "kotacerdas.parking"
    label = "parking"
    verbose_name = _("Retribusi parkir")

    def ready(self) -> None:
        from kotacerdas.parking import hooks

        hooks.connect()
