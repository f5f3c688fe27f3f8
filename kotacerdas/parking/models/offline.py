"""Cash an attendant recorded without signal that the server would not accept (too old,
phone clock ahead, not on duty there...). The money was still taken: the row keeps it
visible to the attendant and the korlap until it is handed over, never dropped."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.models import Regency
from kotacerdas.parking.models.attendants import Attendant
from kotacerdas.parking.models.registry import VehicleClass


class OfflineRefusal(models.Model):
    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    attendant = models.ForeignKey(
        Attendant, on_delete=models.PROTECT, related_name="offline_refusals"
    )
    # The phone's idempotency key: a replay of a refused record finds this row again.
    client_ref = models.CharField(max_length=64)
    spot_code = models.CharField(_("titik parkir"), max_length=32)
    vehicle_class = models.CharField(_("golongan"), max_length=16, choices=VehicleClass.choices)
    plate = models.CharField(_("nomor polisi"), max_length=12, blank=True)
    amount = models.PositiveIntegerField(_("tarif (Rp)"), default=0)
    captured_at = models.DateTimeField(_("waktu dicatat di ponsel"))
    received_at = models.DateTimeField(_("diterima server"), auto_now_add=True)
    code = models.CharField(max_length=32)
    reason = models.CharField(_("alasan"), max_length=300)

    class Meta:
        verbose_name = _("catatan tunai luring yang ditolak")
        verbose_name_plural = _("catatan tunai luring yang ditolak")
        ordering = ["-captured_at", "-id"]
        indexes = [models.Index(fields=["regency", "attendant", "captured_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["regency", "attendant", "client_ref"], name="offline_refusal_unique_ref"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.client_ref} {self.code}"
