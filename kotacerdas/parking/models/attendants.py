"""Juru parkir and their assignments to spots."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.models import Regency
from kotacerdas.parking.models.registry import Spot

MAX_PHOTO_BYTES = 2 * 1024 * 1024


def validate_photo(file: Any) -> None:
    """Photos are shown on a public page: small, and only JPEG/PNG/WebP."""
    if file.size > MAX_PHOTO_BYTES:
        raise ValidationError(_("Foto maksimal 2 MB."))
    name = str(getattr(file, "name", "")).lower()
    if not name.endswith((".jpg", ".jpeg", ".png", ".webp")):
        raise ValidationError(_("Foto harus JPEG, PNG atau WebP."))


class Attendant(models.Model):
    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="attendant"
    )
    code = models.CharField(_("kode jukir"), max_length=16)
    name = models.CharField(_("nama"), max_length=120)
    photo = models.ImageField(
        _("foto"), upload_to="parking/attendants/", blank=True, validators=[validate_photo]
    )
    # Only the masked NIK is kept (first 4 and last 4 digits); the full number is PII that
    # no page of this system needs.
    nik_masked = models.CharField(_("NIK (tersamar)"), max_length=16, blank=True)
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="team",
        verbose_name=_("koordinator (korlap)"),
    )
    is_active = models.BooleanField(_("aktif"), default=True)
    deactivated_at = models.DateTimeField(_("dinonaktifkan"), null=True, blank=True)
    deactivation_reason = models.CharField(_("alasan"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("juru parkir")
        verbose_name_plural = _("juru parkir")
        ordering = ["regency", "code"]
        constraints = [
            models.UniqueConstraint(fields=["regency", "code"], name="attendant_unique_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Assignment(models.Model):
    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    attendant = models.ForeignKey(Attendant, on_delete=models.PROTECT, related_name="assignments")
    spot = models.ForeignKey(Spot, on_delete=models.PROTECT, related_name="assignments")
    start_date = models.DateField(_("mulai"))
    end_date = models.DateField(_("selesai"), null=True, blank=True)

    class Meta:
        verbose_name = _("penugasan")
        verbose_name_plural = _("penugasan")
        ordering = ["regency", "attendant", "-start_date"]
        indexes = [models.Index(fields=["regency", "spot", "start_date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="assignment_period_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.attendant.code} @ {self.spot.code}"

    def active_on(self, day: date) -> bool:
        return self.start_date <= day and (self.end_date is None or day <= self.end_date)
