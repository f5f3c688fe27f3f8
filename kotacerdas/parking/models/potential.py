"""What a spot could collect: capacity and turnover per vehicle class (recalibrated by
korlap surveys), and the regional budget (APBD) target per month."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.models import Regency
from kotacerdas.parking.models.registry import Spot, VehicleClass


class TurnoverSource(models.TextChoices):
    ASSUMED = "assumed", _("Perkiraan awal")
    SURVEY = "survey", _("Hasil survei korlap")


class SpotCapacity(models.Model):
    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    spot = models.ForeignKey(Spot, on_delete=models.CASCADE, related_name="capacities")
    vehicle_class = models.CharField(_("golongan"), max_length=16, choices=VehicleClass.choices)
    capacity = models.PositiveIntegerField(_("kapasitas (petak)"))
    # Vehicles per bay per hour, in hundredths (150 = 1.5), so potential stays integer.
    turnover_x100 = models.PositiveIntegerField(_("perputaran per jam (×100)"))
    source = models.CharField(
        _("sumber"), max_length=8, choices=TurnoverSource.choices, default=TurnoverSource.ASSUMED
    )
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    class Meta:
        verbose_name = _("kapasitas titik")
        verbose_name_plural = _("kapasitas titik")
        ordering = ["regency", "spot", "vehicle_class"]
        constraints = [
            models.UniqueConstraint(
                fields=["regency", "spot", "vehicle_class"], name="capacity_unique_class"
            ),
            models.CheckConstraint(
                condition=Q(capacity__lte=10000) & Q(turnover_x100__lte=10000),
                name="capacity_sane_bounds",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.spot.code} {self.vehicle_class} {self.capacity}"


class SpotSurvey(models.Model):
    """A korlap's count at a spot (*uji petik*): vehicles per class in a timed window."""

    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    spot = models.ForeignKey(Spot, on_delete=models.PROTECT, related_name="surveys")
    surveyor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    started_at = models.DateTimeField(_("mulai"))
    minutes = models.PositiveSmallIntegerField(_("durasi (menit)"))
    counts = models.JSONField(_("jumlah kendaraan per golongan"), default=dict)
    measured = models.JSONField(_("perputaran terukur (×100)"), default=dict)
    note = models.CharField(_("catatan"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("dicatat"), auto_now_add=True)

    class Meta:
        verbose_name = _("survei titik")
        verbose_name_plural = _("survei titik")
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["regency", "spot", "started_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(minutes__gte=1) & Q(minutes__lte=240), name="survey_minutes_bounds"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.spot.code} {self.started_at:%Y-%m-%d %H:%M}"


class RevenueTarget(models.Model):
    """The APBD target for the parking levy (retribusi parkir TJU) for one month."""

    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("tahun"))
    month = models.PositiveSmallIntegerField(_("bulan"))
    amount = models.PositiveBigIntegerField(_("target (Rp)"))
    legal_reference = models.CharField(_("dasar (Perda APBD)"), max_length=160, blank=True)

    class Meta:
        verbose_name = _("target PAD parkir")
        verbose_name_plural = _("target PAD parkir")
        ordering = ["regency", "year", "month"]
        constraints = [
            models.UniqueConstraint(fields=["regency", "year", "month"], name="target_unique"),
            models.CheckConstraint(
                condition=Q(month__gte=1) & Q(month__lte=12), name="target_month_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}-{self.month:02d} Rp{self.amount}"
