"""One-time sign-in codes sent by SMS/WhatsApp. Only a keyed hash of the code is
stored; a challenge dies at its expiry, after too many wrong tries, or once used."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.models import Regency


class OtpChallenge(models.Model):
    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    phone = models.CharField(_("nomor ponsel"), max_length=16)  # E.164
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(_("dikirim"))
    expires_at = models.DateTimeField(_("berlaku sampai"))
    attempts = models.PositiveSmallIntegerField(_("percobaan salah"), default=0)
    used_at = models.DateTimeField(_("dipakai"), null=True, blank=True)

    class Meta:
        verbose_name = _("kode masuk")
        verbose_name_plural = _("kode masuk")
        ordering = ["regency", "-created_at"]
        indexes = [
            models.Index(fields=["regency", "phone", "created_at"], name="otp_regency_phone"),
        ]

    def __str__(self) -> str:
        return f"{self.phone[:5]}… {self.created_at:%Y-%m-%d %H:%M}"
