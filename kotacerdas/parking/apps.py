from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParkingConfig(AppConfig):
    name = "kotacerdas.parking"
    label = "parking"
    verbose_name = _("Retribusi parkir")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from kotacerdas.parking import hooks
        from kotacerdas.parking.rollup_guard import after_migrate

        hooks.connect()
        post_migrate.connect(after_migrate, sender=self, dispatch_uid="parking-rollup-triggers")
