from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "kotacerdas.training"
    label = "training"
    verbose_name = _("Pengembangan kompetensi ASN")

    def ready(self) -> None:
        from kotacerdas.training import hooks

        hooks.connect()
