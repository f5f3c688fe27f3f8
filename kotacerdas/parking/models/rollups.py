"""Hourly and daily aggregates of parking events per spot × attendant × vehicle class ×
channel. They are kept by database triggers in the same transaction as every insert,
update or delete of an event (see ``parking/rollup_sql.py``), so no dashboard, KPI or
alert needs to scan raw events, and no write path (including a bulk ``UPDATE``) can
bypass them. ``services.rollups.rollups_rebuild`` recomputes them from scratch."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.models import Regency
from kotacerdas.parking.models.attendants import Attendant
from kotacerdas.parking.models.events import Channel
from kotacerdas.parking.models.registry import Spot, VehicleClass


class _Counts(models.Model):
    regency = models.ForeignKey(Regency, on_delete=models.DO_NOTHING, related_name="+")
    day = models.DateField(_("tanggal (WIB)"))
    spot = models.ForeignKey(Spot, on_delete=models.DO_NOTHING, related_name="+")
    attendant = models.ForeignKey(Attendant, on_delete=models.DO_NOTHING, related_name="+")
    vehicle_class = models.CharField(_("golongan"), max_length=16, choices=VehicleClass.choices)
    channel = models.CharField(_("kanal"), max_length=8, choices=Channel.choices)
    events = models.BigIntegerField(_("transaksi dibuat"), default=0)
    collected = models.BigIntegerField(_("transaksi lunas/tunai"), default=0)
    collected_rp = models.BigIntegerField(_("rupiah diterima"), default=0)
    pending = models.BigIntegerField(_("menunggu"), default=0)
    expired = models.BigIntegerField(_("kedaluwarsa"), default=0)
    cancelled = models.BigIntegerField(_("dibatalkan"), default=0)

    class Meta:
        abstract = True


class RollupHour(_Counts):
    hour = models.PositiveSmallIntegerField(_("jam (WIB)"))

    class Meta:
        verbose_name = _("rekap per jam")
        verbose_name_plural = _("rekap per jam")
        constraints = [
            models.UniqueConstraint(
                fields=["regency", "day", "hour", "spot", "attendant", "vehicle_class", "channel"],
                name="rollup_hour_key",
            ),
        ]
        indexes = [models.Index(fields=["regency", "spot", "day", "hour"])]

    def __str__(self) -> str:
        return f"{self.day} {self.hour:02d}h spot {self.spot_id} {self.channel}"


class RollupDay(_Counts):
    class Meta:
        verbose_name = _("rekap harian")
        verbose_name_plural = _("rekap harian")
        constraints = [
            models.UniqueConstraint(
                fields=["regency", "day", "spot", "attendant", "vehicle_class", "channel"],
                name="rollup_day_key",
            ),
        ]
        indexes = [models.Index(fields=["regency", "attendant", "day"])]

    def __str__(self) -> str:
        return f"{self.day} spot {self.spot_id} {self.channel}"
