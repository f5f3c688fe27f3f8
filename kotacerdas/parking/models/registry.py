"""Where parking happens and what it costs: zones (ruas), spots (titik), operators
(pengelola) and the Perda tariffs, versioned by effective date."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.models import Kecamatan, Kelurahan, Regency


class VehicleClass(models.TextChoices):
    BICYCLE = "bicycle", _("Sepeda / becak")
    MOTORCYCLE = "motorcycle", _("Sepeda motor")
    CAR = "car", _("Mobil / pikap")
    TRUCK_MEDIUM = "truck_medium", _("Bus / truk sedang")
    TRUCK_LARGE = "truck_large", _("Bus / truk besar")


class OperatingModel(models.TextChoices):
    DIRECT = "direct", _("Dikelola langsung Dishub")
    CONCESSION = "concession", _("Dikerjasamakan dengan pengelola")


class Pengelola(models.Model):
    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("nama"), max_length=160)
    contact = models.CharField(_("kontak"), max_length=120, blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("pengelola parkir")
        verbose_name_plural = _("pengelola parkir")
        ordering = ["regency", "name"]
        constraints = [
            models.UniqueConstraint(fields=["regency", "name"], name="pengelola_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Zone(models.Model):
    """A ruas: the unit that is auctioned to a pengelola or run directly by Dishub."""

    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    code = models.CharField(_("kode"), max_length=20)
    name = models.CharField(_("nama ruas"), max_length=120)
    kecamatan = models.ForeignKey(Kecamatan, on_delete=models.PROTECT, related_name="+")
    legal_basis = models.CharField(_("dasar hukum"), max_length=160, blank=True)
    operating_model = models.CharField(
        _("model pengelolaan"), max_length=12, choices=OperatingModel.choices
    )
    pengelola = models.ForeignKey(
        Pengelola, on_delete=models.PROTECT, null=True, blank=True, related_name="zones"
    )

    class Meta:
        verbose_name = _("ruas parkir")
        verbose_name_plural = _("ruas parkir")
        ordering = ["regency", "code"]
        constraints = [
            models.UniqueConstraint(fields=["regency", "code"], name="zone_unique_code"),
            models.CheckConstraint(
                condition=Q(operating_model="direct") | Q(pengelola__isnull=False),
                name="zone_concession_needs_pengelola",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Spot(models.Model):
    """A titik parkir: where an attendant stands and a driver pays."""

    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    zone = models.ForeignKey(Zone, on_delete=models.PROTECT, related_name="spots")
    code = models.CharField(_("kode titik"), max_length=20)
    name = models.CharField(_("nama titik"), max_length=120)
    street = models.CharField(_("jalan"), max_length=120)
    kelurahan = models.ForeignKey(
        Kelurahan, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    lat = models.DecimalField(_("lintang"), max_digits=9, decimal_places=6)
    lon = models.DecimalField(_("bujur"), max_digits=9, decimal_places=6)
    legal_basis = models.CharField(_("dasar hukum (SK/Perbup)"), max_length=160, blank=True)
    capacity_motorcycle = models.PositiveIntegerField(_("kapasitas motor"), default=0)
    capacity_car = models.PositiveIntegerField(_("kapasitas mobil"), default=0)
    is_active = models.BooleanField(_("aktif"), default=True)
    opens_at = models.PositiveSmallIntegerField(_("jam buka"), default=7)
    closes_at = models.PositiveSmallIntegerField(_("jam tutup"), default=21)

    class Meta:
        verbose_name = _("titik parkir")
        verbose_name_plural = _("titik parkir")
        ordering = ["regency", "code"]
        constraints = [
            models.UniqueConstraint(fields=["regency", "code"], name="spot_unique_code"),
            models.CheckConstraint(
                condition=Q(lat__gte=-90, lat__lte=90, lon__gte=-180, lon__lte=180),
                name="spot_valid_coordinates",
            ),
            models.CheckConstraint(
                condition=Q(
                    opens_at__lte=23, closes_at__lte=24, closes_at__gt=models.F("opens_at")
                ),
                name="spot_operating_hours",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def postal_code(self) -> str:
        return self.kelurahan.postal_code if self.kelurahan and self.kelurahan.postal_code else ""


class Tariff(models.Model):
    """One Perda (or event) price for one vehicle class, valid from a date. Rows are never
    edited once charges used them; a new Perda is a new row with a later date."""

    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    vehicle_class = models.CharField(
        _("golongan kendaraan"), max_length=16, choices=VehicleClass.choices
    )
    amount = models.PositiveIntegerField(_("tarif (Rp)"))
    effective_from = models.DateField(_("berlaku mulai"))
    effective_to = models.DateField(_("berlaku sampai"), null=True, blank=True)
    legal_reference = models.CharField(_("dasar hukum"), max_length=160)
    is_event = models.BooleanField(_("tarif insidentil"), default=False)
    event_name = models.CharField(_("nama acara"), max_length=120, blank=True)
    zone = models.ForeignKey(
        Zone, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    spot = models.ForeignKey(
        Spot, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("tarif")
        verbose_name_plural = _("tarif")
        ordering = ["regency", "vehicle_class", "-effective_from"]
        indexes = [models.Index(fields=["regency", "vehicle_class", "effective_from"])]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="tariff_positive"),
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True)
                | Q(effective_to__gte=models.F("effective_from")),
                name="tariff_period_order",
            ),
            models.CheckConstraint(
                condition=Q(is_event=True) | (Q(zone__isnull=True) & Q(spot__isnull=True)),
                name="tariff_scope_only_for_events",
            ),
            models.UniqueConstraint(
                fields=["regency", "vehicle_class", "effective_from"],
                condition=Q(is_event=False),
                name="tariff_one_regular_per_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_vehicle_class_display()} Rp{self.amount} ({self.legal_reference})"
